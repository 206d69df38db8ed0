"""justify(): the standard that applies, whether it is met, and a sentence a letter can use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_denial import Denial
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.case_parties import Payer, Prescriber
from desktop_app.domain.case_treatment import Diagnosis, Drug, OffLabel
from desktop_app.domain.findings import Finding
from desktop_app.knowledge.one_letter import one_letter
from desktop_app.rules import appeal, coverage, evidence, labeled, offlabel, state
from desktop_app.rules.deadlines import appeal_deadline
from desktop_app.rules.engine import RuleContext
from desktop_app.rules.justification import UNMET_STATEMENT, justify
from tests.unit.rules.evidence_case_builder import NCCN_1, NEJM_RCT, article, compendium, make_case


def test_medicare_supported_sentence_names_compendium_and_cms_journal() -> None:
    result = justify(make_case(evidence=[NCCN_1, NEJM_RCT]))
    assert result.met
    assert result.standard == "Medicare Part B: SSA §1861(t)(2) and MBPM ch.15 §50.4.5"
    assert result.provision == "SSA §1861(t)(2)(B) and MBPM ch.15 §50.4.5"
    assert result.statement.startswith(
        "The requested use is supported by the NCCN Drugs & Biologics Compendium (v2.2026), "
        "category 1, and by a randomized trial published in the New England Journal of "
        "Medicine, a journal CMS recognizes."
    )
    assert "medically accepted indication under section 1861(t)(2)(B)" in result.statement
    assert result.supporting == (0, 1)
    assert any("1861(t)(2)(B)" in p for p in result.legal_basis)
    assert any("50.4.5" in p for p in result.legal_basis)


def test_section_1861_t_2_b_is_described_in_its_own_terms_not_as_a_mandate() -> None:
    """SSA §1861(t)(2)(A)-(B): a drug in an anticancer regimen for a medically accepted
    indication; §50.4.5(D): the contractor may still find a use not reasonable and necessary."""
    words = " ".join(justify(make_case(evidence=[NCCN_1])).legal_basis)
    assert "requires Medicare to cover" not in words
    assert "medically accepted indication" in words
    assert "not indicated" in words  # the exception the statute names
    assert "peer-reviewed medical literature" in words
    assert "50.4.5(D)" in words and "not reasonable and necessary" in words


@pytest.mark.parametrize(
    ("plan", "cited", "claims"),
    [
        ("medicare_part_b", "1861(t)(2)(B)", True),
        ("medicare_advantage", "1861(t)(2)(B)", True),
        ("medicare_part_d", "1860D-2(e)(4)(A)(i)", True),
        ("medicaid", "1927(k)(6)", False),  # the state program's criteria decide
        ("commercial_self_funded", "ERISA", False),  # the plan's own terms decide
        ("commercial_fully_insured", "2560.503-1", False),
    ],
)
def test_legal_basis_names_the_provision_for_the_plan_type(
    plan: str, cited: str, claims: bool
) -> None:
    result = justify(make_case(plan_type=plan, evidence=[NCCN_1]))
    assert any(cited in p for p in result.legal_basis)
    assert result.met is claims
    assert "supported by" in result.statement


def test_part_d_anticancer_rule_is_dated_2009_by_mippa() -> None:
    """SSA §1860D-2(e)(4)(A)(i) applies from plan years 2009 (MIPPA §182), not 2006."""
    words = " ".join(justify(make_case(plan_type="medicare_part_d")).legal_basis)
    assert "January 1, 2009" in words and "MIPPA" in words


@pytest.mark.parametrize(
    "evidence",
    [
        [],
        [compendium("NCCN", "3")],
        [article("Cancer Cell")],
        [article("Blood", "case-report")],
        [compendium("NCCN", "banana")],
        [NCCN_1, compendium("DrugDex", "not indicated")],  # not indicated beats supportive
        [NCCN_1, compendium("DrugDex", "III")],  # an unanswered negative listing
    ],
)
def test_never_claims_support_the_findings_do_not_show(evidence: list[dict[str, Any]]) -> None:
    result = justify(make_case(evidence=evidence))
    assert not result.met
    assert "supported" not in result.statement
    assert result.statement == UNMET_STATEMENT


@pytest.mark.parametrize(
    ("plan", "negative"),
    [
        ("medicare_part_b", compendium("DrugDex", "III")),
        ("medicare_part_b", compendium("Lexi-Drugs", "unsupported")),
        ("medicare_advantage", compendium("NCCN", "3")),
        ("medicare_part_d", compendium("AHFS-DI", "not supportive")),
        ("commercial_fully_insured", compendium("DrugDex", "III")),
    ],
)
def test_conflict_mbpm_50_4_5_b_explained_but_never_claimed_as_met(
    plan: str, negative: dict[str, Any]
) -> None:
    """MBPM ch.15 §50.4.5(B), A58113: with a negative listing the letter explains, never claims."""
    explanation = "The Class III rating predates the phase III trial cited, in first line."
    case = make_case(
        plan_type=plan,
        evidence=[compendium("NCCN", "2A"), negative],
        off_label={"conflict_explanation": explanation},
    )
    result = justify(case)
    assert not result.met
    assert result.conflict
    assert explanation in result.statement
    assert "therefore" not in result.statement
    assert "rates it" in result.statement


def test_not_indicated_listing_defeats_support_for_commercial_plans_too() -> None:
    case = make_case(
        plan_type="commercial_fully_insured", evidence=[NCCN_1, compendium("NCCN", "not indicated")]
    )
    assert not justify(case).met


def test_nccn_2b_alone_is_phrased_honestly_under_medicare() -> None:
    """MBPM ch.15 §50.4.5(B) names NCCN 1 and 2A; some contractors accept 2B (A58113)."""
    result = justify(make_case(evidence=[compendium("NCCN", "Category 2B", "v1.2026")]))
    assert not result.met  # never "meets the Medicare standard" on 2B
    assert result.only_weak_support
    assert "supported by" not in result.statement
    assert "category 2B" in result.statement
    assert "some Medicare contractors also accept category 2B" in result.statement
    assert "A58113" in result.statement
    assert "1 and 2A" in result.statement
    assert "(v1.2026)" in result.statement


def test_nccn_2b_with_a_cms_journal_trial_leaves_the_decision_to_the_contractor() -> None:
    """SSA §1861(t)(2)(B)(ii)(II): on literature the contractor determines; the letter asks."""
    result = justify(make_case(evidence=[compendium("NCCN", "2B"), NEJM_RCT]))
    assert not result.only_weak_support
    assert "supported by" in result.statement
    assert not result.met
    assert "may determine" in result.statement


def test_articles_alone_under_medicare_ask_the_contractor_to_determine() -> None:
    result = justify(make_case(evidence=[NEJM_RCT]))
    assert not result.met
    assert "1861(t)(2)(B)(ii)(II)" in result.statement


def test_only_items_meeting_the_standard_are_listed_as_supporting() -> None:
    case = make_case(
        evidence=[
            compendium("NCCN", "not indicated"),
            NEJM_RCT,
            article("Cancer Cell"),
            {"type": "trial", "nct": "NCT01234567"},
            compendium("DrugDex", "IIa"),
        ]
    )
    result = justify(case)
    assert result.supporting == (1, 4)
    assert not result.met  # the not-indicated listing stands


def test_commercial_article_from_any_journal_does_not_claim_cms_recognition() -> None:
    result = justify(
        make_case(plan_type="commercial_fully_insured", evidence=[article("Cancer Cell")])
    )
    assert not result.met  # plan terms decide: the letter sets out the support only
    assert "published in Cancer Cell" in result.statement
    assert "CMS" not in result.statement


@pytest.mark.parametrize(
    ("plan_state", "evidence", "met", "supporting"),
    [
        ("MA", [article("Cancer Cell")], True, (0,)),
        ("ME", [article("Cancer Cell")], False, (0,)),
        ("ME", [article("Cancer Cell"), article("Blood", "nonrandomized")], True, (0, 1)),
        ("ME", [NCCN_1, article("Blood")], False, (0, 1)),  # 24-A §2745-E: NCCN is not named
        ("ME", [compendium("USP-DI", "supportive"), article("Blood")], True, (0,)),
        ("CO", [article("Blood")], False, (0,)),  # Colorado counts compendia only
        ("CO", [NCCN_1], True, (0,)),
        ("VT", [NCCN_1], False, (0,)),  # 8 V.S.A. §4095f names AHFS-DI, USP-DI, not NCCN
        ("VT", [article("Blood")], True, (0,)),
    ],
)
def test_state_law_cited_only_when_the_plan_is_bound_and_the_case_meets_it(
    plan_state: str, evidence: list[dict[str, Any]], met: bool, supporting: tuple[int, ...]
) -> None:
    result = justify(
        make_case(plan_type="commercial_fully_insured", state=plan_state, evidence=evidence)
    )
    assert result.met is met
    assert result.supporting == supporting
    if met:
        assert "It therefore meets the conditions of" in result.statement
        assert result.state_law and result.state_law in result.provision
        assert len(result.legal_basis) == 2
    else:
        assert "conditions of" not in result.statement
        assert not result.state_law
        assert result.standard.startswith("Commercial (fully insured)")


def test_maine_is_not_claimed_on_nccn_plus_one_article() -> None:
    """The review's case: NCCN 2A and one article does not meet 24-A M.R.S. §2745-E."""
    case = make_case(
        plan_type="commercial_fully_insured",
        state="ME",
        evidence=[compendium("NCCN", "2A"), article("J Clin Oncol")],
    )
    result = justify(case)
    assert "2745-E" not in result.statement
    assert not any("2745-E" in p for p in result.legal_basis)


