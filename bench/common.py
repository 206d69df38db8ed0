"""Helpers the benchmarks share: timing, medians, the CLI, LibreOffice and the results file.

Every goal is a ratio against a baseline measured in the same run, because other work on
the machine slows both sides alike; single timings are printed for reference only.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "medicare-part-b-preauth.json"
CORES = os.cpu_count() or 1
RESULTS_ENV = "PA_BENCH_RESULTS"  # run_all.py gathers each script's results in this file


def _bench_cache() -> None:
    """The bench's own cache folder (compiled templates, font entries), never the user's.

    Made once per bench run and shared by its scripts (they inherit the environment), so each
    measures an office that used the app before: its warm-up runs fill the cache.
    """
    if os.environ.get("PA_LETTER_CACHE"):
        return
    import atexit
    import tempfile

    folder = tempfile.mkdtemp(prefix="pa-bench-cache-")
    os.environ["PA_LETTER_CACHE"] = folder
    atexit.register(shutil.rmtree, folder, ignore_errors=True)


_bench_cache()


def pa_letter() -> list[str]:
    script = Path(sys.executable).parent / "pa-letter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop_app.cli"]


def run_timed(
    cmd: Sequence[str], env: dict[str, str] | None = None, *, check: bool = True
) -> float:
    """Seconds one whole process takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(list(cmd), check=check, capture_output=True, env=env)
    return time.perf_counter() - start


def median_of(action: Callable[[], object], runs: int, *, warm: int = 1) -> float:
    for _ in range(warm):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def side_by_side(
    ours: Callable[[], float], baseline: Callable[[], float], runs: int, *, warm: int = 0
) -> tuple[float, float]:
    """Medians of two measurements taken in turn, so a busy spell slows both alike.

    Each callable returns the seconds it measured (a whole process, or one call). The two
    take turns going first: what one leaves behind (garbage to collect, a cooled cache) then
    falls on each side as often. `warm` rounds of each run first and are not counted.
    """
    for _ in range(warm):
        ours()
        baseline()
    mine, theirs = [], []
    for run in range(runs):
        if run % 2:
            theirs.append(baseline())
            mine.append(ours())
        else:
            mine.append(ours())
            theirs.append(baseline())
    return statistics.median(mine), statistics.median(theirs)


def timed_call(action: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    return run


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(profile: Path, docs: Sequence[Path], out: Path) -> float:
    """Seconds one LibreOffice process takes to convert `docs` to PDF with `profile`."""
    command = [
        soffice() or "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, docs),
    ]
    return run_timed(command)


def bench_env(home: Path) -> dict[str, str]:
    """The environment for a CLI run: its own data folder, never the user's."""
    return dict(os.environ, PA_LETTER_HOME=str(home))


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def save_results(results: dict[str, object]) -> None:
    """Add this script's results to the file run_all.py reads (when run by it)."""
    target = os.environ.get(RESULTS_ENV)
    if not target:
        return
    path = Path(target)
    known = json.loads(path.read_text()) if path.exists() else {}
    known.update(results)
    path.write_text(json.dumps(known, indent=2) + "\n")


def copies(source: Path, folder: Path, count: int) -> list[Path]:
    """`count` copies of one case file, named case-00000.json ... in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    paths = []
    for number in range(count):
        path = folder / f"case-{number:05}.json"
        path.write_bytes(data)
        paths.append(path)
    return paths
