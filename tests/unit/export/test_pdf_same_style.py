"""Line breaking's "do these two pieces print alike?" answers as reportlab's accelerator does."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib import rl_accel
from reportlab.lib.colors import Color
from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaFrag

from desktop_app.export import pdf_same_style
from desktop_app.export.pdf import write_pdf
from desktop_app.export.pdf_same_style import COMPARED, same_style
from tests.unit.export.samples import sample_letter

_VALUES = st.sampled_from([
    None, 0, 1, 10.5, 11, "PALetterSans", "PALetterSans-Bold", [], [(0, "underline")],
    Color(0.1, 0.1, 0.1), Color(0.1, 0.1, 0.1), Color(0.2, 0.3, 0.4), "", False, True,
])
_FRAG = st.fixed_dictionaries(
    {},
    optional={name: _VALUES for name in (*COMPARED, "cbDefn", "lineBreak", "text", "bold")},
)


def _frag(attributes: dict[str, object]) -> ParaFrag:
    return ParaFrag(**attributes)


@settings(max_examples=400, deadline=None)
@given(_FRAG, _FRAG, st.booleans())
def test_the_answer_is_the_accelerators_for_any_two_pieces(
    first: dict[str, object], second: dict[str, object], shared: bool,
) -> None:
    if shared:  # the same values, as copies of one fragment share them
        second = {**first, **{k: v for k, v in second.items() if k == "text"}}
    f, g = _frag(first), _frag(second)
    assert same_style(f, g) == bool(rl_accel.sameFrag(f, g))
    assert same_style(g, f) == bool(rl_accel.sameFrag(g, f))


def test_none_and_absent_differ_as_for_the_accelerator() -> None:
    bare, with_none = ParaFrag(fontName="X"), ParaFrag(fontName="X", backColor=None)
    assert not rl_accel.sameFrag(bare, with_none)
    assert not same_style(bare, with_none)


def test_a_letter_uses_it_and_reads_back_the_same() -> None:
    document = sample_letter("Zoë O'Brien & \"Ana\"")
    out = io.BytesIO()
    write_pdf(document, out, invariant=True)
    assert paragraph.sameFrag is same_style
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "Zoë O'Brien & \"Ana\"" in text


def test_install_twice_is_harmless() -> None:
    pdf_same_style.install()
    pdf_same_style.install()
    assert paragraph.sameFrag is same_style


def test_letters_break_exactly_as_with_the_accelerator(monkeypatch: pytest.MonkeyPatch) -> None:
    names = ("Zoë O'Brien & \"Ana\"", "Anna Lee", "<b>Ng&amp;</b> 李 'x'")

    def pdf(name: str) -> bytes:
        out = io.BytesIO()
        write_pdf(sample_letter(name), out, invariant=True)
        return out.getvalue()

    ours = [pdf(name) for name in names]
    monkeypatch.setattr(paragraph, "sameFrag", rl_accel.sameFrag)
    assert [pdf(name) for name in names] == ours


def test_the_same_two_pieces_asked_again_get_the_same_answer() -> None:
    f, g, h = ParaFrag(fontName="A"), ParaFrag(fontName="A"), ParaFrag(fontName="B")
    assert same_style(f, g) and same_style(f, g)
    assert not same_style(f, h) and not same_style(f, h)
    assert same_style(g, f)  # another pair is compared afresh
