"""LetterDocument to an editable DOCX with python-docx: Word styles, letterhead, page n of N.

The Word file is the PDF's twin: the same measures (letter_look), the same embedded font
(docx_fonts), the same keep rules (keeps), so Word and LibreOffice break its pages where the
PDF does. Page 1's header holds the patient line and the letterhead; later pages repeat the
patient line; every page says "Page n of N" (docx_page). Images that cannot be read are
skipped (base.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from docx.blkcntnr import BlockItemContainer
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph

from desktop_app.errors import ExportError
from desktop_app.export import docx_format, docx_xml
from desktop_app.export import letter_look as look
from desktop_app.export.base import (
    LayoutStopped,
    check_layout_clock,
    layout_budget_exceeded,
    load_image,
    signature_lines,
)
from desktop_app.export.docx_blank import blank_letter
from desktop_app.export.docx_page import set_properties, set_up_page
from desktop_app.export.docx_styles import PARAGRAPH_STYLES, word_look
from desktop_app.export.docx_tables import GRID_CELLS, add_table
from desktop_app.export.docx_text import add_runs, add_text
from desktop_app.export.keeps import Keep, keep_plan
from desktop_app.letters import document as doc
from desktop_app.letters.budget import render_budget
from desktop_app.letters.document import LetterDocument, Runs
from desktop_app.letters.page_words import page_words

PARAGRAPH_LOOKS = {"closing": look.TEXT["closing"]}


def _set_style(p: Any, style_id: str) -> None:
    """Give a w:p its paragraph style, as python-docx's `style` setter does (docx_format)."""
    docx_format.set_style(p, style_id)


def _keep_with_next(paragraph: Any) -> None:
    # Whole, as reportlab moves a kept paragraph whole.
    docx_format.keep_with_next(paragraph._p)
    docx_format.keep_together(paragraph._p)


def _keep_whole(paragraph: Any) -> None:
    docx_format.keep_together(paragraph._p)


def _keep_table_whole(table: Any) -> None:
    """Word's way to keep a table on one page: every row but the last keeps with the next."""
    rows = table.rows
    for index, row in enumerate(rows):
        docx_xml.keep_row_on_one_page(row)
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    docx_format.keep_with_next(paragraph._p)


def _ends_kept(block: doc.Block, keep: Keep) -> bool:
    if keep.with_next or isinstance(block, doc.Heading):
        return True
    style = PARAGRAPH_LOOKS.get(block.style) if isinstance(block, doc.Paragraph) else None
    return bool(style and style.keep_with_next)


