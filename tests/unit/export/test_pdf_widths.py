"""Remembered word widths are reportlab's own, so every line breaks where it did."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.export import pdf_paragraph, pdf_widths, pdf_words
from desktop_app.export.fonts import BODY, BODY_BOLD, register_pdf_fonts
from desktop_app.export.pdf import write_pdf
from tests.unit.export.samples import HOSTILE_NAME, sample_letter

_WORDS = st.text(alphabet=st.sampled_from("ab Az.\xa0éßΖω李👍\u0301-'&"), max_size=20)


def _pdf(name: str) -> bytes:
    out = io.BytesIO()
    write_pdf(sample_letter(name), out, invariant=True)
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(_WORDS, st.sampled_from([BODY, BODY_BOLD, "Helvetica"]), st.sampled_from([8.5, 10, 10.5]))
def test_a_width_asked_twice_is_reportlabs_both_times(word: str, font: str, size: float) -> None:
    register_pdf_fonts()
    expected = pdf_widths.reportlab_width(word, font, size, "utf8")
    assert pdf_widths.string_width(word, font, size) == expected
    assert pdf_widths.string_width(word, font, size) == expected


def test_a_string_subclass_is_measured_afresh() -> None:
    class Marked(str):
        pass

    register_pdf_fonts()
    word = Marked("subclassed")
    assert pdf_widths.string_width(word, BODY, 10) == pdf_widths.reportlab_width(
        "subclassed", BODY, 10, "utf8"
    )
    assert ("subclassed", BODY, 10) not in pdf_widths._widths


def test_letters_lay_out_exactly_as_without_remembered_widths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = ("Anna Lee", HOSTILE_NAME, "李小龍 Zoë")
    remembered = [_pdf(name) for name in names]

    def measured_afresh(text: str, font: str, size: float, encoding: str = "utf8") -> float:
        return float(pdf_widths.reportlab_width(text, font, size, encoding))

    for module in (pdf_words, pdf_paragraph):
        monkeypatch.setattr(module, "string_width", measured_afresh)
    for kept in ("_kept", "_single", "_spaces"):  # words made so far carry remembered widths
        monkeypatch.setattr(pdf_words, kept, {})
    assert [_pdf(name) for name in names] == remembered


def test_the_remembered_widths_stay_within_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    register_pdf_fonts()
    monkeypatch.setattr(pdf_widths, "KEPT", 10)
    for number in range(25):
        pdf_widths.string_width(f"word{number}", BODY, 10)
    assert len(pdf_widths._widths) <= 10

