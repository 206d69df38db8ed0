"""What the command line prints: a findings checklist for front-desk staff, batch progress."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from desktop_app.domain.findings import Finding, Severity

if TYPE_CHECKING:  # types only: `check` must not load the renderer (services.batch does)
    from desktop_app.services.batch import BatchItem
    from desktop_app.services.check import CheckReport

_GROUPS = (
    (Severity.ERROR, "MUST FIX", "[x]", "the letter cannot go out until these are fixed"),
    (Severity.WARNING, "SHOULD REVIEW", "[!]", "a payer may question these"),
    (Severity.INFO, "FOR YOUR INFORMATION", "[i]", ""),
)


def print_findings(report: CheckReport, *, source: str, stream: TextIO) -> None:
    """A checklist grouped by severity, each line naming the field to fix."""
    out = stream.write
    out(f"Checked {source} against template {report.template_id}\n")
    if report.deadline is not None:
        d = report.deadline
        left = f"{d.days_left} days left" if d.days_left >= 0 else f"{-d.days_left} days ago"
        out(f"Appeal due {d.due.isoformat()} ({left}): {d.rule}\n")
    if not report.findings:
        out("\nNo problems found. The case is ready for the letter.\n")
        return
    for severity, title, mark, why in _GROUPS:
        items = [f for f in report.findings if f.severity is severity]
        if not items:
            continue
        out(f"\n{title} ({len(items)}){' - ' + why if why else ''}\n")
        for finding in items:
            out(_line(mark, finding))
    counts = report.counts
    out(
        f"\n{counts.get('error', 0)} to fix, {counts.get('warning', 0)} to review, "
        f"{counts.get('info', 0)} for information.\n"
    )


def _line(mark: str, finding: Finding) -> str:
    field = f"{finding.field}: " if finding.field else ""
    return f"  {mark} {field}{finding.message}  ({finding.code})\n"


class BatchProgress:
    """A one-line progress counter with the time left on a terminal; silent when output is
    redirected. The pace is measured from the first report, so letters skipped because
    they were already written do not make the rest look quick."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.started = time.monotonic()
        self.shown = False
        self._first: tuple[int, float] | None = None
        self._drawn = 0.0

    def __call__(self, done: int, total: int, item: BatchItem) -> None:
        if not self.live:
            return
        now = time.monotonic()
        if self._first is None:
            self._first = (done, now)
        if done < total and now - self._drawn < 0.1:
            return  # ten updates a second is plenty, even for thousands of letters
        self._drawn = now
        first_done, since = self._first
        made = done - first_done
        left = (now - since) / made * (total - done) if made > 0 else None
        bar = "#" * int(24 * done / total) if total else ""
        self.stream.write(f"\r[{bar:<24}] {done:,}/{total:,}  {time_left(left)} ")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


def time_left(seconds: float | None) -> str:
    """'about 40 s left', 'about 3 min 20 s left', 'about 1 h 5 min left'."""
    if seconds is None:
        return "working out the time left"
    whole = round(seconds)
    if whole < 60:
        return f"about {whole} s left"
    if whole < 3600:
        return f"about {whole // 60} min {whole % 60:02d} s left"
    return f"about {whole // 3600} h {whole % 3600 // 60:02d} min left"


def batch_summary(results: list[BatchItem], total: int) -> str:
    """One line: how many were written, skipped, refused or unusable (and not started)."""
    written = sum(1 for r in results if r.status == "written")
    skipped = sum(1 for r in results if r.status == "skipped")
    failed = sum(1 for r in results if r.status not in ("written", "skipped"))
    words = f"{written} written"
    if skipped:
        words += f", {skipped} already there (skipped)"
    words += f", {failed} refused or unusable"
    missing = total - len(results)
    if missing:
        words += (f"; stopped with {missing} not done: run the same command with "
                  "--skip-existing to finish")
    return words
