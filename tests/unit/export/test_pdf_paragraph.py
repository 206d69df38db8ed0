"""The letter's paragraph flowable (export/pdf_paragraph.py): it answers wrap and split as
reportlab's Paragraph does, a paragraph split across pages reads as the whole, and a written
letter prints its bullets, underlines and centred text with the words in order.
"""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle

from desktop_app.export import pdf_styles as look
from desktop_app.export.pdf_paragraph import LetterParagraph
from desktop_app.export.pdf_widths import string_width
from desktop_app.letters.document import Run

pytestmark = pytest.mark.no_database

BIG = 100_000.0


def _body() -> ParagraphStyle:
    return look.styles()["body"]


def _lines(paragraph: LetterParagraph, width: float) -> list[tuple[list[str], float]]:
    """Each line's words and width, as the paragraph lays them out at `width` (wrap first)."""
    paragraph.wrap(width, BIG)
    return [([word.text for word in line.words], round(line.width, 6))
            for line in paragraph._lines_at(width)]


# --- split -------------------------------------------------------------------------------


def test_the_rest_of_a_split_does_not_break_a_cut_word_again() -> None:
    """A word wider than the line, cut where the line is full: laid out afresh on the next
    page, its head alone ("board-certifie") may break at its hyphen where the whole word
    ("board-certified2026", a code) may not, and the rest read differently from the whole."""
    style = ParagraphStyle("split", parent=_body(), allowOrphans=1, allowWidows=1)
    text = "Dear Dr. Ng: see board-certified2026"
    width = string_width("board-certifie", style.fontName, style.fontSize) + 0.1
    whole = _lines(LetterParagraph.from_runs([Run(text)], style), width)
    assert [words for words, _ in whole] == [
        ["Dear", "Dr.", "Ng:"], ["see"], ["board-certifie"], ["d2026"],
    ]
    head, rest = LetterParagraph.from_runs([Run(text)], style).split(width, style.leading)
    assert _lines(head, width) + _lines(rest, width) == whole
