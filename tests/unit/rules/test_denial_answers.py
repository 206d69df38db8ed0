"""Each stated denial reason is answered from the case, or the checklist says what to add."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.rules.denial_answers import (
    answer_reasons,
    check_reasons_answered,
    check_reasons_split,
)
from desktop_app.rules.stated_deadline import check_stated_deadline
from tests.unit.rules._case_builders_ids import DELETE, DENIAL, make_case, run


def _appeal(reasons: list[dict[str, Any]], **changes: Any) -> Any:
    return make_case({
        "letter.kind": "appeal",
        "letter.date": "2026-11-24",
        "denial": {**DENIAL, "reasons": reasons},
        **changes,
    })


def _reason(category: str, text: str = "The payer's words.", **more: Any) -> dict[str, Any]:
    return {"category": category, "text": text, **more}


@pytest.mark.parametrize(
    "category",
    ["experimental", "not_medically_necessary", "not_fda_approved", "not_in_compendia",
     "step_therapy", "missing_information", "quantity_limit"],
)
def test_a_full_case_answers_the_reasons_its_parts_cover(category: str) -> None:
    case = _appeal([_reason(category)])
    [answer] = answer_reasons(case)
    assert answer.answered, category
    assert run(check_reasons_answered, case) == []


def test_experimental_is_answered_by_the_supportive_listing_and_literature() -> None:
    [answer] = answer_reasons(_appeal([_reason("experimental")]))
    assert answer.parts[:2] == ("compendium", "literature")
    assert 0 in answer.evidence  # the NCCN 2A listing


def test_a_listing_the_standard_does_not_count_answers_nothing() -> None:
    case = _appeal(
        [_reason("experimental", "Investigational.")],
        evidence=[{"type": "compendium", "compendium": "NCCN", "rating": "3"}],
    )
    [answer] = answer_reasons(case)
    assert not answer.answered and answer.evidence == ()
    [finding] = run(check_reasons_answered, case)
    assert finding.field == "denial.reasons.0"
    assert "compendium listing" in finding.message


def test_missing_information_needs_enclosures() -> None:
    case = _appeal([_reason("missing_information")], attachments=DELETE)
    [finding] = run(check_reasons_answered, case)
    assert "Attach the records" in finding.message


def test_step_therapy_without_prior_therapies_is_answered_by_a_state_law_on_file() -> None:
    no_history = {"prior_therapies": DELETE}
    texas = _appeal(
        [_reason("step_therapy")],
        **{"payer.plan_type": "commercial_fully_insured", "payer.state": "TX", **no_history},
    )
    [answer] = answer_reasons(texas)
    assert answer.answered and "Tex. Ins. Code §1369.0546(c)" in answer.law[0]
    new_york = _appeal(
        [_reason("step_therapy")],
        **{"payer.plan_type": "commercial_fully_insured", "payer.state": "NY", **no_history},
    )
    # New York's grounds were not read: an unverified law answers nothing and is never cited.
    [answer] = answer_reasons(new_york)
    assert not answer.answered and answer.law == ()


@pytest.mark.parametrize("category", ["out_of_network", "other"])
def test_reasons_only_staff_can_answer_need_their_response(category: str) -> None:
    case = _appeal([_reason(category)])
    assert len(run(check_reasons_answered, case)) == 1
    answered = _appeal([_reason(category, response="No in-network oncologist offers it.")])
    assert run(check_reasons_answered, answered) == []


def test_a_preauthorization_is_not_checked_for_answers() -> None:
    case = make_case({"denial": {**DENIAL, "reasons": [_reason("other")]}})
    assert run(check_reasons_answered, case) == []


def test_one_reason_text_is_suggested_to_be_split() -> None:
    case = make_case({"letter.kind": "appeal", "denial": DENIAL})
    [finding] = run(check_reasons_split, case)
    assert finding.severity.value == "info" and finding.field == "denial.reasons"
    assert run(check_reasons_split, _appeal([_reason("other")])) == []


def test_a_stated_deadline_earlier_than_the_rule_is_pointed_out() -> None:
    # Medicare Part B redetermination: 120 days + 5 from 2026-11-01 is 2027-03-06.
    case = _appeal([_reason("other")], **{"denial.stated_deadline": "2027-01-04"})
    [finding] = run(check_stated_deadline, case)
    assert finding.code == "appeal.stated_deadline_earlier"
    assert "January 4, 2027" in finding.message and "March 6, 2027" in finding.message
    later = _appeal([_reason("other")], **{"denial.stated_deadline": "2027-06-30"})
    [finding] = run(check_stated_deadline, later)
    assert finding.code == "appeal.stated_deadline_later"  # a notice does not extend 405.942(a)


def test_a_stated_deadline_before_the_letter_date_warns() -> None:
    case = _appeal([_reason("other")], **{"denial.stated_deadline": "2026-11-20"})
    [finding] = run(check_stated_deadline, case)
    assert finding.code == "appeal.stated_deadline_passed"


def test_hostile_reason_text_is_quoted_as_data() -> None:
    text = "<b>{{7*7}}</b> {% if x %}"
    [answer] = answer_reasons(_appeal([_reason("other", text)]))
    assert answer.payer_words == text


def test_a_reason_about_a_drug_not_requested_is_answered_only_by_the_practice() -> None:
    # A pathway vendor's letter about nivolumab after nivolumab was withdrawn from the request:
    # the case's evidence is about the drugs requested, so it must not be argued under it.
    words = "Use of nivolumab in microsatellite-stable pancreatic cancer is investigational."
    case = _appeal([_reason("experimental", words)])
    [answer] = answer_reasons(case)
    assert answer.other_drugs == ("nivolumab",) and not answer.answered
    assert answer.parts == () and answer.evidence == ()
    [finding] = run(check_reasons_answered, case)
    assert "is about nivolumab, which this request does not include" in finding.message
    withdrawn = _appeal([_reason("experimental", words, response="Nivolumab is withdrawn.")])
    assert answer_reasons(withdrawn)[0].answered
    assert run(check_reasons_answered, withdrawn) == []


@pytest.mark.parametrize(
    ("category", "words"),
    [
        ("step_therapy", "You must first try nivolumab before this drug is covered."),
        ("experimental", "Bevacizumab for this cancer is investigational."),  # its biosimilar
        ("experimental", "Mvasi for this cancer is investigational."),  # by its brand
        ("experimental", "The requested treatment is investigational."),  # no drug named
    ],
)
def test_reasons_naming_the_requested_drug_or_the_drug_to_try_are_answered_from_the_case(
    category: str, words: str
) -> None:
    case = _appeal([_reason(category, words)],
                   **{"drug.generic_name": "bevacizumab-awwb", "drug.brand_name": "Mvasi"})
    [answer] = answer_reasons(case)
    assert answer.other_drugs == () and answer.answered
