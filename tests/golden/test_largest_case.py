"""The largest case the format allows (tests/support/worst_case.py: every list full, every
text at its limit) exports as PDF and as DOCX, for a request and for an appeal.

Its tables have cells far taller than a page, which reportlab's Table cuts inside the row:
a cut that laid the cell's text out afresh at the column's full width once stopped the
export of every such letter (pdf_paragraph.py, LetterParagraph.split).
"""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import parse_case
from desktop_app.services.render import render_letter
from tests.support.worst_case import worst_case_data


@pytest.fixture(scope="module", params=["preauth", "appeal"])
def largest(request: pytest.FixtureRequest) -> Case:
    return parse_case(worst_case_data(request.param))


def test_it_exports_as_pdf_with_every_page_numbered(largest: Case) -> None:
    letter = render_letter(largest, fmt="pdf", override_reason="the largest case")
    pages = PdfReader(io.BytesIO(letter.data)).pages
    assert len(pages) > 50
    last = pages[-1].extract_text()
    assert f"Page {len(pages)} of {len(pages)}" in last


def test_it_exports_as_docx_that_word_can_open(largest: Case) -> None:
    letter = render_letter(largest, fmt="docx", override_reason="the largest case")
    word = docx.Document(io.BytesIO(letter.data))
    assert len(word.paragraphs) > 100
    assert word.tables
