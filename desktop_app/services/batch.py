"""Rendering many case files at once; one bad case fails alone and is reported.

Every letter written gets its own audit entry, recorded by this process over one database
connection kept open for the whole batch; a worker's letter waits in its `.part-` file until
its entry is committed, so no letter appears unaudited. Letters that finish together are
recorded in one transaction. What every letter shares (its template, the practice settings)
is read once per batch. The workers run in services/batch_pool.py; Ctrl+C stops the batch
with every finished letter kept and no half-written file left (BatchInterrupted), and
`skip_existing` lets the same command finish the rest.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import AppError, CaseFileError, RenderRefused, StorageError
from desktop_app.services.render import Format

if TYPE_CHECKING:
    from desktop_app.domain.case import Case
    from desktop_app.letters.templates import LetterTemplate
    from desktop_app.services.render import RenderedLetter
    from desktop_app.storage.settings import PracticeSettings

Progress = Callable[[int, int, "BatchItem"], None]


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: Path
    output: Path | None
    status: str  # "written", "skipped" (already there), "refused" or "unusable"
    message: str = ""
    # While a letter waits for its audit entry: its .part- file and what the entry records.
    part: Path | None = None
    detail: tuple[tuple[str, str | bool], ...] = ()


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl+C stopped the batch: `results` holds the files dealt with before it (written
    letters are whole and audited); the rest were not started or were taken back."""

    def __init__(self, results: list[BatchItem], total: int) -> None:
        super().__init__("stopped")
        self.results = results
        self.total = total


@dataclass
class BatchSetup:
    """What every letter of one batch shares, read once: templates by letter kind, settings.

    Handed to each worker process when it starts, so no letter reads them again."""

    settings: PracticeSettings | None = None
    settings_problem: StorageError | None = None
    templates: dict[str, LetterTemplate] = field(default_factory=dict)

    @classmethod
    def read(cls) -> BatchSetup:
        from desktop_app.errors import TemplateError
        from desktop_app.letters.templates import KIND_TEMPLATES, template_for_kind
        from desktop_app.services.practice_data import practice_settings
        from desktop_app.services.template_sources import letter_template_folders

        setup = cls()
        try:
            setup.settings = practice_settings()  # the practice's part over this desk's
        except StorageError as exc:
            setup.settings_problem = exc  # each letter reports it, as before
        folders = letter_template_folders()
        for kind in KIND_TEMPLATES:
            with contextlib.suppress(TemplateError):  # a case of that kind reports it
                setup.templates[kind] = template_for_kind(kind, folders)
        return setup

    def render(self, case: Case, fmt: Format) -> RenderedLetter:
        from desktop_app.services.render import render_letter

        if self.settings_problem is not None:
            raise self.settings_problem
        kind = case.letter.kind or "preauth"
        # A case that names its own template is drawn from it (services/case_template.py).
        own = (case.letter.template or "").strip()
        return render_letter(case, fmt=fmt, template=None if own else self.templates.get(kind),
                             settings=self.settings)


# The running batch's setup in this process (a worker's, or the batch's own for --jobs 1).
_setup: BatchSetup | None = None


