"""A table whose rows hold no cells (a template's `<tr></tr>`, or rows its loops left empty)
prints nothing, in either format, and the letter around it is whole."""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from pypdf import PdfReader

from desktop_app.export.docx import write_docx
from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import LetterDocument, Run, Table
from tests.unit.export.samples import text_letter

pytestmark = pytest.mark.no_database

EMPTY_ROWS = [[[]], [[], []], [[], [], []]]


def _letter(rows: list[list[list[Run]]], style: str) -> LetterDocument:
    letter = text_letter("Before the table.")
    after = text_letter("After the table.").blocks
    table = Table(rows=rows, style=style)  # type: ignore[arg-type]  # both styles tried
    return dataclasses.replace(letter, blocks=[*letter.blocks, table, *after])


@pytest.mark.parametrize("style", ["grid", "reference"])
@pytest.mark.parametrize("rows", EMPTY_ROWS)
def test_the_pdf_leaves_it_out(rows: list[list[list[Run]]], style: str) -> None:
    stream = io.BytesIO()
    write_pdf(_letter(rows, style), stream)
    text = "".join(page.extract_text() for page in PdfReader(stream).pages)
    assert "Before the table." in text and "After the table." in text


@pytest.mark.parametrize("style", ["grid", "reference"])
@pytest.mark.parametrize("rows", EMPTY_ROWS)
def test_the_docx_leaves_it_out(rows: list[list[list[Run]]], style: str) -> None:
    stream = io.BytesIO()
    write_docx(_letter(rows, style), stream)
    word = docx.Document(stream)
    assert word.tables == []
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "Before the table." in texts and "After the table." in texts


@pytest.mark.parametrize("style", ["grid", "reference"])
def test_an_empty_row_among_full_ones_is_a_row_of_empty_cells(style: str) -> None:
    rows = [[], [[Run("Drug")], [Run("Dose")]]]
    pdf, word = io.BytesIO(), io.BytesIO()
    write_pdf(_letter(rows, style), pdf)
    write_docx(_letter(rows, style), word)
    assert "Dose" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
    table = docx.Document(word).tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["", ""],
                                                                          ["Drug", "Dose"]]
