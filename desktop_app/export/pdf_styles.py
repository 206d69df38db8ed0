"""The PDF letter's look: US Letter, 1-inch margins, 10.5 pt body, a quiet navy hierarchy."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from desktop_app.export.fonts import BODY, BODY_BOLD, BODY_ITALIC, register_pdf_fonts

PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 1 * inch
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_TOP = 0.45 * inch  # from the top edge: where the running header starts
HEADER_RULE = 0.8 * inch  # from the top edge: the thin rule under the running header
FOOTER_BASELINE = 0.55 * inch  # from the bottom edge: "Page n of N"

INK = colors.HexColor("#1A1A1A")
NAVY = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#8C99AA")
HEADER_FILL = colors.HexColor("#E3E8EF")
BANNER_RED = colors.HexColor("#9B1C1C")

LOGO_MAX_WIDTH = 1.6 * inch
LOGO_MAX_HEIGHT = 0.8 * inch
SIGNATURE_MAX_WIDTH = 2.4 * inch
SIGNATURE_MAX_HEIGHT = 0.8 * inch
REFERENCE_LABEL_WIDTH = 1.75 * inch


def _style(name: str, **overrides: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": BODY,
        "fontSize": 10.5,
        "leading": 14.5,
        "textColor": INK,
        "spaceAfter": 7,
        "alignment": TA_LEFT,
    }
    base.update(overrides)
    return ParagraphStyle(name, **base)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name; keys match the document's paragraph styles plus a few more."""
    register_pdf_fonts()
    return {
        "body": _style("body"),
        "heading1": _style(
            "heading1", fontName=BODY_BOLD, fontSize=12, leading=15, textColor=NAVY,
            spaceBefore=12, spaceAfter=5, keepWithNext=1,
        ),
        "heading2": _style(
            "heading2", fontName=BODY_BOLD, fontSize=10.5, leading=14, textColor=NAVY,
            spaceBefore=8, spaceAfter=3, keepWithNext=1,
        ),
        "banner": _style(
            "banner", fontName=BODY_BOLD, fontSize=11, leading=14, alignment=TA_CENTER,
            textColor=BANNER_RED, borderColor=BANNER_RED, borderWidth=1.5, borderPadding=(5, 6),
            leftIndent=6, rightIndent=6, spaceBefore=6, spaceAfter=16,
        ),
        "subject": _style("subject", fontName=BODY_BOLD, spaceBefore=2, spaceAfter=9),
        "small": _style("small", fontSize=8.5, leading=11, textColor=GREY, spaceAfter=5),
        "quote": _style(
            "quote", fontName=BODY_ITALIC, fontSize=10, leading=13.5, leftIndent=0.4 * inch,
            rightIndent=0.4 * inch, spaceBefore=1, spaceAfter=9,
        ),
        "address": _style("address", leading=13.5, spaceAfter=11),
        "closing": _style("closing", spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "list": _style("list", spaceAfter=3),
        "reference": _style("reference", fontSize=9, leading=12, spaceAfter=3),
        "cell": _style("cell", fontSize=9.5, leading=12.5, spaceAfter=0),
        "cell_head": _style("cell_head", fontName=BODY_BOLD, fontSize=9.5, leading=12.5,
                            spaceAfter=0),
        "label": _style("label", fontName=BODY_BOLD, fontSize=10, leading=13.5, spaceAfter=0),
        "value": _style("value", fontSize=10, leading=13.5, spaceAfter=0),
        "practice": _style("practice", fontName=BODY_BOLD, fontSize=15, leading=19,
                           textColor=NAVY, spaceAfter=1),
        "practice_line": _style("practice_line", fontSize=9, leading=12, textColor=GREY,
                                spaceAfter=0),
        "signature": _style("signature", spaceAfter=0, leading=14),
        "signed": _style("signed", fontName=BODY_ITALIC, fontSize=9, leading=12,
                         textColor=GREY, spaceAfter=2),
        "running_header": _style("running_header", fontSize=8.5, leading=11, textColor=GREY,
                                 spaceAfter=0),
    }


# Tables set a cell font even for cells that hold paragraphs; without one it is Helvetica,
# which is never embedded.
GRID_TABLE_COMMANDS: list[tuple[object, ...]] = [
    ("FONTNAME", (0, 0), (-1, -1), BODY),
    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ("TOPPADDING", (0, 0), (-1, -1), 3.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
]
GRID_HEADER_COMMANDS: list[tuple[object, ...]] = [
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LINEBELOW", (0, 0), (-1, 0), 1, NAVY),
]
REFERENCE_TABLE_COMMANDS: list[tuple[object, ...]] = [
    ("FONTNAME", (0, 0), (-1, -1), BODY),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ("TOPPADDING", (0, 0), (-1, -1), 1),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
]
