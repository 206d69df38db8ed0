"""What every page carries besides the letter: the running header and its rule, "Page n of N".

Drawn the same way on a letter's pages and on every page of a submission packet, so a packet
reads as one document. Both are marked as pagination artifacts (PDF 1.7, 14.8.2.2: marked
content /Artifact with /Type /Pagination): screen readers skip them, and the packet builder
finds and removes a letter's own header and footer before it numbers the whole packet
(packet_place.strip_pagination).
"""

from __future__ import annotations

from typing import Any, Final

from desktop_app.export import pdf_styles as look
from desktop_app.export.fonts import BODY
from desktop_app.export.pdf_paragraph import LetterParagraph
from desktop_app.export.pdf_text import running_header_text
from desktop_app.letters.document import Run
from desktop_app.letters.page_words import PageWords, page_words

ENGLISH: Final = page_words("en")

HEADER_MARK: Final = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"
FOOTER_MARK: Final = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
END_MARK: Final = "EMC"


def running_header(text: str) -> LetterParagraph | None:
    """The patient line as a paragraph, or None when there is nothing to say."""
    printed = running_header_text(text)
    if not printed:
        return None
    return LetterParagraph.from_runs([Run(printed)], look.styles()["running_header"])


def draw_running_header(canvas: Any, header: LetterParagraph | None) -> None:
    """The patient line over its thin rule, 0.8 inch from the top edge."""
    canvas.addLiteral(HEADER_MARK)
    canvas.saveState()
    rule_y = look.PAGE_HEIGHT - look.HEADER_RULE
    if header is not None:
        # Anchored on the rule: a header too long for one line wraps upward.
        header.wrapOn(canvas, look.FRAME_WIDTH, look.HEADER_RULE - look.HEADER_TOP)
        header.drawOn(canvas, look.MARGIN, rule_y + 3)
    canvas.setStrokeColor(look.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(look.MARGIN, rule_y, look.PAGE_WIDTH - look.MARGIN, rule_y)
    canvas.restoreState()
    canvas.addLiteral(END_MARK)


def draw_page_number(
    canvas: Any, number: int, total: int, words: PageWords = ENGLISH
) -> None:
    """ "Page n of N" (in the letter's language), centred 0.55 inch above the bottom edge."""
    canvas.addLiteral(FOOTER_MARK)
    canvas.saveState()
    canvas.setFont(BODY, 8.5)
    canvas.setFillColor(look.GREY)
    canvas.drawCentredString(look.PAGE_WIDTH / 2, look.FOOTER_BASELINE,
                             words.page_line(number, total))
    canvas.restoreState()
    canvas.addLiteral(END_MARK)
