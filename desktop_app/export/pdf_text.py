"""Runs to reportlab paragraph markup: every character of the letter's text is escaped data."""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop_app import limits
from desktop_app.export.base import clean_text
from desktop_app.export.fonts import split_by_font
from desktop_app.letters.document import Run

# reportlab's Paragraph parses a mini-markup (<b>, <font>, &amp; ...), so text that a user
# typed must be escaped, quotes included, or a name like "<b>Ng&amp;" would turn into markup.
# The same five replacements as xml.sax.saxutils.escape(text, {'"': "&quot;", "'": "&#39;"}),
# written out because that module imports urllib.request, http.client and ssl (~20 ms of every
# render's start) for functions we never call.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


# The characters lines break at (reportlab's paragraph module's whitespace list, which the PDF's
# line breaking keeps); a no-break space is not one of them. A regular expression class.
BREAK_CHARACTERS = " \t\n\x0b\x0c\r\x1c-\x1f\x85\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
_LONG_WORD = re.compile(f"[^{BREAK_CHARACTERS}]{{{limits.PDF_WORD_CHARS + 1},}}")


def escape_text(text: str) -> str:
    return text.translate(_ESCAPES)


def break_long_words(text: str) -> str:
    """Cut every "word" longer than a line into pieces a line can hold.

    reportlab splits a word wider than the line itself, but in time that grows with the
    square of its length: a 100,000-character word took 7 s and a 1 MB one over a minute.
    Real words are far shorter than PDF_WORD_CHARS, so only pasted hashes, run-on URLs and
    a key held down are cut, at a space that reportlab can break on.
    """
    if len(text) <= limits.PDF_WORD_CHARS:
        return text
    piece = limits.PDF_WORD_PIECE
    return _LONG_WORD.sub(
        lambda m: " ".join(m[0][i : i + piece] for i in range(0, len(m[0]), piece)), text
    )


def run_markup(run: Run) -> str:
    """One run as markup: escaped, line breaks as <br/>, fallback font where needed."""
    lines = break_long_words(clean_text(run.text)).split("\n")
    parts = [_line_markup(line, run) for line in lines]
    markup = "<br/>".join(parts)
    if not markup:
        return ""
    if run.underline:
        markup = f"<u>{markup}</u>"
    if run.italic:
        markup = f"<i>{markup}</i>"
    if run.bold:
        markup = f"<b>{markup}</b>"
    return markup


def _line_markup(line: str, run: Run) -> str:
    pieces = []
    for segment in split_by_font(line, bold=run.bold, italic=run.italic):
        text = escape_text(segment.text)
        pieces.append(f'<font face="{segment.font}">{text}</font>' if segment.font else text)
    return "".join(pieces)


def runs_markup(runs: Iterable[Run]) -> str:
    return "".join(run_markup(run) for run in runs)


def text_markup(text: str, *, bold: bool = False) -> str:
    """Plain text (letterhead, signature lines) as markup."""
    return run_markup(Run(text, bold=bold))
