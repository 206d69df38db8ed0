"""A direction override in the letterhead or a case field cannot reorder the exported letter.

Settings and the checklist refuse these characters, but staff can export over the errors
with an override reason, and a hand-edited settings file or case file reaches the exporters
too. Both the Word file and the PDF then hold the text in the order it is stored, with no
embedding, override, isolate or direction mark left in them ("Trojan Source").
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.casefile import load_case
from desktop_app.export.base import DIRECTION_CONTROLS
from desktop_app.services.render import render_letter
from desktop_app.services.settings import PracticeLetterhead, PracticeSettings
from tests.unit.export import probes

ROOT = Path(__file__).resolve().parents[2]
RLO, LRO, PDF_, RLI, PDI, RLM = "\u202e", "\u202d", "\u202c", "\u2067", "\u2069", "\u200f"

# Each hostile value, and the same value as stored with its controls taken out. Under the
# override "ygolocnO" would show as "Oncology", "eoD" as "Doe"; the right-to-left marks
# would show the suite numbers as "1 3 2".
LETTERHEAD_NAME = (f"Riverside {RLO}ygolocnO{PDF_} Care", "Riverside ygolocnO Care")
LETTERHEAD_ADDRESS = (f"1 Main St, Suite 1 {RLM}2 {RLM}3\nAnytown, ST 00000",
                      "1 Main St, Suite 1 2 3")
PATIENT = (f"Jane {RLO}eoD{PDF_} {RLI}Roe{PDI}", "Jane eoD Roe")
PRESCRIBER = (f"Daniel {LRO}K.{PDF_} {RLO}rennerB{PDF_}", "Daniel K. rennerB")
STORED_ORDER = [LETTERHEAD_NAME[1], LETTERHEAD_ADDRESS[1], PATIENT[1], PRESCRIBER[1]]


@pytest.fixture(scope="module")
def letters() -> dict[str, bytes]:
    case = load_case(ROOT / "examples" / "commercial-preauth.json")
    case = case.model_copy(update={
        "patient": case.patient.model_copy(update={"name": PATIENT[0]}),
        "prescriber": case.prescriber.model_copy(update={"name": PRESCRIBER[0]}),
    })
    settings = PracticeSettings(letterhead=PracticeLetterhead(
        name=LETTERHEAD_NAME[0], address=LETTERHEAD_ADDRESS[0]))
    # The checklist refuses these names; staff export anyway, giving a reason.
    return {fmt: render_letter(case, fmt=fmt, settings=settings, invariant=True,
                               override_reason="sent as the plan asked").data
            for fmt in ("pdf", "docx")}


def _docx_xml(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as package:
        return "".join(package.read(name).decode("utf-8") for name in package.namelist()
                       if name.endswith((".xml", ".rels")))


def _controls_in(text: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch in DIRECTION_CONTROLS})


def test_the_word_file_holds_no_direction_control(letters: dict[str, bytes]) -> None:
    assert _controls_in(_docx_xml(letters["docx"])) == []


def test_the_word_file_shows_each_field_in_stored_order(letters: dict[str, bytes]) -> None:
    word = probes.open_docx(letters["docx"])
    section = word.sections[0]
    header = "\n".join(p.text for p in section.first_page_header.paragraphs)
    running = "\n".join(p.text for p in section.header.paragraphs)
    body = "\n".join(text for _style, text in probes.docx_body_paragraphs(word))
    assert LETTERHEAD_NAME[1] in header and LETTERHEAD_ADDRESS[1] in header
    assert PATIENT[1] in probes.normalize(header) and PATIENT[1] in probes.normalize(running)
    paragraphs = [p.text for p in word.paragraphs]
    assert any(PATIENT[1] in text for text in paragraphs)  # the letter's own sentences
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert PATIENT[1] in cells and any(PRESCRIBER[1] in cell for cell in cells)
    assert any(text.startswith(PRESCRIBER[1]) for text in paragraphs)  # the signature block
    assert body.count(PRESCRIBER[1]) >= 2


def test_the_pdf_text_is_in_stored_order(letters: dict[str, bytes]) -> None:
    pages = probes.pdf_pages(letters["pdf"])
    first_page = probes.normalize(pages[0])
    for text in STORED_ORDER:
        assert probes.normalize(text) in first_page
    whole = probes.normalize(" ".join(pages))
    assert whole.count(PATIENT[1]) >= 3  # running header, sentences, the reference table
    assert whole.count(PRESCRIBER[1]) >= 2  # the reference table, the signature block
    assert _controls_in("".join(pages)) == []


def test_the_pdf_holds_no_direction_control_for_any_reader(letters: dict[str, bytes]) -> None:
    reader = PdfReader(BytesIO(letters["pdf"]))
    extracted = "".join(page.extract_text() or "" for page in reader.pages)
    assert _controls_in(extracted) == []
    assert PATIENT[1] in probes.normalize(extracted)
