"""What the built-in letters say about the law: title, addressee, who decides, the benefit, the
decision timeframe asked for, criteria, and the new clinical sections (letters/law_facts.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.letters.law_facts import build_law_facts, timeframe_sentence
from desktop_app.letters.render import render_document
from desktop_app.letters.templates import get_template
from desktop_app.storage.settings import PracticeSettings
from tests.unit.rules.evidence_case_builder import NCCN_1, NEJM_RCT, compendium, make_case

DENIAL = {"date": dt.date(2026, 2, 20), "reference_number": "D-1", "reason": "Experimental"}


def letter_text(case: Any) -> str:
    name = "offlabel-appeal" if case.letter.kind == "appeal" else "offlabel-preauth"
    template = get_template(name)
    return render_document(case, template, settings=PracticeSettings()).plain_text()


@pytest.mark.parametrize(
    ("plan", "kind", "expedited", "words", "source"),
    [
        ("medicare_part_d", "preauth", True, "within 24 hours", "423.572(a)"),
        ("medicare_part_d", "preauth", False, "within 72 hours", "423.568(b)"),
        ("medicare_part_d", "appeal", True, "within 72 hours", "423.590(d)"),
        ("commercial_fully_insured", "preauth", True, "within 72 hours", "2560.503-1(f)(2)(i)"),
        ("commercial_self_funded", "appeal", True, "within 72 hours", "2560.503-1(i)(2)(i)"),
        ("commercial_fully_insured", "preauth", False, "within 15 days", "2560.503-1(f)(2)(iii)"),
        ("medicare_advantage", "appeal", False, "within 7 days", "422.590(c)"),
        ("medicare_part_d", "appeal", False, "within 7 days", "423.590(a)"),
        # SSA §1927(d)(5)(A), 107 Stat. 617: a response within 24 hours.
        ("medicaid", "preauth", False, "within 24 hours", "1927(d)(5)(A)"),
        # Not confirmed against the regulation: the provision, no number.
        ("medicare_advantage", "preauth", True, "within the timeframe that", "422.572(a)(2)"),
        ("medicare_advantage", "preauth", False, "within the timeframe that", "422.568(b)(3)"),
    ],
)
def test_the_letter_asks_for_the_timeframe_the_plan_type_owes(
    plan: str, kind: str, expedited: bool, words: str, source: str
) -> None:
    """42 CFR 423.568, 423.570, 423.572, 423.590; 29 CFR 2560.503-1(f), (i); 42 CFR 422.568,
    422.572, 422.590. CMS-0057-F's 72-hour / 7-day prior-authorization times exclude drugs."""
    case = make_case(plan_type=plan, letter={"kind": kind, "expedited": expedited})
    sentence = timeframe_sentence(case)
    assert words in sentence and source in sentence
    assert "0057" not in sentence
    if "timeframe that" in words:
        assert "hours" not in sentence and "days" not in sentence


def test_part_b_claims_have_no_decision_timeframe_to_ask_for() -> None:
    assert timeframe_sentence(make_case(plan_type="medicare_part_b")) == ""


