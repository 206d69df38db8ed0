"""Text to the embedded font's codes, fast once the letter has used each character.

reportlab writes text in a subset font as codes it hands out the first time each character
is drawn (`TTFont.splitString`), with one Python loop step per character of every line. In a
letter nearly every line uses only characters already handed out, so here such a line is
looked up in one pass over the font's code table; a line with a character not seen yet (or
one the font lacks) goes to reportlab's own loop, which hands the new codes out as before.
For a letter that loop was 4 ms of 30 (bench/bench_batch.py, cProfile); the bytes written are
the same, so every PDF is unchanged.
"""

from __future__ import annotations

import threading
from typing import Any

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

        original = reportlab_split = TTFont.splitString

        def split_string(self: Any, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
            state = self.state.get(doc) if isinstance(text, str) else None
            if state is not None:
                pieces = known_codes(state, text)
                if pieces is not None:
                    return pieces
            return original(self, text, doc, encoding)

        TTFont.splitString = split_string
        _installed = True
