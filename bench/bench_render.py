"""Goal 2, one letter as a whole process: `pa-letter render` against one LibreOffice conversion.

Staff who render one letter start one process. The baseline is one LibreOffice process
converting that letter's DOCX to PDF with a profile it already made (LibreOffice installed
and used before). Goal: `pa-letter render` at least 2.5x faster. Also printed: `pa-letter
check` as a whole process, and which database libraries a render imports.
Run alone: `.venv/bin/python bench/bench_render.py`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    SAMPLE,
    bench_env,
    libreoffice_convert,
    pa_letter,
    run_timed,
    save_results,
    side_by_side,
    soffice,
    verdict,
)

RUNS = 5
GOAL = 2.5

# Runs the CLI in this interpreter, then names the database libraries it imported.
_IMPORTS_PROBE = """
import sys
from desktop_app.cli import main
code = main(sys.argv[1:])
loaded = sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'sqlalchemy'})
print('imported:', ','.join(loaded) or 'neither', file=sys.stderr)
"""


def imported_libraries(env: dict[str, str], out: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_PROBE, "render", str(SAMPLE), "-o", str(out)],
        env=env, capture_output=True, text=True, check=False,
    )
    found = [line for line in done.stderr.splitlines() if line.startswith("imported:")]
    return found[-1].removeprefix("imported:").strip() if found else "unknown"


def main() -> int:
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pa-bench-render-") as tmp:
        work = Path(tmp)
        env = bench_env(work / "home")
        render = [*pa_letter(), "render", str(SAMPLE), "-o"]
        run_timed([*render, str(work / "warm.pdf")], env)  # database made, caches built
        check = [*pa_letter(), "check", str(SAMPLE)]
        if soffice():
            docx = work / "letter.docx"
            run_timed([*render, str(docx)], env)
            profile = work / "lo-profile"
            libreoffice_convert(profile, [docx], work / "lo-warm")  # the profile exists
            ours, lo = side_by_side(
                lambda: run_timed([*render, str(work / "letter.pdf")], env),
                lambda: libreoffice_convert(profile, [docx], work / "lo"),
                RUNS,
            )
            ratio = lo / ours
            results.update(render_whole_process_s=ours, libreoffice_one_s=lo, ratio_render=ratio)
            print(f"pa-letter render, whole process: {ours * 1000:.0f} ms; one LibreOffice "
                  f"DOCX->PDF conversion (warm profile): {lo * 1000:.0f} ms")
            print(f"GOAL 2 render: ours is {ratio:.1f}x faster ({verdict(ratio >= GOAL)} the "
                  f"{GOAL:g}x goal)")
        else:
            print("LibreOffice not installed: no render baseline (make bench installs it)")
        checked = sorted(run_timed(check, env, check=False) for _ in range(RUNS))[RUNS // 2]
        results["check_whole_process_s"] = checked
        print(f"pa-letter check, whole process: {checked * 1000:.0f} ms")
        libraries = imported_libraries(env, work / "probe.pdf")
        results["render_imports"] = libraries
        print(f"database libraries a render imports: {libraries}")
    save_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