def test_self_funded_plan_never_cites_state_law() -> None:
    result = justify(make_case(plan_type="commercial_self_funded", state="MA", evidence=[NCCN_1]))
    assert "ERISA" in result.standard
    assert not any("47K" in p for p in result.legal_basis)


def test_unverified_state_law_is_not_cited() -> None:
    result = justify(make_case(plan_type="commercial_fully_insured", state="NY", evidence=[NCCN_1]))
    assert result.standard.startswith("Commercial (fully insured)")
    assert not result.state_law


def test_state_law_without_entry_falls_back_to_plan_terms() -> None:
    result = justify(make_case(plan_type="commercial_fully_insured", state="WY", evidence=[NCCN_1]))
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
        state.check_state_law_met, state.check_state_law_unverified,
        coverage.check_conflicting_listing, coverage.check_part_d_compendia,
        coverage.check_use_kind, coverage.check_benefit, coverage.check_abn,
        appeal.check_deadline_verified, offlabel.check_timeframe_verified,
        labeled.check_labeled_use,
    ]  # fmt: skip
    for check in checks:
        for finding in check(context):
            assert isinstance(finding, Finding)
            assert finding.message.strip()
    justification = justify(case)
    assert justification.standard
    appeal_deadline(case)


def test_within_one_letter_the_justification_follows_an_edit() -> None:
    # Kept for the letter under the case's content: an edit in between is answered afresh.
    case = make_case(evidence=[NCCN_1])
    with one_letter():
        first = justify(case)
        assert justify(case) is first
        case.evidence = []
        edited = justify(case)
    assert first.met and first.supporting == (0,)
    assert not edited.met and edited.supporting == ()