@dataclass(slots=True)
class _Writer:
    """The Word document being built, with its style ids by name.

    reportlab keeps a "keep with next" block with the whole of the next block, where Word
    keeps it with the next paragraph's first lines. So what follows a kept block is kept
    whole too (keep lines together; a table's rows kept together): the DOCX then breaks
    pages where the PDF does.
    """

    word: Any
    # The body, written to as Document.add_paragraph and add_table do, without add_table's
    # look-up of a default table style: the styles part is kept as bytes (docx_blank).
    body: BlockItemContainer
    style_ids: Mapping[str, str]
    list_num_ids: Mapping[str, int]
    after_kept: bool = False
    # The PDF's space under the last table, owed by the next paragraph (see add_table).
    gap_after_table: float = 0.0

    def paragraph(self, style: str = "Normal") -> Any:
        """A new paragraph at the end of the body, as Document.add_paragraph makes it."""
        paragraph = Paragraph(docx_format.new_body_paragraph(self.body._element), self.body)
        if style != "Normal":
            _set_style(paragraph._p, self.style_ids[style])
        if self.gap_after_table:
            before = word_look(style).before + self.gap_after_table
            docx_format.space_before(paragraph._p, Pt(before))
            self.gap_after_table = 0.0
        return paragraph

    def text_width(self) -> Any:
        """The width between the margins (as Document.add_table sizes a new table)."""
        section = self.word.sections[-1]
        return Emu(section.page_width - section.left_margin - section.right_margin)

    def end_table_space(self) -> None:
        """An empty paragraph holding the space under a table, where one must follow it."""
        if self.gap_after_table:
            gap, self.gap_after_table = self.gap_after_table, 0.0
            self.paragraph("Table End").paragraph_format.line_spacing = Pt(gap)

    def add_list(
        self, items: Sequence[Runs], *, numbered: bool, style: str, keep: Keep
    ) -> list[Any]:
        num_id = (docx_xml.new_numbering(self.word, self.list_num_ids["List Number"])
                  if numbered else None)
        paragraphs = []
        for index, item in enumerate(items):
            paragraph = self.paragraph(style)
            add_runs(paragraph, item)
            if num_id is not None:
                docx_xml.use_numbering(paragraph, num_id)
            if index in keep.items_with_next:
                _keep_with_next(paragraph)
            if index - 1 in keep.items_with_next or (index == 0 and self.after_kept):
                _keep_whole(paragraph)
            paragraphs.append(paragraph)
        if paragraphs:  # room before the next block, as the PDF's last item has
            last_after = look.TEXT["reference" if style == "Reference Item" else "list"].after
            docx_format.space_after(paragraphs[-1]._p, Pt(max(last_after, look.LAST_ITEM_AFTER)))
        return paragraphs

    def add_table(self, block: doc.Table) -> list[Any]:
        """The table; the space under it goes into the next paragraph's space before.

        (An empty paragraph would hold it as well, but LibreOffice then stops keeping a
        heading further down the page with what follows it.) Two tables in a row still get
        one between them, or Word would join them.
        """
        self.end_table_space()
        table = add_table(self.body, self.text_width(), block, self.style_ids, _set_style)
        if table is None:
            return []
        if self.after_kept:
            _keep_table_whole(table)
        spacing = look.REFERENCE_TABLE if block.style == "reference" else GRID_CELLS
        self.gap_after_table = spacing.space_after
        # Its last row stands for the table when the table keeps with the next block.
        return [cell.paragraphs[-1] for cell in table.rows[-1].cells][:1]

    def add_signature(self, block: doc.SignatureBlock) -> list[Any]:
        paragraphs = []
        image = load_image(block.image_path)
        if image is not None:
            width, height = image.fit(look.SIGNATURE_MAX_WIDTH, look.SIGNATURE_MAX_HEIGHT)
            picture = self.paragraph("Signature")
            picture.paragraph_format.space_before = Pt(4)
            picture.paragraph_format.line_spacing = Pt(height + 2)
            picture.add_run().add_picture(image.stream(), width=Pt(width), height=Pt(height))
            paragraphs.append(picture)
        elif not block.signed_line:
            # No image and not signed electronically: a line for a wet signature.
            line = self.paragraph("Signature")
            line.paragraph_format.space_before = Pt(4 + look.SIGNATURE_LINE_ROOM - 11)
            line.paragraph_format.space_after = Pt(3)
            line.paragraph_format.line_spacing = Pt(11)
            line.paragraph_format.right_indent = Pt(look.FRAME_WIDTH - look.SIGNATURE_LINE_WIDTH)
            docx_xml.set_paragraph_borders(line._p.get_or_add_pPr(), ("bottom",),
                                           size_eighths=6, space=0)
            paragraphs.append(line)
        lines, name_index = signature_lines(block)
        for index, text in enumerate(lines):
            signed = bool(block.signed_line) and index == 0
            paragraph = self.paragraph("Signed Line" if signed else "Signature")
            if index == 0 and not paragraphs:
                paragraph.paragraph_format.space_before = Pt(4)
            add_text(paragraph, text, bold=index == name_index)
            paragraphs.append(paragraph)
        for paragraph in paragraphs[:-1]:
            _keep_with_next(paragraph)
        return paragraphs

    def add_block(self, block: doc.Block, keep: Keep) -> None:
        added: list[Any] = []
        if isinstance(block, doc.Heading):
            heading = self.paragraph("Heading 1" if block.level <= 1 else "Heading 2")
            add_runs(heading, block.runs)
            added = [heading]
        elif isinstance(block, doc.Paragraph):
            paragraph = self.paragraph(PARAGRAPH_STYLES.get(block.style, "Normal"))
            add_runs(paragraph, block.runs)
            added = [paragraph]
        elif isinstance(block, doc.BulletList):
            style = "List Number" if block.numbered else "List Bullet"
            added = self.add_list(block.items, numbered=block.numbered, style=style, keep=keep)
        elif isinstance(block, doc.References):
            added = self.add_list(block.items, numbered=True, style="Reference Item", keep=keep)
        elif isinstance(block, doc.Table):
            added = self.add_table(block)
        elif isinstance(block, doc.SignatureBlock):
            added = self.add_signature(block)
        elif isinstance(block, doc.PageBreak):
            self.body.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if self.after_kept and added and not isinstance(block, doc.Table | doc.BulletList
                                                         | doc.References):
            _keep_whole(added[0])
        if keep.with_next and added:
            _keep_with_next(added[-1])
        self.after_kept = _ends_kept(block, keep)


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
        except (ValueError, TypeError, IndexError, KeyError, ArithmeticError,
                RecursionError) as exc:
            # python-docx quotes the offending value in its errors: never pass it on.
            raise ExportError(
                f"The DOCX could not be written ({type(exc).__name__})",
                hint="report this to support with the template's name",
            ) from None


def _write(document: LetterDocument, stream: BinaryIO) -> None:
    blank = blank_letter(page_words(document.language).locale)
    word = blank.new_document()
    writer = _Writer(word, BlockItemContainer(word.element.body, word), blank.style_ids,
                     blank.list_num_ids)
    set_up_page(word, document, writer.style_ids)
    set_properties(word, document)
    body = word.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)  # the template's empty first paragraph
    for block, keep in zip(document.blocks, keep_plan(document.blocks), strict=True):
        check_layout_clock()
        writer.add_block(block, keep)
    writer.end_table_space()  # a document must end with a paragraph, not a table
    blank.save(word, stream)
