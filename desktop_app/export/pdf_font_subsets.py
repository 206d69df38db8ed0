"""Embedded font subsets made once per process for each set of characters, and deflated once.

Each PDF embeds, for every face it sets, a subset of the TrueType font cut to the characters
it uses (reportlab's TTFontFace.makeSubset). The first subset of every face holds printable
ASCII whatever a letter uses (rl_config.ttfAsciiReadable), and the 31 marks and accented
letters of pdf_glyph_codes.FIRST_CODES in one fixed order; so letters that use no other
characters (nearly every US letter) embed the same first subset of each face. A batch cut it
again and again: about 0.5 ms a face to cut and 0.3 ms more to deflate, three faces a letter
(bench/bench_batch.py, cProfile). So a subset is kept, keyed by its font file and its exact
list of characters, and its deflated bytes with it; a letter whose subset differs in any
character gets its own, cut as before. The bytes embedded are exactly the ones reportlab
would make for that subset.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Final

from desktop_app.export import pdf_deflate

# A subset of DejaVu Sans is 35-40 KB, and about as much again deflated: 48 kept is under
# 4 MB, enough for the faces and character sets of a few templates in one batch.
KEPT: Final = 48

_lock = threading.Lock()
_installed = False
_kept: OrderedDict[tuple[str, bytes, tuple[int, ...]], bytes] = OrderedDict()
reportlab_make_subset: Any = None  # reportlab's own TTFontFace.makeSubset, kept once installed


def subset_bytes(face: Any, subset: list[int]) -> bytes:
    """The font file of `face` cut to `subset`, as reportlab cuts it, once per process."""
    # Keyed by the font file, not the face object: a subset depends only on the file's bytes,
    # and a face made again from the same file (parsed_fonts.py) cuts the same subset.
    key = (str(face.filename), bytes(face.name), tuple(subset))
    with _lock:
        made = _kept.get(key)
        if made is not None:
            _kept.move_to_end(key)
            return made
        # Under the lock: cutting reads the font file through the face's own read position.
        made = bytes(reportlab_make_subset(face, subset))
        _kept[key] = made
        pdf_deflate.keep_deflated(made)
        while len(_kept) > KEPT:
            _, dropped = _kept.popitem(last=False)
            pdf_deflate.forget_deflated(dropped)
    return made


def kept_count() -> int:
    with _lock:
        return len(_kept)


def install() -> None:
    """Make reportlab cut font subsets through subset_bytes (once per process, thread-safe)."""
    global _installed, reportlab_make_subset
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase.ttfonts import TTFontFace

        reportlab_make_subset = TTFontFace.makeSubset
        TTFontFace.makeSubset = subset_bytes
        _installed = True
