"""Rendering many case files at once; one bad case fails alone and is reported.

Every letter written gets its own audit entry, recorded by this process over one database
connection kept open for the whole batch; a worker's letter waits in its `.part-` file until
its entry is committed, so no letter appears unaudited.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import AppError, CaseFileError, RenderRefused, StorageError
from desktop_app.services.render import Format


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: Path
    output: Path | None
    status: str  # "written", "refused" or "unusable"
    message: str = ""
    # While a letter waits for its audit entry: its .part- file and what the entry records.
    part: Path | None = None
    detail: tuple[tuple[str, str | bool], ...] = ()


def collect_case_files(inputs: Iterable[Path]) -> list[Path]:
    """Case files named directly, or every *.json in a folder, sorted for a stable order."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.glob("*.json") if p.is_file()))
        else:
            files.append(item)
    return files


def render_one(source: Path, out_dir: Path, fmt: Format, owner_pid: int | None = None) -> BatchItem:
    """Render one case file into a `.part-` file beside its target; never raises for a bad case.

    The item comes back "rendered"; `finish_item` records it and gives it its name.
    """
    from desktop_app.domain.casefile import load_case
    from desktop_app.services.render import letter_detail, render_letter, write_part

    target = out_dir / f"{source.stem}.{fmt}"
    try:
        letter = render_letter(load_case(source), fmt=fmt)
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


def finish_item(item: BatchItem) -> BatchItem:
    """Record a rendered letter in the audit log, then move it under its name."""
    from desktop_app.services import audit
    from desktop_app.storage.part_files import commit_part, discard_part

    if item.status != "rendered" or item.part is None or item.output is None:
        return item
    try:
        audit.record("letter.rendered", detail={**dict(item.detail), "batch": True})
        commit_part(item.part, item.output)
    except AppError as exc:
        discard_part(item.part)
        return BatchItem(item.source, None, "unusable", f"not written: {exc}")
    return BatchItem(item.source, item.output, "written")


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


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Fork where the platform has it: workers start with the render stack already loaded."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def render_batch(
    files: list[Path],
    out_dir: Path,
    fmt: Format,
    *,
    jobs: int = 1,
    progress: Callable[[int, int, BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Render every file into out_dir, across `jobs` processes; results in input order.

    The database is opened first: DatabaseUnusable before any letter is written.
    """
    from desktop_app.services import audit

    audit.require_database()
    _make_output_folder(out_dir)
    results: dict[Path, BatchItem] = {}
    total = len(files)
    owner = os.getpid()
    if jobs <= 1 or total <= 1:
        for done, source in enumerate(files, 1):
            results[source] = item = finish_item(render_one(source, out_dir, fmt))
            if progress:
                progress(done, total, item)
    else:
        from desktop_app.services.render import prepare_rendering

        prepare_rendering(fmt)
        workers = min(jobs, total, os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context()) as pool:
            futures = {pool.submit(render_one, s, out_dir, fmt, owner): s for s in files}
            for future in as_completed(futures):
                source = futures[future]
                try:
                    rendered = future.result()
                except Exception:  # noqa: BLE001  a worker died: its cases are tried again
                    continue
                results[source] = item = finish_item(rendered)
                if progress:
                    progress(len(results), total, item)
        # A worker that dies (killed for memory, a crash in a C library) takes the other
        # cases in flight with it. Each of those runs again in a process of its own, so only
        # the case that kills its process is reported.
        for source in [s for s in files if s not in results]:
            results[source] = item = finish_item(_render_alone(source, out_dir, fmt, owner))
            if progress:
                progress(len(results), total, item)
    return [results[s] for s in files]


def _render_alone(source: Path, out_dir: Path, fmt: Format, owner: int) -> BatchItem:
    with ProcessPoolExecutor(max_workers=1, mp_context=_fork_context()) as pool:
        try:
            return pool.submit(render_one, source, out_dir, fmt, owner).result()
        except Exception:  # noqa: BLE001  this case kills the process that renders it
            return BatchItem(
                source, None, "unusable", "could not be rendered: its process stopped"
            )
