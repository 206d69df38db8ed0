"""LetterDocument to an editable DOCX with python-docx: Word styles, letterhead, page n of N.

Page 1 has its own header (the letterhead, then the patient line); later pages repeat the
patient's name, DOB and member ID, and every page says "Page n of N", because fax pages get
separated (DESIGN.md, "PDF"). Images that cannot be read are skipped (base.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from desktop_app.errors import ExportError
from desktop_app.export import docx_xml
from desktop_app.export.base import (
    LayoutStopped,
    check_layout_clock,
    layout_budget_exceeded,
    load_image,
    signature_lines,
)
from desktop_app.export.docx_page import TEXT_WIDTH_INCHES, set_properties, set_up_page
from desktop_app.export.docx_styles import HEADER_FILL, PARAGRAPH_STYLES, set_up_styles
from desktop_app.export.docx_text import add_runs, add_text
from desktop_app.letters import document as doc
from desktop_app.letters.budget import render_budget
from desktop_app.letters.document import LetterDocument, Runs


def _set_style(p: Any, style_id: str) -> None:
    """Give a w:p its paragraph style, as python-docx's `style` setter does.

    A new paragraph has no properties yet, so they go first without the setter's search for
    their place among the children; that search is a large part of writing a letter (bench/).
    """
    if p.pPr is not None:
        p.style = style_id
        return
    properties = OxmlElement("w:pPr")
    properties.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
    p.insert(0, properties)


@dataclass(slots=True)
class _Writer:
    """The Word document being built, with its style ids by name."""

    word: Any
    style_ids: dict[str, str]

    def paragraph(self, style: str = "Normal", container: Any = None) -> Any:
        paragraph = (container or self.word).add_paragraph()
        if style != "Normal":
            _set_style(paragraph._p, self.style_ids[style])
        return paragraph

    def add_list(self, items: Sequence[Runs], *, numbered: bool, style: str) -> None:
        num_id = docx_xml.new_numbering(self.word, "List Number") if numbered else None
        paragraph = None
        for item in items:
            paragraph = self.paragraph(style)
            add_runs(paragraph, item)
            if num_id is not None:
                docx_xml.use_numbering(paragraph, num_id)
        if paragraph is not None:
            paragraph.paragraph_format.space_after = Pt(8)  # room before the next block

    def add_table(self, block: doc.Table) -> None:
        if not block.rows:
            return
        columns = max(len(row) for row in block.rows)
        reference = block.style == "reference"
        table = self.word.add_table(rows=len(block.rows), cols=columns)
        if reference:
            docx_xml.clear_table_borders(table)
        else:
            table._tbl.tblStyle_val = self.style_ids.get("Table Grid") or "TableGrid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        docx_xml.set_column_widths(table, [Inches(w) for w in _column_widths(block, columns)])
        text_style = self.style_ids["Table Text"]
        for row_index, (row, cells) in enumerate(zip(block.rows, table.rows, strict=True)):
            heading_row = block.header and row_index == 0 and not reference
            for column, cell in enumerate(cells.cells):
                paragraph = cell.paragraphs[0]
                _set_style(paragraph._p, text_style)
                if column < len(row):
                    label = reference and column == 0
                    add_runs(paragraph, row[column], bold=heading_row or label)
                if heading_row:
                    docx_xml.shade_cell(cell, HEADER_FILL)
            if not reference:
                docx_xml.keep_row_on_one_page(cells)
            if heading_row:
                docx_xml.repeat_as_header_row(cells)
        self.paragraph().paragraph_format.space_after = Pt(4)

    def add_signature(self, block: doc.SignatureBlock) -> None:
        paragraphs = []
        image = load_image(block.image_path)
        if image is not None:
            width, height = image.fit(2.4, 0.8)
            picture = self.paragraph("Signature")
            picture.add_run().add_picture(image.stream(), width=Inches(width),
                                          height=Inches(height))
            paragraphs.append(picture)
        elif not block.signed_line:
            # No image and not signed electronically: a line for a wet signature.
            line = self.paragraph("Signature")
            line.paragraph_format.space_before = Pt(26)
            line.paragraph_format.right_indent = Inches(TEXT_WIDTH_INCHES - 2.8)
            docx_xml.set_paragraph_borders(line._p.get_or_add_pPr(), ("bottom",),
                                           size_eighths=6)
            paragraphs.append(line)
        lines, name_index = signature_lines(block)
        for index, text in enumerate(lines):
            signed = bool(block.signed_line) and index == 0
            paragraph = self.paragraph("Signed Line" if signed else "Signature")
            add_text(paragraph, text, bold=index == name_index)
            paragraphs.append(paragraph)
        for paragraph in paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True

    def add_block(self, block: doc.Block) -> None:
        if isinstance(block, doc.Heading):
            add_runs(self.paragraph("Heading 1" if block.level <= 1 else "Heading 2"),
                     block.runs)
        elif isinstance(block, doc.Paragraph):
            add_runs(self.paragraph(PARAGRAPH_STYLES.get(block.style, "Normal")), block.runs)
        elif isinstance(block, doc.BulletList):
            style = "List Number" if block.numbered else "List Bullet"
            self.add_list(block.items, numbered=block.numbered, style=style)
        elif isinstance(block, doc.References):
            self.add_list(block.items, numbered=True, style="Reference Item")
        elif isinstance(block, doc.Table):
            self.add_table(block)
        elif isinstance(block, doc.SignatureBlock):
            self.add_signature(block)
        elif isinstance(block, doc.PageBreak):
            self.word.add_page_break()


def _column_widths(block: doc.Table, columns: int) -> list[float]:
    if block.widths and len(block.widths) == columns and all(w > 0 for w in block.widths):
        total = sum(block.widths)
        return [TEXT_WIDTH_INCHES * w / total for w in block.widths]
    if block.style == "reference" and columns == 2:
        return [1.75, TEXT_WIDTH_INCHES - 1.75]
    return [TEXT_WIDTH_INCHES / columns] * columns


@cache
def _styled_template() -> tuple[bytes, dict[str, str]]:
    """python-docx's blank document with the letter's styles, built once per process.

    Kept as bytes and read in again for each letter. (A deep copy would be faster, but lxml
    copies each element reference into a tree of its own, so any python-docx object that
    holds a part of the document would silently write into a detached copy.)
    """
    word = docx.Document()
    style_ids = set_up_styles(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue(), style_ids


def write_docx(document: LetterDocument, stream: BinaryIO) -> None:
    """Write the letter as an editable DOCX to `stream`; raises ExportError on failure.

    Runs under the render budget's clock (LayoutBudgetExceeded); messages never quote the
    letter.
    """
    with render_budget():
        try:
            _write(document, stream)
        except LayoutStopped:
            raise layout_budget_exceeded("DOCX") from None
        except OSError as exc:
            raise ExportError(
                "The DOCX could not be written", hint=str(exc.strerror or "")
            ) from None
        except (ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:
            # python-docx quotes the offending value in its errors: never pass it on.
            raise ExportError(
                f"The DOCX could not be written ({type(exc).__name__})",
                hint="report this to support with the template's name",
            ) from None


def _write(document: LetterDocument, stream: BinaryIO) -> None:
    template, style_ids = _styled_template()
    word = docx.Document(io.BytesIO(template))
    writer = _Writer(word, style_ids)
    set_up_page(word, document, writer.style_ids)
    set_properties(word, document)
    body = word.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)  # the template's empty first paragraph
    for block in document.blocks:
        check_layout_clock()
        writer.add_block(block)
    word.save(stream)
