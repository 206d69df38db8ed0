"""The brief's sentences read right with the free text staff typed inside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.domain.casefile import parse_case
from desktop_app.letters.brief_wording import brief_points, in_phrase

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "commercial-appeal.json"


@pytest.mark.parametrize(("typed", "shown"), [
    ("Enucleation of the right eye", "enucleation of the right eye"),
    ("Whole-brain radiation therapy, 30 Gy", "whole-brain radiation therapy, 30 Gy"),
    ("Carboplatin + paclitaxel, 6 cycles", "carboplatin + paclitaxel, 6 cycles"),  # generic
    ("FOLFOX + bevacizumab", "FOLFOX + bevacizumab"),  # a regimen's short name
    ("AC-T, dose-dense", "AC-T, dose-dense"),
    ("Keytruda 200 mg", "Keytruda 200 mg"),  # a brand is a name
    ("Whipple procedure", "Whipple procedure"),  # so is a surgeon's
    ("  resection  ", "resection"),
    ("", ""),
])
def test_free_text_after_a_fixed_phrase_loses_a_capital_only_where_no_name_has_one(
    typed: str, shown: str
) -> None:
    assert in_phrase(typed) == shown


def test_the_patient_point_reads_already_treated_with_in_lower_case() -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["prior_therapies"] = [{"regimen": "Enucleation of the right eye",
                                "reason_stopped": "Local treatment completed"}]
    case = parse_case(data)
    patient = next(p for p in brief_points(case, []) if p.title == "This patient")
    assert patient.text.startswith("Already treated with enucleation of the right eye "
                                   "(stopped: Local treatment completed).")
