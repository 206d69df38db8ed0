"""The practice's letterhead as typed in Settings prints exactly as typed, markup and all."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from desktop_app.domain.casefile import load_case
from desktop_app.services.render import render_letter
from desktop_app.services.settings import PracticeLetterhead, PracticeSettings
from tests.unit.export import probes

ROOT = Path(__file__).resolve().parents[2]
NAME = "<b>Riverside</b> &amp; {{ practice }} **Oncology** <font color=red>x</font>"
ADDRESS = "1 <i>Main</i> St, Suite &lt;2&gt;\n{% if x %}Anytown{% endif %}, ST 00000"
PHONE = "555-0100 <br/>"
EMAIL = "office@riverside.example]]><x/>"
SETTINGS = PracticeSettings(letterhead=PracticeLetterhead(
    name=NAME, address=ADDRESS, phone=PHONE, fax="555-0199 &nbsp;", email=EMAIL))
PRINTED = [NAME, *ADDRESS.splitlines(), PHONE.strip(), EMAIL]


@pytest.fixture(scope="module")
def letters() -> dict[str, bytes]:
    case = load_case(ROOT / "examples" / "commercial-preauth.json")
    return {fmt: render_letter(case, fmt=fmt, settings=SETTINGS, invariant=True).data
            for fmt in ("pdf", "docx")}


def test_the_pdf_letterhead_prints_markup_looking_text_literally(
    letters: dict[str, bytes],
) -> None:
    first_page = probes.normalize(probes.pdf_pages(letters["pdf"])[0])
    for text in PRINTED:
        assert probes.normalize(text) in first_page
    assert "&nbsp;" in first_page  # an entity stays the letters typed


def test_the_docx_letterhead_prints_markup_looking_text_literally(
    letters: dict[str, bytes],
) -> None:
    header = probes.open_docx(letters["docx"]).sections[0].first_page_header
    # Beside a logo the letterhead is a table; without one, paragraphs.
    cells = [cell.text for table in header.tables for row in table.rows for cell in row.cells]
    printed = "\n".join([*cells, *(p.text for p in header.paragraphs)])
    for text in PRINTED:
        assert text in printed
    with zipfile.ZipFile(BytesIO(letters["docx"])) as package:
        xml = "".join(package.read(name).decode("utf-8") for name in package.namelist()
                      if name.startswith("word/header"))
    assert "<b>" not in xml and "&lt;b&gt;Riverside&lt;/b&gt; &amp;amp;" in xml
    assert "<x/>" not in xml  # a CDATA end in the text cannot end anything
