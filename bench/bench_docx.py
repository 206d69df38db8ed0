"""Goal 5, DOCX: one letter to DOCX in process against the same letter to PDF, side by side.

Both include everything a letter costs in process (check, template, layout, writing the
file's bytes). Goal: the DOCX at most 1.5x the PDF. Run alone: `.venv/bin/python
bench/bench_docx.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import SAMPLE, save_results, side_by_side, timed_call, verdict

RUNS = 15
GOAL = 1.5


def main() -> int:
    os.environ.setdefault("PA_LETTER_HOME", tempfile.mkdtemp(prefix="pa-bench-docx-"))
    from desktop_app.domain.casefile import load_case
    from desktop_app.services.render import render_letter

    case = load_case(SAMPLE)
    for fmt in ("pdf", "docx"):
        render_letter(case, fmt=fmt, override_reason="benchmark")  # imports and caches
    docx, pdf = side_by_side(
        timed_call(lambda: render_letter(case, fmt="docx", override_reason="benchmark")),
        timed_call(lambda: render_letter(case, fmt="pdf", override_reason="benchmark")),
        RUNS,
    )
    ratio = docx / pdf
    print(f"one letter in process: DOCX {docx * 1000:.1f} ms, PDF {pdf * 1000:.1f} ms")
    print(f"GOAL 5 DOCX: {ratio:.2f}x the PDF ({verdict(ratio <= GOAL)} the {GOAL:g}x goal)")
    save_results({"docx_in_process_ms": docx * 1000, "pdf_in_process_ms": pdf * 1000,
                  "ratio_docx": ratio})
    return 0


if __name__ == "__main__":
    sys.exit(main())
