"""Golden checks of every example case's letter: text, page count and fonts, PDF and DOCX.

Expectations live in tests/golden/expected/<example>.json. After an intended change to a
template or the layout, regenerate them with `PA_UPDATE_GOLDEN=1 make unit` (or pytest on
this file) and review the diff like any other change to what payers read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop_app.domain.casefile import load_case
from desktop_app.services.render import render_letter
from tests.conftest import EXAMPLES
from tests.unit.export import probes

EXPECTED = Path(__file__).with_name("expected")
CASES = sorted(p.stem for p in EXAMPLES.glob("*.json"))
UPDATE = os.environ.get("PA_UPDATE_GOLDEN") == "1"


def _render(name: str, fmt: str) -> bytes:
    case = load_case(EXAMPLES / f"{name}.json")
    # Every example renders: the ones with errors stand for drafts a physician overrode.
    letter = render_letter(case, fmt=fmt, override_reason="golden test", invariant=True)
    return letter.data


def _observed(name: str) -> dict[str, object]:
    pdf = _render(name, "pdf")
    pages = probes.pdf_pages(pdf)
    word = probes.open_docx(_render(name, "docx"))
    return {
        "pdf_pages": len(pages),
        "pdf_fonts": sorted(font for font, embedded in probes.pdf_fonts(pdf).items()),
        "pdf_fonts_embedded": all(probes.pdf_fonts(pdf).values()),
        "pdf_text": [probes.normalize(page) for page in pages],
        "docx_paragraphs": [text for _, text in probes.docx_body_paragraphs(word) if text],
    }


@pytest.mark.parametrize("name", CASES)
def test_example_letter_matches_its_golden_file(name: str) -> None:
    observed = _observed(name)
    path = EXPECTED / f"{name}.json"
    if UPDATE or not path.exists():
        path.write_text(json.dumps(observed, indent=1, ensure_ascii=False) + "\n", "utf-8")
        if not UPDATE:
            pytest.fail(f"wrote a new golden file {path.name}; review and commit it")
    expected = json.loads(path.read_text("utf-8"))
    assert observed["pdf_pages"] == expected["pdf_pages"]
    assert observed["pdf_fonts"] == expected["pdf_fonts"]
    assert observed["pdf_fonts_embedded"] is True
    assert observed["pdf_text"] == expected["pdf_text"]
    assert observed["docx_paragraphs"] == expected["docx_paragraphs"]


@pytest.mark.parametrize("name", CASES)
def test_every_pdf_page_names_the_patient_and_counts_pages(name: str) -> None:
    case = load_case(EXAMPLES / f"{name}.json")
    pages = probes.pdf_pages(_render(name, "pdf"))
    # A member ID that is the patient's MBI is printed as the Medicare card shows it, once
    # spelled: "MBI: 1EG4-TE5-MK73" (the payer section may hold it without hyphens).
    member = f"Member ID: {case.payer.member_id}"
    mbi = case.patient.mbi or ""
    if mbi and mbi.replace("-", "") == case.payer.member_id.replace("-", ""):
        member = f"MBI: {mbi}"
    for number, page in enumerate(pages, 1):
        text = probes.normalize(page)
        assert probes.normalize(case.patient.name) in text
        assert member in text
        assert f"Page {number} of {len(pages)}" in text


def test_docx_holds_the_same_words_as_the_pdf() -> None:
    name = "commercial-appeal"
    case = load_case(EXAMPLES / f"{name}.json")
    pdf_words = probes.word_counts(
        probes.pdf_body_words(_render(name, "pdf"), f"Patient: {case.patient.name}")
    )
    word = probes.open_docx(_render(name, "docx"))
    docx_words = probes.word_counts(
        " ".join(text for _, text in probes.docx_body_paragraphs(word)).split()
    )
    missing = {w: n for w, n in docx_words.items() if pdf_words[w] < n}
    assert not missing, f"words in the DOCX but not the PDF: {sorted(missing)[:20]}"
