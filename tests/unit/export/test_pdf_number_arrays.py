"""Long arrays of numbers are written exactly as reportlab writes them, kept or not."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfdoc

from desktop_app.export import pdf_number_arrays
from desktop_app.export.fonts import register_pdf_fonts
from desktop_app.export.pdf import write_pdf
from tests.unit.export.samples import sample_letter

_NUMBER = st.one_of(st.integers(-5000, 5000), st.floats(-1e4, 1e4, allow_nan=False), st.booleans())


def _document() -> pdfdoc.PDFDocument:
    return pdfdoc.PDFDocument(invariant=1)


@settings(max_examples=60, deadline=None)
@given(st.lists(_NUMBER, min_size=0, max_size=80), st.booleans())
def test_an_array_prints_as_reportlab_prints_it(numbers: list[object], compact: bool) -> None:
    register_pdf_fonts()
    kind = pdfdoc.PDFArrayCompact if compact else pdfdoc.PDFArray
    array = kind(numbers)
    expected = pdf_number_arrays.reportlab_format(array, _document())
    assert array.format(_document()) == expected
    assert kind(list(numbers)).format(_document()) == expected  # asked again, maybe kept


def test_true_and_one_are_not_confused() -> None:
    register_pdf_fonts()
    ones = pdfdoc.PDFArray([1] * 40).format(_document())
    trues = pdfdoc.PDFArray([True] * 40).format(_document())
    assert trues != ones
    assert trues == pdf_number_arrays.reportlab_format(pdfdoc.PDFArray([True] * 40), _document())


def test_letters_are_byte_for_byte_as_without_kept_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    names = ("Anna Lee", "Zoë Ñúñez", "Anna Lee")

    def pdf(name: str) -> bytes:
        out = io.BytesIO()
        write_pdf(sample_letter(name), out, invariant=True)
        return out.getvalue()

    kept = [pdf(name) for name in names]
    assert pdfdoc.PDFArray.format is pdf_number_arrays.array_bytes
    monkeypatch.setattr(pdfdoc.PDFArray, "format", pdf_number_arrays.reportlab_format)
    assert [pdf(name) for name in names] == kept
