"""The peer-to-peer brief: one page for every example, with what the physician needs on the call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.domain.casefile import load_case, parse_case
from desktop_app.services.render import render_letter
from tests.conftest import EXAMPLES
from tests.unit.export import probes

CASES = sorted(EXAMPLES.glob("*.json"))


def _pages(case: object) -> list[str]:
    letter = render_letter(case, fmt="pdf", template="peer-to-peer-brief",  # type: ignore[arg-type]
                           override_reason="golden test", invariant=True)
    return [probes.normalize(page) for page in probes.pdf_pages(letter.data)]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_example_brief_is_one_page(path: Path) -> None:
    pages = _pages(load_case(path))
    assert len(pages) == 1
    assert "Peer-to-peer brief" in pages[0] and "Page 1 of 1" in pages[0]


def test_the_brief_has_the_reasons_points_patient_ask_and_numbers() -> None:
    data = json.loads((EXAMPLES / "commercial-appeal.json").read_text("utf-8"))
    data["denial"]["reasons"] = [
        {"category": "experimental", "text": "Considered investigational."},
        {"category": "step_therapy", "text": "Must try sunitinib first."},
        {"category": "missing_information", "text": "No pathology report received."},
        {"category": "quantity_limit", "text": "Exceeds the quantity limit."},
        {"category": "out_of_network", "text": "The prescriber is out of network."},
    ]
    data["evidence"].append({"type": "trial", "nct": "NCT01824875", "title": "E2211"})
    data["call_log"] = [{"at": "2026-11-14T10:30", "who": "Dana R.",
                         "reference_number": "55-1234", "summary": "Received."}]
    pages = _pages(parse_case(data))
    assert len(pages) == 1, "five reasons still fit one page"
    text = pages[0]
    assert "1. Experimental or investigational" in text and "“Considered investigational.”" in text
    assert "Category 2A" in text  # the strongest point names its compendium category
    assert "Randomized controlled trial (NCT01824875)" in text  # and the study its trial
    assert "board-certified medical oncologist" in text
    assert "Denial reference: PTM-UM-2026-118842" in text and "Call reference: 55-1234" in text
    assert "Midcoast Oncology Partners" not in text  # no letterhead: it stays in the practice
