"""Rendering many case files at once; one bad case fails alone and is reported."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import AppError, CaseFileError, RenderRefused
from desktop_app.services.render import Format


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: Path
    output: Path | None
    status: str  # "written", "refused" or "unusable"
    message: str = ""


def collect_case_files(inputs: Iterable[Path]) -> list[Path]:
    """Case files named directly, or every *.json in a folder, sorted for a stable order."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.glob("*.json") if p.is_file()))
        else:
            files.append(item)
    return files


def render_one(source: Path, out_dir: Path, fmt: Format) -> BatchItem:
    """Render one case file; never raises for a bad case."""
    from desktop_app.domain.casefile import load_case
    from desktop_app.services.render import render_letter, save_letter

    target = out_dir / f"{source.stem}.{fmt}"
    try:
        letter = render_letter(load_case(source), fmt=fmt)
        save_letter(letter, target)
    except RenderRefused as exc:
        return BatchItem(source, None, "refused", exc.message)
    except CaseFileError as exc:
        return BatchItem(source, None, "unusable", str(exc))
    except AppError as exc:
        return BatchItem(source, None, "unusable", str(exc))
    return BatchItem(source, target, "written")


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
    """Render every file into out_dir, across `jobs` processes; results in input order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[Path, BatchItem] = {}
    total = len(files)
    if jobs <= 1 or total <= 1:
        for done, source in enumerate(files, 1):
            results[source] = item = render_one(source, out_dir, fmt)
            if progress:
                progress(done, total, item)
    else:
        from desktop_app.services.render import prepare_rendering

        prepare_rendering(fmt)
        workers = min(jobs, total, os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context()) as pool:
            futures = {pool.submit(render_one, s, out_dir, fmt): s for s in files}
            for done, future in enumerate(as_completed(futures), 1):
                source = futures[future]
                try:
                    item = future.result()
                except Exception:  # noqa: BLE001  a crashed worker fails its case alone
                    item = BatchItem(source, None, "unusable", "could not be rendered")
                results[source] = item
                if progress:
                    progress(done, total, item)
    return [results[s] for s in files]
