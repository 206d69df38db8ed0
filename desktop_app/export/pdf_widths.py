"""Word widths remembered: line breaking measures the same words all day.

The PDF's line breaking (pdf_words) measures every word of every paragraph through reportlab's
`stringWidth` (pdfmetrics.getFont and TTFont.stringWidth to its C accelerator). A letter says
"the", "of" and the patient's name again and again, and a batch says them in every letter, so
the width of a word in a bundled face at a size is kept after it is first measured: the same
function's answer for the same input, so every line breaks where it did. Only the bundled
faces are kept (fonts.py registers each name once per process, with one font file), only for
plain strings, and at most KEPT entries.
"""

from __future__ import annotations

import threading
from typing import Any, Final

from desktop_app.export.fonts import FONT_FILES

KEPT: Final = 50_000  # about 5 MB; a letter measures a few hundred different words
_lock = threading.Lock()
_installed = False
_widths: dict[tuple[str, str, float], float] = {}
reportlab_width: Any = None  # reportlab's own pdfmetrics.stringWidth, kept once installed


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


def install() -> None:
    """Take reportlab's stringWidth for string_width to ask (once per process, thread-safe).

    Only pdfmetrics is imported: reportlab's platypus, which a DOCX measuring its running
    header (measure.py) has no use for, stays unloaded.
    """
    global _installed, reportlab_width
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase import pdfmetrics

        reportlab_width = pdfmetrics.stringWidth
        _installed = True
