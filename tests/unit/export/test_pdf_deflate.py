"""A letter's streams are deflated at the fast level, and read back whole."""

from __future__ import annotations

import io
import re
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app.export import pdf_deflate
from desktop_app.export.pdf import write_pdf
from tests.unit.export.samples import sample_letter

_STREAM = re.compile(rb"/Filter\s*\[?\s*/FlateDecode.*?stream\r?\n", re.DOTALL)


def _letter_pdf(name: str = "Trần Thị Hoa") -> bytes:
    out = io.BytesIO()
    write_pdf(sample_letter(name), out, invariant=True)
    return out.getvalue()


def test_every_stream_of_a_letter_is_deflated_at_the_fast_level() -> None:
    data = _letter_pdf()
    starts = [match.end() for match in _STREAM.finditer(data)]
    assert len(starts) >= 4  # page content and the embedded fonts at least
    # The second byte of a zlib header names the level: 0x01 is level 1, 0x9C the default.
    assert {data[at : at + 2] for at in starts} == {b"\x78\x01"}


def test_the_letter_still_reads_back_as_typed() -> None:
    reader = PdfReader(io.BytesIO(_letter_pdf("Zoë Ng & Ana 👍")))
    assert "Zoë Ng & Ana 👍" in reader.pages[0].extract_text()


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.binary(max_size=4096), st.text(max_size=1024)))
def test_deflate_gives_back_exactly_what_it_was_given(data: bytes | str) -> None:
    raw = data.encode("utf8") if isinstance(data, str) else data
    assert zlib.decompress(pdf_deflate.deflate(data)) == raw
