"""Word widths and face heights remembered: line breaking measures the same words all day.

reportlab's line breaking measures every word of every paragraph (`stringWidth`, through
pdfmetrics.getFont and TTFont.stringWidth to its C accelerator): about 1,900 calls a letter,
three Python calls deep each. A letter says "the", "of" and the patient's name again and
again, and a batch says them in every letter, so the width of a word in a bundled face at a
size is kept after it is first measured: the same function's answer for the same input, so
every line breaks where it did. Only the bundled faces are kept (fonts.py registers each name
once per process, with one font file), only for plain strings, and at most KEPT entries.

Line breaking also asks a face's ascent and descent at a size for every piece of every line
(about 550 times a letter), and reportlab answers through a lookup and a caught
AttributeError each time; those answers are kept the same way (a few per letter).
"""

from __future__ import annotations

import threading
from typing import Any, Final

from desktop_app.export.fonts import FONT_FILES

KEPT: Final = 50_000  # about 5 MB; a letter measures a few hundred different words
_lock = threading.Lock()
_installed = False
_widths: dict[tuple[str, str, float], float] = {}
_heights: dict[tuple[str, float | None], tuple[float, float]] = {}
reportlab_width: Any = None  # reportlab's own pdfmetrics.stringWidth, kept once installed
reportlab_ascent_descent: Any = None  # and its getAscentDescent


# reportlab's parameter names: callers may pass them by keyword.
def string_width(text: Any, fontName: str, fontSize: float, encoding: str = "utf8") -> float:
    """pdfmetrics.stringWidth, remembered for plain text in the bundled faces."""
    key = (text, fontName, fontSize)
    width = _widths.get(key) if type(text) is str else None  # a subclass carries more
    if width is not None:
        return width
    measured: float = reportlab_width(text, fontName, fontSize, encoding)
    if type(text) is str and fontName in FONT_FILES and encoding == "utf8":
        if len(_widths) >= KEPT:
            _widths.clear()  # start again rather than grow: the next letter refills it
        _widths[key] = measured
    return measured


# reportlab's parameter names: callers may pass them by keyword.
def ascent_descent(fontName: str, fontSize: float | None = None) -> tuple[float, float]:
    """pdfmetrics.getAscentDescent, remembered for the bundled faces."""
    key = (fontName, fontSize)
    kept = _heights.get(key)
    if kept is not None:
        return kept
    ascent, descent = reportlab_ascent_descent(fontName, fontSize)
    measured = (ascent, descent)
    if fontName in FONT_FILES and len(_heights) < KEPT:
        _heights[key] = measured
    return measured


def install() -> None:
    """Measure line breaking's words and heights through the kept answers (once per process,
    thread-safe)."""
    global _installed, reportlab_width, reportlab_ascent_descent
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase import pdfmetrics

        from desktop_app.export.reportlab_platypus import paragraph

        reportlab_width = pdfmetrics.stringWidth
        reportlab_ascent_descent = pdfmetrics.getAscentDescent
        paragraph.stringWidth = string_width
        paragraph.getAscentDescent = ascent_descent
        _installed = True