def start_worker(setup: BatchSetup | None) -> None:
    """In each worker process: adopt the batch's setup; Ctrl+C is for the batch to handle,
    so a worker finishes the letter in hand instead of leaving half of it."""
    global _setup
    _setup = setup
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def collect_case_files(inputs: Iterable[Path]) -> list[Path]:
    """Case files named directly, or every *.json in a folder, sorted for a stable order."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.glob("*.json") if p.is_file()))
        else:
            files.append(item)
    return files


def target_for(source: Path, out_dir: Path, fmt: Format) -> Path:
    return out_dir / f"{source.stem}.{fmt}"


def render_one(source: Path, out_dir: Path, fmt: Format, owner_pid: int | None = None) -> BatchItem:
    """Render one case file into a `.part-` file beside its target; never raises for a bad case.

    The item comes back "rendered"; `finish_items` records it and gives it its name.
    """
    from desktop_app.domain.casefile import load_case
    from desktop_app.services.render import letter_detail, render_letter, write_part

    target = target_for(source, out_dir, fmt)
    try:
        case = load_case(source)
        letter = _setup.render(case, fmt) if _setup is not None else render_letter(case, fmt=fmt)
        part = write_part(letter, target, owner_pid)
    except RenderRefused as exc:
        return BatchItem(source, None, "refused", exc.message)
    except CaseFileError as exc:
        return BatchItem(source, None, "unusable", str(exc))
    except AppError as exc:
        return BatchItem(source, None, "unusable", str(exc))
    except (MemoryError, RecursionError) as exc:
        return BatchItem(source, None, "unusable", _unexpected(exc, "too large or too deep"))
    except Exception as exc:  # noqa: BLE001  one bad case fails alone, whatever the job count
        return BatchItem(source, None, "unusable", _unexpected(exc, "could not be rendered"))
    return BatchItem(source, target, "rendered", part=part,
                     detail=tuple(letter_detail(letter).items()))


def finish_items(items: list[BatchItem]) -> list[BatchItem]:
    """Record the rendered letters in the audit log (one transaction), then move each under
    its name. If the entries cannot be written, none of those letters appears."""
    from desktop_app.services import audit
    from desktop_app.storage.part_files import commit_part, discard_part

    rendered = [(i, i.part, i.output) for i in items
                if i.status == "rendered" and i.part and i.output]
    finished = {id(i): i for i in items}
    with interrupts_held():
        try:
            if rendered:
                audit.record_many(
                    [("letter.rendered", None, {**dict(i.detail), "batch": True})
                     for i, _part, _output in rendered]
                )
        except AppError as exc:
            for item, part, _output in rendered:
                discard_part(part)
                finished[id(item)] = BatchItem(item.source, None, "unusable",
                                               f"not written: {exc}")
            rendered = []
        for item, part, output in rendered:
            try:
                commit_part(part, output)
            except AppError as exc:
                finished[id(item)] = BatchItem(item.source, None, "unusable",
                                               f"not written: {exc}")
            else:
                finished[id(item)] = BatchItem(item.source, item.output, "written")
    return [finished[id(i)] for i in items]


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl+C waits until the block is done: a letter is never left audited but unnamed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _make_output_folder(out_dir: Path) -> None:
    """A new output folder is private (0700): the letters in it are patient data."""
    if out_dir.is_dir():
        return
    try:
        out_dir.mkdir(parents=True, mode=0o700)
        out_dir.chmod(0o700)
    except FileExistsError:
        return
    except OSError as exc:
        raise StorageError(
            f"cannot create the output folder ({exc.strerror})", file=str(out_dir)
        ) from None


def _unexpected(exc: BaseException, words: str) -> str:
    # The type only: the exception's text could quote patient data.
    return f"{words} ({type(exc).__name__}); please report it to support"


# With the default job count, a batch of this many letters or fewer is made in this process:
# starting workers (forking them, a warm-up letter for them to inherit) cost more than the
# second core saved. Measured on 2 cores, whole process, medians: 4 letters 419 ms here against
# 443 ms with two workers, 8 letters 517 against 530 ms, 12 letters 637 against 580 ms.
IN_THIS_PROCESS_UP_TO = 8


def default_jobs() -> int:
    """As many worker processes as this process may use cores: all of the computer's, unless
    it is confined to fewer (taskset, a container's CPU set), where more would only queue."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def render_batch(
    files: list[Path],
    out_dir: Path,
    fmt: Format,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    skip_existing: bool = False,
) -> list[BatchItem]:
    """Render every file into out_dir, across `jobs` processes (default: one per core, or
    this process alone for a few letters); results in input order. `skip_existing` leaves a
    letter already written there as it is.

    The database is opened first: DatabaseUnusable before any letter is written. Ctrl+C
    raises BatchInterrupted once the letters in hand are finished or taken back.
    """
    from desktop_app.services import audit, batch_pool

    audit.require_database()
    _make_output_folder(out_dir)
    results: dict[Path, BatchItem] = {}
    total = len(files)
    todo = []
    for source in files:
        target = target_for(source, out_dir, fmt)
        if skip_existing and target.is_file():
            results[source] = BatchItem(source, target, "skipped", "already written")
        else:
            todo.append(source)

    def report(items: list[BatchItem]) -> None:
        # All noted first: a Ctrl+C during the progress line must not lose a written letter.
        start = len(results)
        for item in items:
            results[item.source] = item
        for number, item in enumerate(items, start + 1):
            if progress:
                progress(number, total, item)

    if results and progress:  # the letters already there count as done from the start
        progress(len(results), total, next(reversed(results.values())))
    usable = default_jobs()  # more workers than usable cores would only take turns
    workers = min(jobs or usable, len(todo), usable)
    if jobs is None and len(todo) <= IN_THIS_PROCESS_UP_TO:
        workers = 1
    try:
        batch_pool.run(todo, out_dir, fmt, workers, report)
    except KeyboardInterrupt:
        raise BatchInterrupted([results[s] for s in files if s in results], total) from None
    return [results[s] for s in files]
