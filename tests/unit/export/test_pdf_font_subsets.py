"""A font subset cut once and reused embeds exactly what reportlab would cut, every time."""

from __future__ import annotations

import io
import re
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from desktop_app.export import pdf_deflate, pdf_font_subsets
from desktop_app.export.fonts import BODY, BODY_BOLD, register_pdf_fonts
from desktop_app.export.pdf import write_pdf
from tests.unit.export.samples import sample_letter

_FONT_FILE = re.compile(rb"/Length1 (\d+)")


def _face(name: str = BODY) -> object:
    register_pdf_fonts()
    font = pdfmetrics.getFont(name)
    assert isinstance(font, TTFont)
    return font.face


def _letter_pdf(name: str) -> bytes:
    out = io.BytesIO()
    write_pdf(sample_letter(name), out, invariant=True)
    return out.getvalue()


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _embedded_fonts(pdf: bytes) -> list[bytes]:
    """The raw font files embedded in the PDF (FontFile2 streams), inflated."""
    reader = PdfReader(io.BytesIO(pdf))
    files = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            files.append(descriptor["/FontFile2"].get_object().get_data())
    return files


_CHARACTERS = st.lists(
    st.sampled_from([ord(c) for c in "aAz09 .,'’“”–éßΩж"]), min_size=1, max_size=30
)


@settings(max_examples=30, deadline=None)
@given(_CHARACTERS)
def test_a_kept_subset_is_the_one_reportlab_cuts(codes: list[int]) -> None:
    face = _face()
    subset = [0, *codes]
    assert pdf_font_subsets.subset_bytes(face, subset) == (
        pdf_font_subsets.reportlab_make_subset(face, subset)
    )
    # Asked again (from the kept copy), still the same bytes.
    assert pdf_font_subsets.subset_bytes(face, list(subset)) == (
        pdf_font_subsets.reportlab_make_subset(face, subset)
    )


def test_the_same_characters_in_another_face_are_cut_from_that_face() -> None:
    subset = [0, *range(32, 128)]
    regular = pdf_font_subsets.subset_bytes(_face(BODY), subset)
    bold = pdf_font_subsets.subset_bytes(_face(BODY_BOLD), subset)
    assert regular != bold
    assert bold == pdf_font_subsets.reportlab_make_subset(_face(BODY_BOLD), subset)


def test_a_second_letter_in_the_same_characters_reuses_the_subsets_and_prints_alike() -> None:
    first = _letter_pdf("Anna Lee")
    kept = pdf_font_subsets.kept_count()
    second = _letter_pdf("Anna Lee")
    assert pdf_font_subsets.kept_count() == kept  # nothing cut again
    assert first == second
    assert "Anna Lee" in _text(second)


def test_letters_are_byte_for_byte_those_reportlab_alone_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = ("Anna Lee", "Zoë Ñúñez Đặng", "Anna Lee", "李小龍 👍", "Zoë Ñúñez Đặng")
    kept = [_letter_pdf(name) for name in names]
    monkeypatch.setattr(TTFontFace, "makeSubset", pdf_font_subsets.reportlab_make_subset)
    monkeypatch.setattr(pdf_deflate, "_deflated", {})
    alone = [_letter_pdf(name) for name in names]
    assert kept == alone
    assert "Zoë Ñúñez Đặng" in _text(kept[1]) and "李小龍" in _text(kept[3])


def test_every_embedded_font_is_a_whole_truetype_file() -> None:
    pdf = _letter_pdf("Zoë Ng")
    fonts = _embedded_fonts(pdf)
    assert fonts
    declared = sorted(int(n) for n in _FONT_FILE.findall(pdf))
    assert set(map(len, fonts)) == set(declared)  # pages share fonts: each file once
    for data in fonts:
        assert data[:4] == b"\x00\x01\x00\x00"  # a TrueType font file's version tag


def test_kept_subsets_stay_within_their_bound() -> None:
    face = _face()
    for code in range(0x100, 0x100 + pdf_font_subsets.KEPT + 5):
        pdf_font_subsets.subset_bytes(face, [0, 32, code])
    assert pdf_font_subsets.kept_count() <= pdf_font_subsets.KEPT
    # An older subset, dropped, is simply cut again, and its kept deflated copy reads back.
    again = pdf_font_subsets.subset_bytes(face, [0, 32, 0x100])
    assert again == pdf_font_subsets.reportlab_make_subset(face, [0, 32, 0x100])
    assert zlib.decompress(pdf_deflate.deflate(again)) == again


def test_letters_for_different_patients_share_their_subsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _letter_pdf("Anna Lee")
    cut: list[int] = []
    reportlab_cut = pdf_font_subsets.reportlab_make_subset

    def counted(face: object, subset: list[int]) -> bytes:
        cut.append(len(subset))
        return bytes(reportlab_cut(face, subset))

    monkeypatch.setattr(pdf_font_subsets, "reportlab_make_subset", counted)
    # Other names, one with accents among the fixed first codes: nothing is cut again.
    for name in ("José Ramírez", "Mr. O’Neil", "Grace Hopper"):
        assert name in _text(_letter_pdf(name))
    assert cut == []
    # A character outside them makes a subset of its own, cut once.
    assert "Đặng" in _text(_letter_pdf("Đặng"))
    assert cut
