"""Tables whose cells are taller than a page, anywhere on the page, in either style: the PDF
is always made, every cell's words come out, and no word is lost at a cut.

reportlab's Table cuts such a cell inside its row; the letter's paragraphs once laid a cut
cell out afresh at the column's full width, and the export stopped with an IndexError
(pdf_paragraph.py, LetterParagraph.split). The largest case hit it; so do these, at random.
"""

from __future__ import annotations

import collections
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import LetterDocument, Paragraph, Run, RunningHeader, Table

pytestmark = pytest.mark.no_database

# Every word tagged with its cell and number, so a lost or doubled word shows in the counts;
# short enough for the narrowest column, so no word is cut at a line's end.
_WORDS = st.lists(st.sampled_from(["pembro", "after", "platinum", "doublet", "NCCN", "2A"]),
                  min_size=1, max_size=12)


def _cell(words: list[str], repeat: int, tag: str) -> list[Run]:
    return [Run(" ".join(f"{tag}{n}{word}" for n in range(repeat) for word in words))]


def _is_tall(row: int, column: int, tall: int, header: bool) -> bool:
    # A heading row repeats on every page, so it cannot be taller than one (the export says
    # so: "too large to fit on a page"); only the body's cells are made tall.
    return (row + column) % 4 == tall and not (header and row == 0)


@settings(deadline=None, max_examples=60)
@given(style=st.sampled_from(["grid", "reference"]), header=st.booleans(),
       columns=st.integers(1, 3), rows=st.integers(1, 4), words=_WORDS,
       repeat=st.integers(1, 90), tall=st.integers(0, 3), lines_before=st.integers(0, 45))
def test_a_table_of_tall_cells_always_prints_every_word(
    style: str, header: bool, columns: int, rows: int, words: list[str], repeat: int,
    tall: int, lines_before: int,
) -> None:
    grid = [[_cell(words, repeat if _is_tall(row, column, tall, header) else 1,
                   f"r{row}c{column}x")
             for column in range(columns)] for row in range(rows)]
    lead = [Paragraph([Run("\n".join(["A line before the table."] * lines_before))])]
    letter = LetterDocument(
        blocks=[*(lead if lines_before else []),
                Table(grid, header=header, style=style),  # type: ignore[arg-type]
                Paragraph([Run("After the table.")])],
        header=RunningHeader("Ana Example", "", "M1"),
    )
    stream = io.BytesIO()
    write_pdf(letter, stream)
    text = "".join(page.extract_text() for page in PdfReader(stream).pages)
    printed = collections.Counter(re.findall(r"r\d+c\d+x\d+[A-Za-z0-9]+", text))
    expected = collections.Counter(
        word for row in grid for cell in row for word in cell[0].text.split())
    if header:  # a heading row is printed again on every page the table spans
        for word in list(printed):
            if word.startswith("r0c"):
                printed[word] = min(printed[word], expected[word])
    assert printed == expected
    assert "After the table." in text
