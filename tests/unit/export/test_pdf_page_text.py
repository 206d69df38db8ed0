"""A PDF's text is read within a bound on its drawing instructions (export/pdf_page_text.py).

The hostile files are small (a few kB) and decompress to megabytes of instructions that pypdf
would take a minute or more to run; each test checks that no such page is run at all, by
counting pypdf's text extraction rather than timing it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from desktop_app.export.pdf_page_text import TooMuchToRead, instruction_bytes, page_texts
from tests.support.pdfs import letter_pdf

pytestmark = pytest.mark.no_database

DRAWN = b"BT /F1 12 Tf 72 720 Td (Your request was denied.) Tj ET\n"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many pages pypdf was asked to extract the text of."""
    asked: list[int] = []
    real = PageObject.extract_text

    def counted(self: PageObject, *args: Any, **kwargs: Any) -> str:
        asked.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", counted)
    yield asked


def _stream(writer: PdfWriter, data: bytes, **entries: str) -> Any:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = NameObject(value)
    return writer._add_object(stream.flate_encode())


def _font(writer: PdfWriter) -> DictionaryObject:
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    return DictionaryObject({NameObject("/F1"): writer._add_object(font)})


def _written(writer: PdfWriter) -> PdfReader:
    out = io.BytesIO()
    writer.write(out)
    return PdfReader(io.BytesIO(out.getvalue()))


def heavy_page_pdf(size: int, *, in_a_form: bool = False, pages: int = 1) -> PdfReader:
    """Pages whose instructions decode to about `size` bytes, drawn directly or by a form."""
    writer = PdfWriter()
    body = DRAWN + b"1 0 0 1 0 0 cm\n" * (size // 15)
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        resources = DictionaryObject({NameObject("/Font"): _font(writer)})
        if in_a_form:
            form = _stream(writer, body, Type="/XObject", Subtype="/Form")
            writer.get_object(form)[NameObject("/BBox")] = ArrayObject(
                [NumberObject(0), NumberObject(0), NumberObject(612), NumberObject(792)])
            resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Fm1"): form})
            page[NameObject("/Contents")] = _stream(writer, b"/Fm1 Do\n")
        else:
            page[NameObject("/Contents")] = _stream(writer, body)
        page[NameObject("/Resources")] = resources
    return _written(writer)


def test_a_letters_pages_are_read(runs: list[int]) -> None:
    reader = PdfReader(io.BytesIO(letter_pdf(3, label="Denial")))
    texts = page_texts(reader, 30)
    assert len(texts) == 3 and all("Denial" in text for text in texts)
    assert len(runs) == 3


def test_instructions_past_the_bound_are_never_run(runs: list[int]) -> None:
    reader = heavy_page_pdf(3_000_000)
    with pytest.raises(TooMuchToRead):
        page_texts(reader, 30)
    assert runs == []


def test_instructions_hidden_in_a_form_are_counted(runs: list[int]) -> None:
    reader = heavy_page_pdf(3_000_000, in_a_form=True)
    assert instruction_bytes(reader.pages[0], 10**9) > 2_900_000
    with pytest.raises(TooMuchToRead):
        page_texts(reader, 30)
    assert runs == []


def test_the_bound_is_for_all_pages_together(runs: list[int]) -> None:
    reader = heavy_page_pdf(60_000, pages=5)  # each page under the bound, together over it
    with pytest.raises(TooMuchToRead):
        page_texts(reader, 30, most_bytes=200_000)
    assert len(runs) == 3  # 180 kB read; the fourth page would pass 200 kB
    assert page_texts(reader, 3, most_bytes=200_000) and len(runs) == 6  # three asked for


def test_a_page_that_fails_to_read_can_be_passed_over() -> None:
    reader = PdfReader(io.BytesIO(letter_pdf(2)))

    def broken(*_args: Any, **_kwargs: Any) -> str:
        raise ValueError("damaged page")

    reader.pages[0].extract_text = broken  # type: ignore[method-assign]
    with pytest.raises(ValueError):
        page_texts(reader, 2)
    texts = page_texts(reader, 2, skip_unreadable=True)
    assert texts[0] == "" and texts[1]
