"""Word styles for the DOCX letter: real named styles, with the PDF's measures (letter_look).

Every paragraph style sets its size, exact line height, spacing and indents from letter_look,
so Word and LibreOffice lay the letter out as the PDF does; staff can still restyle it.
Headings keep with the next paragraph and every style keeps widow and orphan control.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from desktop_app.export import letter_look as look
from desktop_app.export.docx_fonts import BODY_FONT
from desktop_app.export.docx_tables import add_table_styles
from desktop_app.export.docx_xml import (
    EAST_ASIAN_FONT,
    drop_theme_fonts,
    restyle_list_level,
    set_east_asian_font,
    set_paragraph_borders,
)
from desktop_app.export.letter_look import TextLook

HEADER_FILL = look.HEADER_FILL
ITALIC_LINE_END = 1.0  # points; measured against LibreOffice 7.4 (tests/golden/test_docx_pages)

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

# Word's built-in styles, restyled: name -> letter_look key.
_BUILT_IN = {
    "Normal": "body",
    "Heading 1": "heading1",
    "Heading 2": "heading2",
    "List Bullet": "list",
    "List Number": "list",
    "Quote": "quote",
    "Footer": "footer",
    "Header": "running_header",
}
# The letter's own styles: name -> letter_look key.
_LETTER_STYLES = {
    "Banner": "banner",
    "Subject Line": "subject",
    "Small Print": "small",
    "Address Block": "address",
    "Closing": "closing",
    "Signature": "signature",
    "Signed Line": "signed",
    "Table Text": "cell",
    "Table Heading": "cell_head",
    "Details Label": "label",
    "Details Value": "value",
    "Reference Item": "reference",
    "Practice Name": "practice",
    "Practice Details": "practice_line",
    "Running Header": "running_header",
}


def word_look(style_name: str) -> TextLook:
    """The measures behind a Word style name (Normal's for any other)."""
    key = _BUILT_IN.get(style_name) or _LETTER_STYLES.get(style_name) or "body"
    return look.TEXT[key]


def apply_look(style: Any, text: TextLook, *, indents: bool = True) -> None:
    """Give a Word paragraph style every measure of `text`.

    List styles take no indents of their own (`indents=False`): their numbering level holds
    them, as Word keeps them for a style that is tied to a list.
    """
    drop_theme_fonts(style.element)
    font = style.font
    font.name = BODY_FONT
    font.size = Pt(text.size)
    font.bold = text.bold
    font.italic = text.italic
    font.color.rgb = RGBColor.from_string(text.color)
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(text.before)
    paragraph.space_after = Pt(text.after)
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = Pt(text.leading)
    if indents:
        paragraph.left_indent = Pt(text.left_indent)
        # LibreOffice keeps about a point free at the end of an italic line; without this
        # room, a quote that fills its lines in the PDF wraps once more in the DOCX.
        overhang = ITALIC_LINE_END if text.italic else 0.0
        paragraph.right_indent = Pt(text.right_indent - overhang)
        paragraph.first_line_indent = Pt(0)
    elif style.element.pPr is not None:
        for element in style.element.pPr.findall(qn("w:ind")):
            style.element.pPr.remove(element)
    paragraph.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER if text.align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    )
    paragraph.keep_with_next = text.keep_with_next
    # A heading moves whole: reportlab never splits a heading's lines either.
    paragraph.keep_together = text.keep_with_next
    paragraph.widow_control = True
    _no_contextual_spacing(style.element)


_LISTS = ("List Bullet", "List Number", "Reference Item")


def _list_numbering(document: Any) -> None:
    """Bullets and numbers where the PDF draws them (letter_look's list indents)."""
    restyle_list_level(
        document, "List Bullet", bullet="\u2022", indent=_twips(look.BULLET_INDENT),
        at=_twips(look.BULLET_AT), font=BODY_FONT,
    )
    restyle_list_level(
        document, "List Number", bullet=None, indent=_twips(look.NUMBER_INDENT),
        at=_twips(look.NUMBER_AT), font=BODY_FONT,
    )


def _twips(points: float) -> int:
    return round(points * 20)


def _no_contextual_spacing(style_element: Any) -> None:
    # Word's list styles drop the space between items of the same style; the PDF keeps it.
    p_pr = style_element.pPr
    if p_pr is not None:
        for element in p_pr.findall(qn("w:contextualSpacing")):
            p_pr.remove(element)


def _paragraph_style(document: Any, name: str) -> Any:
    styles = document.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style


def _document_defaults(document: Any, locale: str) -> None:
    """The defaults under every style: the body font, and the letter's language for spelling
    and hyphenation (`locale`, e.g. en-US; East Asian text keeps en-US's settings)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{name}"), None)
    for name in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{name}"), BODY_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    language = r_pr.find(qn("w:lang"))
    language.set(qn("w:val"), locale)
    language.set(qn("w:eastAsia"), "en-US")


def set_up_styles(document: Any, locale: str = "en-US") -> dict[str, str]:
    """Restyle the built-in styles and add the letter's own (Banner, Subject Line, ...), in
    the letter's language (`locale`, a language tag such as es-US).

    Returns each style's id by name: setting a paragraph's style by id skips python-docx's
    slow search by name.
    """
    _document_defaults(document, locale)
    styles = document.styles
    for name, key in _BUILT_IN.items():
        apply_look(styles[name], look.TEXT[key], indents=name not in _LISTS)
    set_east_asian_font(styles["Normal"].element, EAST_ASIAN_FONT)
    for name, key in _LETTER_STYLES.items():
        apply_look(_paragraph_style(document, name), look.TEXT[key], indents=name not in _LISTS)
    styles["Reference Item"].base_style = styles["List Number"]
    _list_numbering(document)
    styles["Footer"].paragraph_format.tab_stops.clear_all()
    set_paragraph_borders(
        styles["Banner"].element.get_or_add_pPr(), ("top", "left", "bottom", "right"),
        size_eighths=12, color=look.BANNER_RED, space=4,
    )
    set_paragraph_borders(
        styles["Running Header"].element.get_or_add_pPr(), ("bottom",),
        size_eighths=round(look.HEADER_RULE_WIDTH * 8), color=look.RULE,
        space=round(look.HEADER_GAP),
    )
    _letterhead_rule_style(document)
    _table_end_style(document)
    add_table_styles(document)
    return {
        style.name: style.style_id
        for style in document.styles
        if style.type == WD_STYLE_TYPE.PARAGRAPH
    }


def _letterhead_rule_style(document: Any) -> None:
    """An empty paragraph whose bottom border is the navy rule under the letterhead."""
    rule = _paragraph_style(document, "Letterhead Rule")
    apply_look(rule, TextLook(1, 1, before=look.LETTERHEAD_RULE_BEFORE,
                              after=look.LETTERHEAD_RULE_AFTER))
    set_paragraph_borders(
        rule.element.get_or_add_pPr(), ("bottom",),
        size_eighths=round(look.LETTERHEAD_RULE * 8), color=look.NAVY, space=0,
    )


def _table_end_style(document: Any) -> None:
    """The empty paragraph after a table: Word needs one, and its height is the PDF's gap."""
    apply_look(
        _paragraph_style(document, "Table End"),
        TextLook(1, look.GRID_TABLE.space_after),
    )
