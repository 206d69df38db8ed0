"""The patient explainer's time limits: numbers only where a source confirms them."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.case import Case
from desktop_app.letters.patient_facts import Span, build_patient_facts, parse_span
from desktop_app.rules.deadlines import appeal_deadline
from desktop_app.services.render import suggested_file_name


@pytest.mark.parametrize(
    ("limit", "span"),
    [("72 hours", Span(72, "hours", "s")), ("1 day", Span(1, "days", "s")),
     ("4 months", Span(4, "months", "s")), ("a week", None), ("72 fortnights", None), ("", None)],
)
def test_parse_span(limit: str, span: Span | None) -> None:
    assert parse_span(limit, "s") == span


def _case(plan: str, kind: str = "preauth", **denial: object) -> Case:
    data: dict[str, object] = {"letter": {"kind": kind, "date": "2026-11-26"},
                               "payer": {"plan_type": plan}}
    if denial:
        data["denial"] = denial
    return Case.model_validate(data, strict=False)


def test_a_part_d_request_has_72_hours_and_60_days_to_appeal() -> None:
    facts = build_patient_facts(_case("medicare_part_d"), None)
    assert facts.review_time == Span(72, "hours", "42 CFR 423.568(b)")
    assert facts.appeal_time is not None and (facts.appeal_time.amount,
                                              facts.appeal_time.unit) == (60, "days")
    assert not facts.is_part_b_claim and not facts.is_appeal


def test_part_b_is_a_claim_with_no_review_time() -> None:
    facts = build_patient_facts(_case("medicare_part_b"), None)
    assert facts.is_part_b_claim and facts.review_time is None
    assert facts.appeal_time is not None and facts.appeal_time.amount == 120


def test_unconfirmed_limits_are_left_out() -> None:
    # Medicare Advantage's Part B drug request times (42 CFR 422.568, 422.572) are not confirmed.
    facts = build_patient_facts(_case("medicare_advantage"), None)
    assert facts.review_time is None
    # Medicaid's managed care appeal window (42 CFR 438.402(c)(2)(ii)) is not confirmed.
    medicaid = build_patient_facts(_case("medicaid"), None)
    assert medicaid.appeal_time is None


def test_a_medicaid_drug_request_gets_the_24_hours_the_statute_sets() -> None:
    # SSA §1927(d)(5)(A), read in the Statutes at Large (107 Stat. 617).
    facts = build_patient_facts(_case("medicaid"), None)
    assert facts.review_time is not None
    assert (facts.review_time.amount, facts.review_time.unit) == (24, "hours")
    assert "1927(d)(5)(A)" in facts.review_time.source


def test_an_appeal_gives_its_own_last_day() -> None:
    case = _case("medicare_advantage", "appeal", date="2026-11-20", level="reconsideration")
    facts = build_patient_facts(case, appeal_deadline(case))
    assert facts.is_appeal and facts.appeal_time is None
    assert facts.appeal_due == dt.date(2027, 1, 24)  # 65 days, 42 CFR 422.582(b)


def test_the_explainers_file_name_names_the_template_and_no_patient() -> None:
    case = _case("medicare_part_d")
    case.patient.name = "Rosa Delgado"
    name = suggested_file_name(case, "pdf", "patient-explainer-es")
    assert name.startswith("patient-explainer-es-") and "rosa" not in name.lower()
