"""Text turns into the same font codes with the fast path as with reportlab's own loop."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.export import pdf_glyph_codes
from desktop_app.export.fonts import BODY, register_pdf_fonts
from desktop_app.export.pdf import write_pdf
from tests.unit.export.samples import sample_letter

# Letters, a no-break space, accents, Greek, a character DejaVu lacks (Han), an emoji.
_TEXT = st.text(alphabet=st.sampled_from("ab Az.\xa0éßΖω李👍\u0301-'&"), max_size=40)


class _Doc:
    """Stands for a PDF being written: reportlab keeps a font's codes per document."""


def _theirs(font: TTFont) -> _Doc:
    """A document whose codes reportlab alone hands out, after the fixed first codes (which
    ours hands out through reportlab on a face's first use in a document)."""
    doc = _Doc()
    pdf_glyph_codes.reportlab_split(font, pdf_glyph_codes.FIRST_CODES, doc)
    return doc


def _body() -> TTFont:
    register_pdf_fonts()
    font = pdfmetrics.getFont(BODY)
    assert isinstance(font, TTFont)
    return font


@settings(max_examples=60, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=12))
def test_each_line_gets_the_codes_reportlab_gives_it(lines: list[str]) -> None:
    font = _body()
    ours, theirs = _Doc(), _theirs(font)
    for line in lines:
        expected = pdf_glyph_codes.reportlab_split(font, line, theirs)
        assert font.splitString(line, ours) == expected
    assert font.state[ours].assignments == font.state[theirs].assignments
    assert font.state[ours].subsets == font.state[theirs].subsets


def test_more_than_one_subset_splits_where_reportlab_does() -> None:
    font = _body()
    ours, theirs = _Doc(), _theirs(font)
    many = "".join(chr(c) for c in range(0x100, 0x300) if c in font.face.charToGlyph)
    for text in (many, many[::-1], "a" + many[-3:] + "a"):
        assert font.splitString(text, ours) == pdf_glyph_codes.reportlab_split(font, text, theirs)
    assert len(font.state[ours].subsets) > 1


def test_a_letter_reads_back_as_typed() -> None:
    out = io.BytesIO()
    write_pdf(sample_letter("Zoë Ng\xa0Ana 李小龍 👍"), out, invariant=True)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "李小龍" in text and "Zoë Ng" in text


def test_the_first_codes_are_the_same_in_every_letter_whatever_it_prints_first() -> None:
    font = _body()
    first, second = _Doc(), _Doc()
    font.splitString("Zoë “quoted” – dash", first)
    font.splitString("– dash “quoted” Zoë", second)
    assert font.state[first].subsets[0][:32] == font.state[second].subsets[0][:32]
    fixed = [ord(c) for c in pdf_glyph_codes.FIRST_CODES]
    assert font.state[first].subsets[0][1:32] == fixed
    # A character outside them takes the next free code, as reportlab hands codes out.
    assert font.state[first].assignments[ord("ë")] == 128


def test_the_first_codes_are_31_different_characters_every_body_face_has() -> None:
    from desktop_app.export.fonts import BODY_FACES

    codes = pdf_glyph_codes.FIRST_CODES
    assert len(codes) == len(set(codes)) == 31
    for name in BODY_FACES:
        face = pdfmetrics.getFont(name).face
        assert all(ord(c) in face.charToGlyph for c in codes), name
