"""The reportlab floor with reportlab as shipped: run in a process of its own by bench_batch.

bench_batch's floor runs in the letter's process, where the product's changes to reportlab's
canvas, fonts and PDF writing (export/fonts.py installs them: speed-ups, and emoji that copy
out as emoji) serve the floor as well. This process turns each of them off before any font is
registered, so the same floor is measured on reportlab alone; bench_batch prints it beside
the goal, for reference (no goal of its own). Prints the median milliseconds of one floor
letter.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PRODUCT_CHANGES = ("pdf_cmap", "pdf_deflate", "pdf_glyph_codes", "pdf_font_subsets", "pdf_widths",
             "pdf_number_arrays")
RUNS = 61
WARM = 5


def main() -> int:
    import importlib

    for name in PRODUCT_CHANGES:
        module = importlib.import_module(f"desktop_app.export.{name}")
        module.install = lambda: None  # type: ignore[attr-defined]

    from bench_batch import floor_pdf
    from common import SAMPLE

    from desktop_app.domain.casefile import load_case
    from desktop_app.letters.render import render_document
    from desktop_app.letters.templates import template_for_kind

    document = render_document(load_case(SAMPLE), template_for_kind("preauth"))
    for _ in range(WARM):
        floor_pdf(document)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        floor_pdf(document)
        times.append(time.perf_counter() - start)
    print(f"{statistics.median(times) * 1000:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
