"""Word styles for the DOCX letter: real named styles, so staff can still restyle and edit it."""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt, RGBColor

from desktop_app.export.docx_xml import (
    EAST_ASIAN_FONT,
    drop_theme_fonts,
    set_east_asian_font,
    set_paragraph_borders,
)

BODY_FONT = "Calibri"  # installed with every copy of Word; the PDF embeds DejaVu Sans
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
BANNER_RED = RGBColor(0x9B, 0x1C, 0x1C)
HEADER_FILL = "E3E8EF"

# Document paragraph style -> Word style name.
PARAGRAPH_STYLES = {
    "body": "Normal",
    "banner": "Banner",
    "subject": "Subject Line",
    "small": "Small Print",
    "quote": "Quote",
    "address": "Address Block",
    "closing": "Closing",
}


def _paragraph_style(document: Any, name: str) -> Any:
    styles = document.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style


def _format(style: Any, *, size: float | None = None, bold: bool | None = None,
            italic: bool | None = None, color: RGBColor | None = None,
            before: float | None = None, after: float | None = None) -> None:
    drop_theme_fonts(style.element)
    style.font.name = BODY_FONT
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    if before is not None:
        style.paragraph_format.space_before = Pt(before)
    if after is not None:
        style.paragraph_format.space_after = Pt(after)


def set_up_styles(document: Any) -> dict[str, str]:
    """Restyle the built-in styles and add the letter's own (Banner, Subject Line, ...).

    Returns each style's id by name: setting a paragraph's style by id skips python-docx's
    slow search by name.
    """
    styles = document.styles
    normal = styles["Normal"]
    _format(normal, size=11, before=0, after=7)
    normal.paragraph_format.line_spacing = 1.08
    set_east_asian_font(normal.element, EAST_ASIAN_FONT)
    _format(styles["Footer"], size=8.5, color=GREY, after=0)
    _format(styles["Heading 1"], size=13, bold=True, color=NAVY, before=12, after=4)
    _format(styles["Heading 2"], size=11.5, bold=True, color=NAVY, before=8, after=3)
    for name in ("List Bullet", "List Number"):
        _format(styles[name], after=3)
    quote = styles["Quote"]
    _format(quote, size=10.5, italic=True, color=RGBColor(0x1A, 0x1A, 0x1A), after=9)
    quote.paragraph_format.left_indent = Inches(0.4)
    quote.paragraph_format.right_indent = Inches(0.4)
    quote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _add_letter_styles(document)
    return {
        style.name: style.style_id
        for style in document.styles
        if style.type == WD_STYLE_TYPE.PARAGRAPH
    }


def _add_letter_styles(document: Any) -> None:
    banner = _paragraph_style(document, "Banner")
    _format(banner, size=11.5, bold=True, color=BANNER_RED, before=4, after=14)
    banner.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_paragraph_borders(banner.element.get_or_add_pPr(), ("top", "left", "bottom", "right"),
                          size_eighths=12, color="9B1C1C", space=4)
    _format(_paragraph_style(document, "Subject Line"), bold=True, before=2, after=9)
    _format(_paragraph_style(document, "Small Print"), size=8.5, color=GREY, after=5)
    _format(_paragraph_style(document, "Address Block"), after=11)
    closing = _paragraph_style(document, "Closing")
    _format(closing, before=6, after=2)
    closing.paragraph_format.keep_with_next = True
    _format(_paragraph_style(document, "Signature"), after=0)
    _format(_paragraph_style(document, "Signed Line"), size=9, italic=True, color=GREY,
            after=2)
    _format(_paragraph_style(document, "Table Text"), size=10, before=1.5, after=1.5)
    reference_item = _paragraph_style(document, "Reference Item")
    reference_item.base_style = document.styles["List Number"]
    _format(reference_item, size=9.5, after=3)
    _format(_paragraph_style(document, "Practice Name"), size=16, bold=True, color=NAVY,
            after=1)
    _format(_paragraph_style(document, "Practice Details"), size=9, color=GREY, after=0)
    running = _paragraph_style(document, "Running Header")
    _format(running, size=8.5, color=GREY, after=6)
    set_paragraph_borders(running.element.get_or_add_pPr(), ("bottom",), size_eighths=4,
                          color="8C99AA", space=3)
