"""How hard reportlab compresses a PDF's streams (page content, embedded fonts, CMaps).

reportlab deflates every stream at zlib's default level (6) and has no setting for it. For a
letter (bench/bench_batch.py, the sample preauthorization: four pages and three embedded
DejaVu subsets, about 100 KB of streams) level 1 takes 2.2 ms against 3.5 ms at level 6, and
the PDF grows by 5% (70 KB against 66 KB); levels 7 to 9 save under 1% more and cost more.
A letter goes out by fax or portal upload, where a few kilobytes do not matter and a batch of
thousands is waited for, so the fast level is chosen. Streams stay FlateDecode: every reader
opens them as before, and the text, fonts and layout are unchanged.

A font subset that pdf_font_subsets.py keeps for the next letter is kept here deflated too, so
the same subset is compressed once per process rather than once per letter.
"""

from __future__ import annotations

import threading
import zlib
from typing import Final

LEVEL: Final = 1
_lock = threading.Lock()
_installed = False
_deflated: dict[bytes, bytes] = {}  # kept font subsets, raw -> deflated at LEVEL
_kept_lock = threading.Lock()


def deflate(data: bytes | str) -> bytes:
    """One stream deflated at LEVEL, as reportlab's own filter does at its default level."""
    if isinstance(data, str):
        data = data.encode("utf8")
    kept = _deflated.get(data) if _deflated else None
    return kept if kept is not None else zlib.compress(data, LEVEL)


def keep_deflated(data: bytes) -> None:
    """Deflate `data` now and keep the result for every later stream with the same bytes."""
    made = zlib.compress(data, LEVEL)
    with _kept_lock:
        _deflated[data] = made


def forget_deflated(data: bytes) -> None:
    with _kept_lock:
        _deflated.pop(data, None)


def install() -> None:
    """Make reportlab's one Flate filter compress at LEVEL (once per process, thread-safe).

    Every stream names that one filter object (pdfdoc.PDFZCompress), so setting its encoder
    covers page content, fonts and their CMaps; decoding is untouched. (Images are
    deflated by reportlab when it reads them, at its own level.)"""
    global _installed
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase import pdfdoc

        pdfdoc.PDFZCompress.encode = deflate
        _installed = True
