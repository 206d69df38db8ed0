"""Emoji and other characters beyond U+FFFF copy out of the PDF as typed."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app.export.pdf import write_pdf
from desktop_app.export.pdf_cmap import fix_wide_entries, utf16_hex
from tests.unit.export.samples import sample_letter


def test_wide_entries_become_surrogate_pairs_and_narrow_ones_stay() -> None:
    cmap = "2 beginbfchar\n<00> <0041>\n<01> <1F44D>\n<02> <10FFFF>\nendbfchar"
    assert fix_wide_entries(cmap) == (
        "2 beginbfchar\n<00> <0041>\n<01> <D83DDC4D>\n<02> <DBFFDFFF>\nendbfchar"
    )


@given(st.integers(min_value=0x10000, max_value=0x10FFFF))
def test_utf16_hex_reads_back_as_the_code_point(code: int) -> None:
    assert bytes.fromhex(utf16_hex(code)).decode("utf-16-be") == chr(code)


def test_a_letter_with_emoji_extracts_them_as_typed() -> None:
    name = "Ana 👍 \U0001fae8 Lee 💊"  # emoji beyond U+FFFF, one from Unicode 15
    out = io.BytesIO()
    write_pdf(sample_letter(name), out, invariant=True)
    assert name in PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text()