@pytest.mark.parametrize(
    ("plan", "kind", "level", "title", "addressee", "decided_by"),
    [
        ("medicare_part_b", "preauth", None, "Letter of medical necessity", "Medical Review", ""),
        ("medicare_advantage", "preauth", None, "Prior authorization request",
         "Prior Authorization / Pharmacy and Medical Review", ""),
        ("medicare_part_b", "appeal", None, "Appeal of coverage denial", "Redeterminations",
         "Medicare Administrative Contractor"),
        ("medicare_part_b", "appeal", "reconsideration", "Appeal of coverage denial",
         "Reconsiderations", "Qualified Independent Contractor"),
        ("medicare_advantage", "appeal", None, "Appeal of coverage denial",
         "Appeals and Grievances (Reconsiderations)", "the Medicare Advantage plan"),
        ("medicare_part_d", "appeal", None, "Appeal of coverage denial",
         "Part D Redeterminations", "Part D plan sponsor"),
        ("medicare_part_d", "appeal", "second", "Appeal of coverage denial",
         "Part D Reconsiderations (Independent Review Entity)", "Part D Independent Review"),
    ],
)  # fmt: skip
def test_title_addressee_and_deciding_body_42_cfr_405_940_422_590_423_580(
    plan: str, kind: str, level: str | None, title: str, addressee: str, decided_by: str
) -> None:
    denial = {**DENIAL, "level": level} if kind == "appeal" else None
    case = make_case(plan_type=plan, letter={"kind": kind}, denial=denial)
    law = build_law_facts(case, "bevacizumab")
    assert law.letter_title == title
    assert law.addressee == addressee
    assert decided_by in law.decided_by
    assert "Qualified Independent" not in law.decided_by or plan == "medicare_part_b"


def test_medicare_advantage_appeal_says_the_plan_forwards_to_the_ire_42_cfr_422_592() -> None:
    case = make_case(plan_type="medicare_advantage", letter={"kind": "appeal"}, denial=DENIAL)
    text = letter_text(case)
    assert "Attn: Appeals and Grievances (Reconsiderations)" in text
    assert "automatically to the Part C Independent Review Entity" in text
    assert "Qualified Independent Contractor" not in text


def test_part_b_letter_is_a_letter_of_medical_necessity_not_a_request() -> None:
    """Traditional Medicare has no prior-authorization step for most Part B drugs."""
    text = letter_text(make_case(plan_type="medicare_part_b", evidence=[NCCN_1]))
    assert "Re: Letter of medical necessity for bevacizumab" in text
    assert "for the claim and the medical record" in text
    assert "prior authorization" not in text.casefold()
    assert "peer-to-peer" not in text
    assert "Attn: Medical Review" in text


def test_medicare_advantage_letter_stays_a_request_with_criteria_and_timeframe() -> None:
    text = letter_text(make_case(plan_type="medicare_advantage", evidence=[NCCN_1]))
    assert "Re: Request for prior authorization of bevacizumab" in text
    assert "written coverage criteria or policy" in text
    assert "422.568(b)(3)" in text
    assert "plan's Part B (medical) benefit" in text


@pytest.mark.parametrize(
    ("evidence", "claims"),
    [
        ([NCCN_1], True),
        ([compendium("NCCN", "2B")], False),  # the manual names 1 and 2A
        ([NEJM_RCT], False),  # the contractor determines on literature
        ([NCCN_1, compendium("DrugDex", "III")], False),  # a negative listing stands
        ([], False),
    ],
)
def test_medically_accepted_is_said_only_when_the_findings_show_it(
    evidence: list[dict[str, Any]], claims: bool
) -> None:
    for kind in ("preauth", "appeal"):
        case = make_case(
            plan_type="medicare_part_b",
            letter={"kind": kind},
            evidence=evidence,
            denial=DENIAL if kind == "appeal" else None,
        )
        text = letter_text(case)
        assert ("The use is medically accepted" in text) is claims, kind
        assert "requires Medicare to cover" not in text


def test_expedited_request_prints_the_urgency_statement_and_the_timeframe() -> None:
    case = make_case(
        plan_type="medicare_part_d",
        letter={"expedited": True, "urgency_statement": "She is vomiting her oral doses now."},
        evidence=[NCCN_1],
    )
    text = letter_text(case)
    assert "EXPEDITED REVIEW REQUESTED" in text
    assert "She is vomiting her oral doses now." in text
    assert "within 24 hours, as 42 CFR 423.570, 423.572(a) require" in text


