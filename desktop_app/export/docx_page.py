"""The DOCX page furniture: Letter size, margins, letterhead, running header, page n of N."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches

from desktop_app.export import docx_xml
from desktop_app.export.base import APP_NAME, clean_text, contact_line, load_image
from desktop_app.export.docx_text import add_text
from desktop_app.letters.document import LetterDocument, Letterhead

TEXT_WIDTH_INCHES = 6.5  # US Letter, 8.5 in, minus two 1-inch margins


def set_up_page(document: Any, letter: LetterDocument, style_ids: dict[str, str]) -> None:
    """Letter paper, 1-inch margins, the headers and the footers."""
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin = section.bottom_margin = Inches(1)
    section.header_distance = section.footer_distance = Inches(0.45)
    section.different_first_page_header_footer = True
    patient_line = clean_text(letter.header.text()).replace("\n", " ").strip()
    first = section.first_page_header
    running_line = first.paragraphs[0]
    _letterhead(first, letter.letterhead, style_ids)
    # The header's own first paragraph becomes the patient line, below the letterhead.
    first._element.append(running_line._p)
    _running_header(running_line, patient_line, style_ids)
    _running_header(section.header.paragraphs[0], patient_line, style_ids)
    for footer in (section.first_page_footer, section.footer):
        _page_number(footer.paragraphs[0], style_ids)


def _running_header(paragraph: Any, text: str, style_ids: dict[str, str]) -> None:
    if not text:
        return
    paragraph._p.style = style_ids["Running Header"]
    add_text(paragraph, text)


def _page_number(paragraph: Any, style_ids: dict[str, str]) -> None:
    paragraph._p.style = style_ids["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    docx_xml.add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    docx_xml.add_field(paragraph, "NUMPAGES", "1")


def _letterhead(header: Any, letterhead: Letterhead, style_ids: dict[str, str]) -> None:
    lines = [
        (text, style)
        for text, style in ((letterhead.practice_name, "Practice Name"),
                            (letterhead.address, "Practice Details"),
                            (contact_line(letterhead), "Practice Details"))
        if text
    ]
    logo = load_image(letterhead.logo_path)
    if logo is None:
        for text, style in lines:
            paragraph = header.add_paragraph()
            paragraph._p.style = style_ids[style]
            add_text(paragraph, text)
        return
    width, height = logo.fit(1.6, 0.8)
    table = header.add_table(1, 2, Inches(TEXT_WIDTH_INCHES))
    docx_xml.clear_table_borders(table)
    docx_xml.set_column_widths(
        table, [Inches(width + 0.2), Inches(TEXT_WIDTH_INCHES - width - 0.2)]
    )
    logo_cell, text_cell = table.rows[0].cells
    logo_cell.paragraphs[0].add_run().add_picture(
        logo.stream(), width=Inches(width), height=Inches(height)
    )
    for index, (text, style) in enumerate(lines):
        paragraph = text_cell.paragraphs[0] if index == 0 else text_cell.add_paragraph()
        paragraph._p.style = style_ids[style]
        add_text(paragraph, text)


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
