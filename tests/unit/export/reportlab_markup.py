"""Runs as reportlab Paragraph markup: the old PDF path, kept only to compare our layout with.

The letter's PDF no longer uses reportlab's Paragraph (export/pdf_paragraph.py). Tests that
check our lines and heights against reportlab's build the same paragraph in reportlab's own
mini-markup here: every character of the text escaped, bold, italic and underline as tags,
fallback fonts as <font face>, typed line breaks as <br/>, exactly as the product wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.export.base import clean_text
from desktop_app.export.fonts import split_by_font
from desktop_app.export.pdf_text import break_long_words
from desktop_app.letters.document import Run

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def escape_text(text: str) -> str:
    return text.translate(_ESCAPES)


def run_markup(run: Run) -> str:
    """One run as markup: escaped, line breaks as <br/>, fallback font where needed."""
    lines = break_long_words(clean_text(run.text)).split("\n")
    markup = "<br/>".join(_line_markup(line, run) for line in lines)
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
