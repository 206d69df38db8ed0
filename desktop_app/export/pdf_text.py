"""The PDF's text as its lines break: where they may, long "words" cut, the header's gaps.

Nothing here imports reportlab's platypus, so the DOCX may measure with it (measure.py).
"""

from __future__ import annotations

import re
from typing import Final

from desktop_app import limits
from desktop_app.export.base import clean_text

# The characters lines break at (reportlab's paragraph module's whitespace list, which the PDF's
# line breaking keeps); a no-break space is not one of them. A regular expression class.
BREAK_CHARACTERS = " \t\n\x0b\x0c\r\x1c-\x1f\x85\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
_LONG_WORD = re.compile(f"[^{BREAK_CHARACTERS}]{{{limits.PDF_WORD_CHARS + 1},}}")


def break_long_words(text: str) -> str:
    """Cut every "word" longer than a line into pieces a line can hold.

    A word wider than a line is cut where the line is full (pdf_lines), and what is left of
    it is measured again at every cut: time that grows with the square of its length
    (reportlab's Paragraph took 7 s for a 100,000-character word). Real words are far
    shorter than PDF_WORD_CHARS, so only pasted hashes, run-on URLs and a key held down are
    cut, at a space that line breaking can break on.
    """
    if len(text) <= limits.PDF_WORD_CHARS:
        return text
    piece = limits.PDF_WORD_PIECE
    return _LONG_WORD.sub(
        lambda m: " ".join(m[0][i : i + piece] for i in range(0, len(m[0]), piece)), text
    )


# Line breaking makes a run of spaces one; this keeps a visible gap between name, DOB and member ID
# while pdftotext still reads the header as one line.
HEADER_GAP: Final = "\u00a0\u00a0 "


def running_header_text(text: str) -> str:
    """The patient line exactly as the PDF's running header prints it ("" for none)."""
    return clean_text(text).replace("\n", " ").strip().replace("   ", HEADER_GAP)
