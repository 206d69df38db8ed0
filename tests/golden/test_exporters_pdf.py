"""Golden checks on the PDF a payer receives: text, pages, fonts, header and footer, metadata."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from desktop_app.export.base import contact_line
from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import LetterDocument, Table, runs_text
from tests.unit.export import probes
from tests.unit.export.samples import HOSTILE_NAME, long_table_letter, sample_letter

CJK_NAME = "李小龍 Ζωή Юлия Nguyễn Thị Ánh"


def _pdf(document: LetterDocument, *, invariant: bool = True) -> bytes:
    out = io.BytesIO()
    write_pdf(document, out, invariant=invariant)
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile() -> tuple[LetterDocument, bytes]:
    document = sample_letter(HOSTILE_NAME)
    return document, _pdf(document)


def test_sample_letter_is_two_letter_size_pages(hostile: tuple[LetterDocument, bytes]) -> None:
    reader = PdfReader(io.BytesIO(hostile[1]))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_every_page_has_the_patient_line_and_page_n_of_n(
    hostile: tuple[LetterDocument, bytes],
) -> None:
    document, data = hostile
    pages = probes.pdf_pages(data)
    header = probes.normalize(document.header.text())
    for number, page in enumerate(pages, 1):
        lines = [probes.normalize(line) for line in page.splitlines() if line.strip()]
        assert lines[0] == header
        assert lines[-1] == f"Page {number} of {len(pages)}"


def test_hostile_name_prints_exactly_as_typed(hostile: tuple[LetterDocument, bytes]) -> None:
    text = probes.normalize(probes.pdf_pages(hostile[1])[0])
    assert text.count(HOSTILE_NAME) == 3  # running header, reference table, first paragraph
    assert "Ng&uyễn" not in text and "49" not in text


def test_all_letter_text_is_in_the_pdf_in_order(hostile: tuple[LetterDocument, bytes]) -> None:
    document, data = hostile
    # Hyphens left out: pdftotext joins a word broken after its hyphen without the hyphen.
    body = probes.normalize(" ".join(probes.pdf_body_words(data, document.header.text())))
    body = body.replace("-", "")
    letterhead = document.letterhead
    position = 0
    for expected in [letterhead.practice_name, letterhead.address, contact_line(letterhead)]:
        position = body.index(probes.normalize(expected).replace("-", ""), position)
    for block in document.blocks:
        pieces = (
            [runs_text(cell) for row in block.rows for cell in row]
            if isinstance(block, Table)
            else [re.sub(r"^(- |\d+\. )", "", line) for line in _block_lines(block)]
        )
        for piece in pieces:
            position = body.index(probes.normalize(piece).replace("-", ""), position)


def _block_lines(block: object) -> list[str]:
    from desktop_app.letters.document import block_text

    return block_text(block)  # type: ignore[arg-type]


def test_fonts_are_embedded_and_cjk_uses_the_fallback() -> None:
    data = _pdf(sample_letter(CJK_NAME))
    fonts = probes.pdf_fonts(data)
    assert fonts == {"DejaVuSans": True, "DejaVuSans-Bold": True, "DejaVuSans-Oblique": True,
                     "DroidSansFallback": True}
    assert CJK_NAME in probes.pdf_pages(data)[0]


def test_korean_names_and_emoji_print_as_themselves_in_bundled_fonts() -> None:
    name = "김민준 Kim Min-jun 👍 ✅ 💊"
    data = _pdf(sample_letter(name))
    fonts = probes.pdf_fonts(data)
    assert fonts.get("NanumGothic") is True  # embedded, not substituted by the viewer
    assert fonts.get("NotoEmoji-Regular") is True
    # Each glyph maps back to its character, emoji beyond U+FFFF included (pdf_cmap), so
    # copying or a screen reader gives the name and the emoji as typed.
    assert name in probes.pdf_pages(data)[0]


def test_fonts_carry_their_glyph_outlines(hostile: tuple[LetterDocument, bytes]) -> None:
    reader = PdfReader(io.BytesIO(hostile[1]))
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor


def test_metadata_comes_from_document_info(hostile: tuple[LetterDocument, bytes]) -> None:
    document, data = hostile
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert meta.title == document.info.title == "Expedited appeal"
    assert meta.subject == document.info.subject
    assert meta.author == document.info.author
    assert meta.creator == "PA Letter Studio"
    assert meta["/Keywords"] == document.info.keywords
    assert HOSTILE_NAME not in str(dict(meta))


def test_invariant_output_is_byte_stable(hostile: tuple[LetterDocument, bytes]) -> None:
    document, data = hostile
    assert _pdf(document) == data
    assert _pdf(document, invariant=False) != data  # a real build stamps the time


def test_long_table_splits_across_pages_and_repeats_its_header_row() -> None:
    document = long_table_letter(120)
    pages = probes.pdf_pages(_pdf(document))
    table_pages = pages[:-1]  # the letter ends with a page break and one more paragraph
    assert len(table_pages) >= 3
    for number, page in enumerate(table_pages, 1):
        assert re.search(r"No\.\s+Study\s+Finding", page), f"no header row on page {number}"
        assert f"Page {number} of {len(pages)}" in page
    assert "Fictional study 120" in table_pages[-1]
    assert "After the break." in pages[-1]
    table_text = probes.normalize(" ".join(table_pages))
    assert [int(n) for n in re.findall(r"(\d+) Fictional study \1\b", table_text)] == list(
        range(1, 121)
    ), "every row printed once, in order"


def test_blank_document_still_has_a_footer() -> None:
    pages = probes.pdf_pages(_pdf(LetterDocument()))
    assert [probes.normalize(p) for p in pages] == ["Page 1 of 1"]
