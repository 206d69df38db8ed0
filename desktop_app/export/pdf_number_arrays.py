"""Long arrays of plain numbers (a font subset's glyph widths) written out once per process.

Every embedded font subset carries the advance width of each of its glyphs as a PDF array:
128 or more numbers a face, each formatted by reportlab through three Python calls
(pdfdoc.format, fp_str, pdfdocEnc): about 2 ms of a 26 ms PDF with three faces (process
time, bench/bench_batch.py's sample). Letters that share a subset (pdf_font_subsets.py) share
its widths, so the array's bytes are kept, keyed by its exact numbers and layout: the bytes
are the ones reportlab writes. Only arrays of at least MIN_LENGTH ints and floats are kept
(no bool: True would equal 1 as a key but prints otherwise); anything else is left to
reportlab, and at most KEPT arrays are held.
"""

from __future__ import annotations

import threading
from typing import Any, Final

MIN_LENGTH: Final = 32
KEPT: Final = 256  # a few KB each
_NUMBERS: Final = frozenset({int, float})
_lock = threading.Lock()
_installed = False
_kept: dict[tuple[Any, ...], bytes] = {}
reportlab_format: Any = None  # reportlab's own PDFArray.format, kept once installed


def array_bytes(array: Any, document: Any, indent: bytes = b"\n ") -> bytes:
    """PDFArray.format, kept for long arrays of plain numbers."""
    sequence = array.sequence
    if len(sequence) < MIN_LENGTH or not set(map(type, sequence)) <= _NUMBERS:
        made: bytes = reportlab_format(array, document, indent)
        return made
    from reportlab import rl_config

    key = (tuple(sequence), array.multiline, rl_config.pdfMultiLine, indent)
    kept = _kept.get(key)
    if kept is None:
        kept = reportlab_format(array, document, indent)
        with _lock:
            if len(_kept) >= KEPT:
                _kept.clear()  # start again rather than grow
            _kept[key] = kept
    return kept


def install() -> None:
    """Format reportlab's arrays through array_bytes (once per process, thread-safe)."""
    global _installed, reportlab_format
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase import pdfdoc

        reportlab_format = pdfdoc.PDFArray.format
        pdfdoc.PDFArray.format = array_bytes
        _installed = True
