"""Text to the embedded font's codes, fast once the letter has used each character.

reportlab writes text in a subset font as codes it hands out the first time each character
is drawn (`TTFont.splitString`), with one Python loop step per character of every line. In a
letter nearly every line uses only characters already handed out, so here such a line is
looked up in one pass over the font's code table; a line with a character not seen yet (or
one the font lacks) goes to reportlab's own loop, which hands the new codes out as before.
For a letter that loop was 4 ms of 30 (bench/bench_batch.py, cProfile); the bytes written are
the same, so every PDF is unchanged.

Each face's first subset holds printable ASCII (reportlab's ttfAsciiReadable) and, in codes
1 to 31, the first 31 other characters the letter prints, in the order it prints them: so
two letters differing only in where a curly quote first appears embed different subsets, and
none could reuse the other's (pdf_font_subsets.py keeps a subset for exactly its characters).
So the first time a letter sets a DejaVu face, FIRST_CODES (the typographic marks and accented
letters US letters use most) take those 31 codes in one fixed order, through reportlab's own
splitString. A letter using no other characters embeds the same first subset as every such
letter, cut and deflated once per process; each face carries at most 31 glyphs it may not
print (about 2 KB), and the text, fonts and layout are as before.
"""

from __future__ import annotations

import threading
from typing import Any, Final

# The 31 characters for codes 1-31, in this order: quotes, dashes and marks a letter's
# template prints, then the accented letters of names and places staff type most often.
FIRST_CODES: Final = (
    "\u2019\u2018\u201c\u201d\u2013\u2014\u2022\u2026\u00b7\u00a7\u00b0\u00b1\u00d7\u2265\u2264\u00b5"
    "\u00ae\u00a9\u2122\u00e9\u00e1\u00ed\u00f3\u00fa\u00f1\u00fc\u00f6\u00e8\u00e7\u00bf\u00a1"
)
_lock = threading.Lock()
_installed = False
reportlab_split: Any = None  # reportlab's own TTFont.splitString, kept once installed


def known_codes(state: Any, text: str) -> list[tuple[int, bytes]] | None:
    """The (subset, bytes) pieces reportlab would make for `text`, or None if any character
    still needs a code (reportlab's loop then assigns it)."""
    try:
        # reportlab prints a no-break space as a space (ttfonts.TTFont.splitString).
        codes = list(map(state.assignments.__getitem__, map(ord, text.replace("\xa0", " "))))
    except KeyError:
        return None
    if not codes:
        return []
    try:
        return [(0, bytes(codes))]  # all in the first subset, as for nearly every letter
    except ValueError:  # a code of a later subset (above 255)
        pass
    pieces: list[tuple[int, bytes]] = []
    current, run = codes[0] >> 8, bytearray()
    for code in codes:
        if code >> 8 != current:
            pieces.append((current, bytes(run)))
            current, run = code >> 8, bytearray()
        run.append(code & 0xFF)
    pieces.append((current, bytes(run)))
    return pieces


def install() -> None:
    """Put the fast path in front of reportlab's splitString (once per process, thread-safe)."""
    global _installed, reportlab_split
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase.ttfonts import TTFont

        from desktop_app.export.fonts import BODY_FACES

        original = reportlab_split = TTFont.splitString
        # Only the DejaVu faces: a fallback (Han, Hangul, emoji) prints only what DejaVu lacks.
        fixed_first = frozenset(BODY_FACES)

        def split_string(self: Any, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
            if self.fontName in fixed_first and doc not in self.state:
                original(self, FIRST_CODES, doc)  # the face's first use in this PDF
            state = self.state.get(doc) if isinstance(text, str) else None
            if state is not None:
                pieces = known_codes(state, text)
                if pieces is not None:
                    return pieces
            return original(self, text, doc, encoding)

        TTFont.splitString = split_string
        _installed = True
