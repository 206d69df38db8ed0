"""Runs to reportlab paragraph markup: every character of the letter's text is escaped data."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from desktop_app.export.base import clean_text
from desktop_app.export.fonts import split_by_font
from desktop_app.letters.document import Run

# reportlab's Paragraph parses a mini-markup (<b>, <font>, &amp; ...), so text that a user
# typed must be escaped, quotes included, or a name like "<b>Ng&amp;" would turn into markup.
_QUOTES = {'"': "&quot;", "'": "&#39;"}


def escape_text(text: str) -> str:
    return escape(text, _QUOTES)


def run_markup(run: Run) -> str:
    """One run as markup: escaped, line breaks as <br/>, fallback font where needed."""
    lines = clean_text(run.text).split("\n")
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
