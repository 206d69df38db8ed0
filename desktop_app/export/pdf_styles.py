"""The PDF letter's look: reportlab styles built from letter_look, the measures the DOCX shares."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from desktop_app.export import letter_look as look
from desktop_app.export.fonts import BODY, body_font, register_face
from desktop_app.export.letter_look import GRID_TABLE, REFERENCE_TABLE, TextLook

PAGE_WIDTH, PAGE_HEIGHT = look.PAGE_WIDTH, look.PAGE_HEIGHT
MARGIN = look.MARGIN
FRAME_WIDTH = look.FRAME_WIDTH
HEADER_TOP = look.HEADER_TOP
HEADER_RULE = look.HEADER_RULE
FOOTER_BASELINE = look.FOOTER_BASELINE


def color(hex_rgb: str) -> colors.Color:
    return colors.HexColor(f"#{hex_rgb}")


INK = color(look.INK)
NAVY = color(look.NAVY)
GREY = color(look.GREY)
RULE = color(look.RULE)
HEADER_FILL = color(look.HEADER_FILL)
BANNER_RED = color(look.BANNER_RED)

LOGO_MAX_WIDTH = look.LOGO_MAX_WIDTH
LOGO_MAX_HEIGHT = look.LOGO_MAX_HEIGHT
SIGNATURE_MAX_WIDTH = look.SIGNATURE_MAX_WIDTH
SIGNATURE_MAX_HEIGHT = look.SIGNATURE_MAX_HEIGHT
REFERENCE_LABEL_WIDTH = look.REFERENCE_LABEL_WIDTH


def paragraph_style(name: str, text: TextLook, **overrides: object) -> ParagraphStyle:
    """A reportlab style with the measures of `text`.

    allowWidows=0 with reportlab's default allowOrphans=0 is Word's widow and orphan control:
    no paragraph leaves a single line at the foot or the head of a page. Lines break as Word
    breaks them: never by squeezing spaces (reportlab shrinks them up to 5% by default), and
    after the hyphen of a hyphenated word ("board-certified") when the whole word does not fit.
    """
    values: dict[str, object] = {
        "fontName": body_font(text.bold, text.italic),
        "fontSize": text.size,
        "leading": text.leading,
        "textColor": color(text.color),
        "spaceBefore": text.before,
        "spaceAfter": text.after,
        "leftIndent": text.left_indent,
        "rightIndent": text.right_indent,
        "alignment": TA_CENTER if text.align == "center" else TA_LEFT,
        "keepWithNext": 1 if text.keep_with_next else 0,
        "allowWidows": 0,
        "spaceShrinkage": 0,
        "embeddedHyphenation": 1,
    }
    values.update(overrides)
    return ParagraphStyle(name, **values)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name; keys match the document's paragraph styles plus a few more."""
    register_face(BODY)  # styles name faces; each loads when a letter first sets it
    found = {name: paragraph_style(name, text) for name, text in look.TEXT.items()}
    found["banner"] = paragraph_style(
        "banner", look.TEXT["banner"], borderColor=BANNER_RED, borderWidth=1.5,
        borderPadding=(5, 6),
    )
    return found


def _padding(table: look.TableLook) -> list[tuple[object, ...]]:
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), table.left),
        ("RIGHTPADDING", (0, 0), (-1, -1), table.right),
        ("TOPPADDING", (0, 0), (-1, -1), table.top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), table.bottom),
    ]


# Tables set a cell font even for cells that hold paragraphs; without one it is Helvetica,
# which is never embedded.
GRID_TABLE_COMMANDS: list[tuple[object, ...]] = [
    ("FONTNAME", (0, 0), (-1, -1), body_font()),
    ("GRID", (0, 0), (-1, -1), look.GRID_RULE_WIDTH, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    *_padding(GRID_TABLE),
]
GRID_HEADER_COMMANDS: list[tuple[object, ...]] = [
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LINEBELOW", (0, 0), (-1, 0), look.HEADER_ROW_RULE_WIDTH, NAVY),
]
REFERENCE_TABLE_COMMANDS: list[tuple[object, ...]] = [
    ("FONTNAME", (0, 0), (-1, -1), body_font()),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    *_padding(REFERENCE_TABLE),
]
