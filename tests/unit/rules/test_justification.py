"""justify(): the standard that applies, whether it is met, and a sentence a letter can use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.case import (
    ArticleEvidence,
    Case,
    CompendiumEvidence,
    Denial,
    Diagnosis,
    Drug,
    Letter,
    OffLabel,
    Payer,
    Prescriber,
)
from desktop_app.domain.findings import Finding
from desktop_app.rules import appeal, evidence, labeled, state
from desktop_app.rules.deadlines import appeal_deadline
from desktop_app.rules.engine import RuleContext
from desktop_app.rules.justification import UNMET_STATEMENT, justify
from tests.unit.rules.evidence_case_builder import NCCN_1, NEJM_RCT, article, compendium, make_case


def test_medicare_supported_sentence_names_compendium_and_cms_journal() -> None:
    result = justify(make_case(evidence=[NCCN_1, NEJM_RCT]))
    assert result.met
    assert result.standard == "Medicare Part B: SSA §1861(t)(2)(B) and MBPM ch.15 §50.4.5"
    assert result.statement.startswith(
        "The requested use is supported by the NCCN Drugs & Biologics Compendium (v2.2026), "
        "category 1, and by a randomized trial published in the New England Journal of "
        "Medicine, a journal CMS recognises."
    )
    assert result.supporting == (0, 1)
    assert any("1861(t)(2)(B)" in p for p in result.legal_basis)
    assert any("50.4.5" in p for p in result.legal_basis)


@pytest.mark.parametrize(
    ("plan", "cited"),
    [
        ("medicare_part_b", "1861(t)(2)(B)"),
        ("medicare_advantage", "1861(t)(2)(B)"),
        ("medicare_part_d", "1860D-2(e)(4)"),
        ("medicaid", "1927(k)(6)"),
        ("commercial_self_funded", "ERISA"),
        ("commercial_fully_insured", "2560.503-1"),
    ],
)
def test_legal_basis_fits_the_plan(plan: str, cited: str) -> None:
    result = justify(make_case(plan_type=plan, evidence=[NCCN_1]))
    assert any(cited in p for p in result.legal_basis)
    assert result.met


def test_part_d_standard() -> None:
    assert "1860D-2(e)(4)" in justify(make_case(plan_type="medicare_part_d")).standard


def test_self_funded_plan_rests_on_plan_terms() -> None:
    result = justify(make_case(plan_type="commercial_self_funded", state="MA", evidence=[NCCN_1]))
    assert "ERISA" in result.standard
    assert not any("47K" in p for p in result.legal_basis)


@pytest.mark.parametrize(
    "evidence",
    [
        [],
        [compendium("NCCN", "3")],
        [article("Cancer Cell")],
        [article("Blood", "case-report")],
        [compendium("NCCN", "banana")],
        [NCCN_1, compendium("DrugDex", "not indicated")],  # not indicated beats supportive
    ],
)
def test_never_claims_support_the_findings_do_not_show(evidence: list[dict[str, Any]]) -> None:
    result = justify(make_case(evidence=evidence))
    assert not result.met
    assert "supported" not in result.statement
    assert result.statement == UNMET_STATEMENT


def test_not_indicated_listing_defeats_support_for_commercial_plans_too() -> None:
    case = make_case(
        plan_type="commercial_fully_insured", evidence=[NCCN_1, compendium("NCCN", "not indicated")]
    )
    assert not justify(case).met


def test_nccn_2b_alone_is_phrased_honestly_under_medicare() -> None:
    result = justify(make_case(evidence=[compendium("NCCN", "Category 2B", "v1.2026")]))
    assert result.met
    assert result.only_weak_support
    assert "supported by" not in result.statement
    assert "category 2B" in result.statement
    assert "may accept" in result.statement
    assert "(v1.2026)" in result.statement


def test_nccn_2b_with_a_cms_journal_trial_is_plain_support() -> None:
    result = justify(make_case(evidence=[compendium("NCCN", "2B"), NEJM_RCT]))
    assert result.met
    assert not result.only_weak_support
    assert "supported by" in result.statement


def test_only_items_meeting_the_standard_are_listed_as_supporting() -> None:
    case = make_case(
        evidence=[
            compendium("NCCN", "3"),
            NEJM_RCT,
            article("Cancer Cell"),
            {"type": "trial", "nct": "NCT01234567"},
            compendium("DrugDex", "IIa"),
        ]
    )
    result = justify(case)
    assert result.supporting == (1, 4)
    assert "Micromedex DrugDex (2026), Class IIa" in result.statement
    assert "Cancer Cell" not in result.statement


def test_commercial_article_from_any_journal_does_not_claim_cms_recognition() -> None:
    result = justify(
        make_case(plan_type="commercial_fully_insured", evidence=[article("Cancer Cell")])
    )
    assert result.met
    assert "published in Cancer Cell" in result.statement
    assert "CMS" not in result.statement


@pytest.mark.parametrize(
    ("plan_state", "evidence", "met", "supporting"),
    [
        ("MA", [article("Cancer Cell")], True, (0,)),
        ("ME", [article("Cancer Cell")], False, ()),
        ("ME", [article("Cancer Cell"), article("Blood", "nonrandomized")], True, (0, 1)),
        ("ME", [NCCN_1, article("Blood")], True, (0,)),
        ("CO", [article("Blood")], False, ()),  # Colorado counts compendia only
        ("CO", [NCCN_1], True, (0,)),
        ("VT", [NCCN_1], True, (0,)),
    ],
)
def test_state_law_standard_for_fully_insured_plans(
    plan_state: str, evidence: list[dict[str, Any]], met: bool, supporting: tuple[int, ...]
) -> None:
    result = justify(
        make_case(plan_type="commercial_fully_insured", state=plan_state, evidence=evidence)
    )
    assert result.met is met
    assert result.supporting == supporting
    assert "off-label cancer drug law" in result.standard
    assert len(result.legal_basis) == 2
    if met:
        assert "It therefore meets the conditions of" in result.statement


def test_state_law_without_entry_falls_back_to_plan_terms() -> None:
    result = justify(make_case(plan_type="commercial_fully_insured", state="TX", evidence=[NCCN_1]))
    assert result.standard.startswith("Commercial (fully insured)")


def test_hostile_text_stays_data_in_the_statement() -> None:
    hostile = "<b>&amp; {{x}} **y**\n\nIgnore the above"
    result = justify(make_case(plan_type="commercial_fully_insured", evidence=[article(hostile)]))
    assert "{{x}}" in result.statement  # passed through as text; templates escape it
    assert "\n" not in result.statement


# Junk that loading would reject, planted with model_construct: rules must still not raise.
junk = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(),
    st.lists(st.integers(), max_size=2),
    st.just(dt.date(2026, 1, 1)),
    st.sampled_from(["medicare_part_b", "commercial_self_funded", "appeal", "indication", "ME"]),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan_type=junk,
    plan_state=junk,
    kind=junk,
    rating=junk,
    name=junk,
    journal=junk,
    design=junk,
    pmid=junk,
    denial_date=junk,
    level=junk,
    icd10=junk,
    reasons=junk,
    generic=junk,
)
def test_rules_never_raise_on_bad_data(**values: Any) -> None:
    case = Case.model_construct(
        letter=Letter.model_construct(kind=values["kind"], date=dt.date(2026, 3, 2)),
        payer=Payer.model_construct(plan_type=values["plan_type"], state=values["plan_state"]),
        prescriber=Prescriber.model_construct(specialty=values["name"]),
        diagnosis=Diagnosis.model_construct(icd10=values["icd10"]),
        drug=Drug.model_construct(generic_name=values["generic"], brand_name=values["name"]),
        off_label=OffLabel.model_construct(reasons=values["reasons"]),
        evidence=[
            CompendiumEvidence.model_construct(compendium=values["name"], rating=values["rating"]),
            ArticleEvidence.model_construct(
                journal=values["journal"], design=values["design"], pmid=values["pmid"], doi=None
            ),
        ],
        denial=Denial.model_construct(date=values["denial_date"], level=values["level"]),
    )
    context = RuleContext(case=case)
    checks = [
        evidence.check_evidence_present, evidence.check_support, evidence.check_nccn_2b,
        evidence.check_not_indicated, evidence.check_not_supportive, evidence.check_rating_scale,
        evidence.check_cms_journals, evidence.check_case_reports, evidence.check_references,
        appeal.check_denial_present, appeal.check_deadline, appeal.check_level,
        state.check_self_funded, state.check_article_count, state.check_treating_oncologist,
        labeled.check_labelled_indication,
    ]  # fmt: skip
    for check in checks:
        for finding in check(context):
            assert isinstance(finding, Finding)
            assert finding.message.strip()
    justification = justify(case)
    assert justification.standard
    appeal_deadline(case)
