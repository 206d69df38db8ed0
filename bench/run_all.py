"""Benchmarks, printed as ratios against baselines measured in the same run.

Run with `make bench`. Never part of the test suite: timings depend on the machine. Each
script prints its own lines and leaves its numbers in bench/last-run.json; the summary at
the end names every goal of the speed issue with its ratio. `make bench` runs every script;
`bench/run_all.py NAME...` (batch, render, typing, ui, signing, docx, scale, worst_case,
many_desks) runs only those. A script that stops with an error (or a largest-case letter over
its 5 s) is named at the end, and the run exits 1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = ("batch", "render", "typing", "ui", "signing", "docx", "scale", "worst_case",
           "many_desks")

# (goal, result key, target, how the ratio reads, True when larger is better)
GOALS = (
    ("1 batch vs warm LibreOffice, per letter", "ratio_batch", 6.0, "x faster", True),
    ("1 one letter in process vs reportlab floor", "ratio_floor", 1.2, "x the floor", False),
    ("2 pa-letter render vs one LibreOffice run", "ratio_render", 2.5, "x faster", True),
    ("3 keystroke to checklist (ms)", "keystroke_to_checklist_ms", 60.0, "ms", False),
    ("3 last keystroke to preview (ms)", "preview_after_typing_ms", 300.0, "ms", False),
    ("3 GUI start vs a bare Qt window", "ratio_start", 3.0, "x the bare window", False),
    ("4 sign in process (ms)", "sign_opened_ms", 50.0, "ms", False),
    ("4 verify vs 2x pdfsig + 100 ms", "ratio_verify", 1.0, "of the allowance", False),
    ("5 DOCX vs PDF, per letter", "ratio_docx", 1.5, "x the PDF", False),
    ("6 memory growth over 5,000 letters", "scale_memory_growth", 1.1, "x", False),
)


def summary(results: dict[str, object]) -> list[str]:
    lines = ["", "== goals of the speed issue (each against its baseline in this run)"]
    for name, key, target, unit, larger in GOALS:
        value = results.get(key)
        if not isinstance(value, int | float):
            lines.append(f"{name:<46} not measured")
            continue
        ok = value >= target if larger else value <= target
        sign = ">=" if larger else "<="
        lines.append(f"{name:<46} {value:8.2f} {unit:<18} goal {sign} {target:g}  "
                     f"{'meets' if ok else 'MISSES'}")
    resumed = results.get("stop_resume_ok")
    if resumed is not None:
        lines.append(f"{'6 Ctrl+C leaves whole letters; --skip-existing':<46} "
                     f"{'meets' if resumed else 'MISSES'}")
    imports = results.get("render_imports")
    if imports is not None:
        lines.append(f"{'2 database libraries one render imports':<46} {imports}")
    slowest, goal = results.get("worst_case_slowest_s"), results.get("worst_case_goal_s")
    if isinstance(slowest, int | float) and isinstance(goal, int | float):
        lines.append(f"{'the largest case, its slowest letter (s)':<46} {slowest:8.2f} "
                     f"{'s':<18} goal < {goal:g}  {'meets' if slowest < goal else 'MISSES'}")
    return lines


def stopped(failed: list[tuple[str, int]]) -> list[str]:
    """The scripts that stopped with an error: their numbers are missing or partial."""
    return [f"bench_{name}.py STOPPED (exit {code}): its output above says why; the goals it "
            "measures are not measured" for name, code in failed]


def main(argv: list[str]) -> int:
    chosen = argv or list(SCRIPTS)
    unknown = [name for name in chosen if name not in SCRIPTS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(SCRIPTS)}")
        return 2
    with tempfile.TemporaryDirectory(prefix="pa-bench-") as tmp:
        results_file = Path(tmp) / "results.json"
        env = dict(os.environ, PA_BENCH_RESULTS=str(results_file))
        failed: list[tuple[str, int]] = []
        for name in chosen:
            print(f"\n== bench_{name}.py", flush=True)
            done = subprocess.run([sys.executable, str(BENCH / f"bench_{name}.py")], env=env,
                                  check=False)
            if done.returncode:
                failed.append((name, done.returncode))
        results = json.loads(results_file.read_text()) if results_file.exists() else {}
    print("\n".join(summary(results) + stopped(failed)))
    (BENCH / "last-run.json").write_text(json.dumps(results, indent=2) + "\n")
    # A script that stopped (a letter it could not make, say) fails the run: a traceback in
    # the middle of the output is easily scrolled past.
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
