"""The DOCX page furniture: Letter size, margins, letterhead, running header, page n of N.

Laid out as the PDF is (letter_look): every page's header is the patient line over a thin
rule, 0.8 inch from the top; page 1's header goes on with the letterhead and its navy rule,
so the body starts where the PDF's does. Every footer is "Page n of N" from PAGE and NUMPAGES
fields, which Word and LibreOffice fill in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Pt

from desktop_app.export import docx_format, docx_xml
from desktop_app.export import letter_look as look
from desktop_app.export.base import APP_NAME, clean_text, contact_line, load_image
from desktop_app.export.docx_tables import style_table
from desktop_app.export.docx_text import add_text
from desktop_app.export.measure import header_line_count
from desktop_app.letters.document import LetterDocument, Letterhead
from desktop_app.letters.page_words import PageWords, page_words

TEXT_WIDTH_INCHES = look.FRAME_WIDTH / 72

_HEADER_LINE = look.TEXT["running_header"].leading
# The header starts so that its rule lands where the PDF draws it.
HEADER_DISTANCE = look.HEADER_RULE - _HEADER_LINE - look.HEADER_GAP
# The footer's line box ends this far from the bottom edge: its baseline is the PDF's.
FOOTER_DISTANCE = look.FOOTER_BASELINE - 2.5
# From the patient line's rule to the letterhead: the PDF's body starts at the margin.
_LETTERHEAD_GAP = look.MARGIN - look.HEADER_RULE - look.HEADER_RULE_WIDTH
_DETAILS_PADDING = look.REFERENCE_TABLE  # the PDF sets the letterhead in such a table


def set_up_page(document: Any, letter: LetterDocument, style_ids: Mapping[str, str]) -> None:
    """Letter paper, 1-inch margins, the headers and the footers."""
    section = document.sections[0]
    section.page_width, section.page_height = Pt(look.PAGE_WIDTH), Pt(look.PAGE_HEIGHT)
    section.left_margin = section.right_margin = Pt(look.MARGIN)
    section.top_margin = section.bottom_margin = Pt(look.MARGIN)
    patient_line = clean_text(letter.header.text()).replace("\n", " ").strip()
    # A header too long for one line grows upward from its rule, as in the PDF.
    lines = header_line_count(patient_line, look.FRAME_WIDTH)
    section.header_distance = Pt(max(HEADER_DISTANCE - (lines - 1) * _HEADER_LINE, 9.0))
    section.footer_distance = Pt(FOOTER_DISTANCE)
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first_line = first.paragraphs[0]
    _running_header(first_line, patient_line, style_ids)
    if _letterhead(first, letter.letterhead, style_ids):
        docx_format.space_after(first_line._p, Pt(_LETTERHEAD_GAP + _DETAILS_PADDING.top))
    _running_header(section.header.paragraphs[0], patient_line, style_ids)
    for footer in (section.first_page_footer, section.footer):
        _page_number(footer.paragraphs[0], style_ids, page_words(letter.language))


def _running_header(paragraph: Any, text: str, style_ids: Mapping[str, str]) -> None:
    # Styled even when empty: the rule under it still marks where the letter starts.
    docx_format.set_style(paragraph._p, style_ids["Running Header"])
    if text:
        add_text(paragraph, text)


def _page_number(paragraph: Any, style_ids: Mapping[str, str], words: PageWords) -> None:
    docx_format.set_style(paragraph._p, style_ids["Footer"])
    before, middle, after = words.page_parts()
    paragraph.add_run(before)
    docx_xml.add_field(paragraph, "PAGE", "1")
    paragraph.add_run(middle)
    docx_xml.add_field(paragraph, "NUMPAGES", "1")
    if after:
        paragraph.add_run(after)


def _letterhead(header: Any, letterhead: Letterhead, style_ids: Mapping[str, str]) -> bool:
    """The practice's name, address, contacts (and logo), then the navy rule.

    Returns False, adding nothing, when the letterhead is empty, as the PDF prints none.
    """
    lines = [
        (text, style)
        for text, style in ((letterhead.practice_name, "Practice Name"),
                            (letterhead.address, "Practice Details"),
                            (contact_line(letterhead), "Practice Details"))
        if text
    ]
    logo = load_image(letterhead.logo_path)
    if not lines and logo is None:
        return False
    container = header
    if logo is not None:
        width, height = logo.fit(look.LOGO_MAX_WIDTH, look.LOGO_MAX_HEIGHT)
        table = header.add_table(1, 2, Pt(look.FRAME_WIDTH))
        style_table(table, "LetterDetails")
        docx_xml.no_first_row_look(table)
        docx_xml.set_column_widths(
            table, [Pt(width + look.LOGO_GAP), Pt(look.FRAME_WIDTH - width - look.LOGO_GAP)]
        )
        logo_cell, container = table.rows[0].cells
        for cell in (logo_cell, container):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        docx_format.set_style(logo_cell.paragraphs[0]._p, style_ids["Practice Details"])
        logo_cell.paragraphs[0].add_run().add_picture(
            logo.stream(), width=Pt(width), height=Pt(height)
        )
    paragraph = None
    for index, (text, style) in enumerate(lines):
        first_in_cell = logo is not None and index == 0
        paragraph = container.paragraphs[0] if first_in_cell else container.add_paragraph()
        docx_format.set_style(paragraph._p, style_ids[style])
        add_text(paragraph, text)
    if logo is None and paragraph is not None:
        docx_format.space_after(paragraph._p, Pt(_DETAILS_PADDING.bottom))
    docx_format.set_style(header.add_paragraph()._p, style_ids["Letterhead Rule"])
    return True


# python-docx refuses core properties over 255 characters (ValueError); Word shows fewer.
CORE_PROPERTY_CHARS = 255


def _property(text: str) -> str:
    """One line of a core property, cut to what the format holds (with "…" if cut)."""
    line = " ".join(clean_text(text).split())
    if len(line) <= CORE_PROPERTY_CHARS:
        return line
    return line[: CORE_PROPERTY_CHARS - 1].rstrip() + "\u2026"


def set_properties(document: Any, letter: LetterDocument) -> None:
    """Title, subject, author and keywords (DocumentInfo holds no patient data)."""
    info = letter.info
    properties = document.core_properties
    properties.title = _property(info.title)
    properties.subject = _property(info.subject)
    properties.author = _property(info.author)
    properties.last_modified_by = _property(info.author)
    properties.keywords = _property(info.keywords)
    properties.identifier = _property(info.template_id)
    properties.version = _property(info.template_version)
    properties.comments = f"Made with {APP_NAME}"
    properties.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.created = properties.modified = now