def test_new_clinical_sections_print_when_filled() -> None:
    case = make_case(
        diagnosis={"secondary_icd10": ["C78.7", "C79.51"]},
        off_label={
            "trial_population_match": "Like the trial's patients she had one prior regimen.",
            "monitoring_plan": "CT every 8 weeks; stop at progression.",
        },
        evidence=[NCCN_1],
    )
    text = letter_text(case)
    assert "Other diagnosis codes (ICD-10-CM): C78.7 – Secondary malignant neoplasm of liver" in (
        text
    )
    assert "C79.51" in text
    assert "How this patient matches the patients studied." in text
    assert "Like the trial's patients she had one prior regimen." in text
    assert "Monitoring and response plan" in text and "CT every 8 weeks" in text


def test_unverified_deadline_is_not_stated_in_the_appeal() -> None:
    case = make_case(
        plan_type="commercial_fully_insured",
        letter={"kind": "appeal"},
        denial={**DENIAL, "level": "second"},
        evidence=[NCCN_1],
    )
    assert "last day to file" not in letter_text(case)
    verified = make_case(
        plan_type="commercial_fully_insured",
        letter={"kind": "appeal"},
        denial={**DENIAL, "level": "first"},
        evidence=[NCCN_1],
    )
    assert "last day to file" in letter_text(verified)


@pytest.mark.parametrize(
    ("plan", "level", "independent"),
    [
        ("medicare_part_b", "redetermination", False),  # the MAC reviews its own decision
        ("medicare_part_b", "reconsideration", True),  # a QIC (42 CFR 405.960)
        ("medicare_advantage", "reconsideration", False),  # the plan itself (42 CFR 422.590)
        ("medicare_part_d", "redetermination", False),
        ("medicare_part_d", "reconsideration", True),  # the Part D IRE (42 CFR 423.600)
        ("commercial_fully_insured", "first", False),
        ("commercial_fully_insured", "external", True),  # an IRO (45 CFR 147.136(d))
        ("commercial_self_funded", "external", True),
        ("medicaid", "second", True),  # a state fair hearing (42 CFR 431.221)
    ],
)
def test_an_independent_reviewer_is_not_asked_to_reverse_its_own_decision(
    plan: str, level: str, independent: bool
) -> None:
    case = make_case(plan_type=plan, letter={"kind": "appeal"}, denial={**DENIAL, "level": level})
    assert build_law_facts(case, "bevacizumab").independent_review is independent
    text = letter_text(case)
    assert ("appeal your decision" in text) is not independent
    assert ("peer-to-peer review with a" in text) is not independent


@pytest.mark.parametrize(
    ("plan", "level", "expedited", "words"),
    [
        ("commercial_fully_insured", "first", False, "within 30 days"),  # one level: 30 days
        ("commercial_fully_insured", "second", False, "within 15 days"),  # two levels: 15 each
        ("commercial_self_funded", "second", False, "within 15 days"),
        ("commercial_self_funded", "second", True, "within 72 hours"),
        ("medicare_part_d", "second", False, "within 7 days"),  # the IRE: 42 CFR 423.600(d)
        ("medicaid", "first", False, "the timeframe that 42 CFR 438.408(b)(2)"),  # not read
        ("medicaid", "first", True, "the timeframe that 42 CFR 438.408(b)(3)"),
        ("medicaid", "second", False, "within 90 days, as 42 CFR 431.244(f)(1)(i)"),
        ("medicaid", "second", True, "within 3 working days, as 42 CFR 431.244(f)(2)"),
    ],
)
def test_a_second_internal_appeal_level_is_owed_its_own_timeframe_2560_503_1_i_2_ii(
    plan: str, level: str, expedited: bool, words: str
) -> None:
    case = make_case(plan_type=plan, letter={"kind": "appeal", "expedited": expedited},
                     denial={**DENIAL, "level": level})
    sentence = timeframe_sentence(case)
    assert words in sentence, sentence
    assert "2560.503-1(i)(2)" in sentence or not plan.startswith("commercial")
    if "timeframe that" in words:  # not confirmed: the provision without a number
        assert "hours" not in sentence and "days" not in sentence
