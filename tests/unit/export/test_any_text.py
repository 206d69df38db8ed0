"""Any text a user types makes a valid PDF and DOCX (or a clear ExportError), never a crash."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app.errors import ExportError
from desktop_app.export.base import clean_text
from desktop_app.export.docx import write_docx
from desktop_app.export.pdf import write_pdf
from tests.unit.export.probes import open_docx
from tests.unit.export.samples import text_letter

EXAMPLES = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(st.text(max_size=400))
def test_any_paragraph_text_makes_a_readable_pdf(text: str) -> None:
    out = io.BytesIO()
    try:
        write_pdf(text_letter(text), out)
    except ExportError as error:
        assert str(error)
        return
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) >= 1
    assert "Page 1 of" in reader.pages[0].extract_text()


@EXAMPLES
@given(st.text(max_size=400))
def test_any_paragraph_text_makes_a_docx_with_that_text(text: str) -> None:
    out = io.BytesIO()
    try:
        write_docx(text_letter(text), out)
    except ExportError as error:
        assert str(error)
        return
    paragraphs = open_docx(out.getvalue()).paragraphs
    assert paragraphs[0].text == clean_text(text)
