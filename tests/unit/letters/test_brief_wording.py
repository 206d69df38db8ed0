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


def test_only_a_letter_that_asks_for_the_reviewer_request_reads_the_denial_answers_file() -> None:
    from desktop_app.knowledge.denial_answers import denial_answer_data
    from desktop_app.letters.context import build_context
    from desktop_app.letters.document import Letterhead

    preauth = EXAMPLE.with_name("medicare-part-b-preauth.json")
    case = parse_case(json.loads(preauth.read_text("utf-8")))
    denial_answer_data.cache_clear()
    facts = build_context(case, Letterhead(practice_name="Fictional Oncology"))["facts"]
    assert denial_answer_data.cache_info().currsize == 0  # a request letter needs none of it
    # The brief's "Ask for:" still reads the same words, from the file, when a template asks.
    assert facts.reviewer_request.startswith("Ask that the case be reviewed by ")
    assert "oncologist" in facts.reviewer_request
    assert denial_answer_data.cache_info().currsize == 1
