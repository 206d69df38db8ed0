"""What the command line prints: a findings checklist for front-desk staff, batch progress."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from desktop_app.domain.findings import Finding, Severity
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
    """A one-line progress counter on a terminal; silent when output is redirected."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int, item: BatchItem) -> None:
        if not self.live:
            return
        elapsed = time.monotonic() - self.started
        eta = elapsed / done * (total - done) if done else 0.0
        bar = "#" * int(24 * done / total) if total else ""
        self.stream.write(f"\r[{bar:<24}] {done}/{total}  about {eta:.0f} s left ")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
