"""Each state off-label law on file, one table row per statute: a case that meets it (the
letter cites the statute) and one that does not (the checker says what is missing), as the
statute words its compendia and article count (knowledge/data/state_laws.json)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Severity
from desktop_app.rules import state
from desktop_app.rules.engine import RuleContext
from desktop_app.rules.justification import justify
from tests.unit.rules.evidence_case_builder import NCCN_1, article, codes, compendium, make_case

ONE = [article("Cancer Cell")]
TWO = [article("Cancer Cell"), article("Blood")]
AHFS = compendium("AHFS-DI", "supportive")
DRUGDEX_IIA = compendium("DrugDex", "IIa")
LEXI = compendium("Lexi-Drugs", "Evidence Level A")
STATE_RULES = (
    state.check_article_count,
    state.check_state_law_met,
    state.check_state_law_unverified,
)


def fully_insured(plan_state: str, evidence: list[dict[str, Any]]) -> Case:
    return make_case(plan_type="commercial_fully_insured", state=plan_state, evidence=evidence)


def state_findings(case: Case) -> list[str]:
    return [code for rule in STATE_RULES for code in codes(rule, case)]


def cited(case: Case) -> str:
    return state.state_law_to_cite(RuleContext(case=case))


@pytest.mark.parametrize(
    ("plan_state", "evidence", "citation"),
    [
        # Cal. H&S Code §1367.21(a)(3), Ins. Code §10123.195(a)(3): NCCN (CMS-recognized),
        # AHFS-DI, or two articles.
        pytest.param("CA", [NCCN_1], "§1367.21", id="Cal H&S 1367.21 NCCN listing"),
        pytest.param("CA", [AHFS], "§10123.195", id="Cal Ins 10123.195 AHFS-DI listing"),
        pytest.param("CA", TWO, "§1367.21", id="Cal H&S 1367.21 two articles"),
        # ORC 1751.66(A): HHS compendia; (B)(1): two articles.
        pytest.param("OH", [DRUGDEX_IIA], "§1751.66", id="ORC 1751.66 DrugDex IIa"),
        pytest.param("OH", TWO, "§3923.60", id="ORC 1751.66(B) two articles"),
        # 18 Del. C. §3566(b)(2)(b): substantially accepted peer-reviewed literature.
        pytest.param("DE", ONE, "§3566", id="18 Del C 3566 one article"),
        # K.S.A. 40-2,168 with 40-2,167(c): USP-DI, AHFS-DI (or AMA-DE), or literature.
        pytest.param("KS", [AHFS], "40-2,168", id="KSA 40-2,168 AHFS-DI listing"),
        pytest.param("KS", ONE, "40-2,168", id="KSA 40-2,168 one article"),
        # Minn. Stat. §62Q.525 subd. 3: Medicare compendia or one article.
        pytest.param("MN", [NCCN_1], "62Q.525", id="Minn Stat 62Q.525 NCCN listing"),
        pytest.param("MN", ONE, "62Q.525", id="Minn Stat 62Q.525 subd 3 one article"),
        # SDCL 58-17-100(5): USP-DI, DRUGDEX or AHFS-DI.
        pytest.param("SD", [DRUGDEX_IIA], "58-17-101", id="SDCL 58-17-101 DrugDex listing"),
        # R.I. Gen. Laws §27-55-1: at least two articles.
        pytest.param("RI", TWO, "27-55-2", id="RIGL 27-55-2 two articles"),
        # 13.10.13.10(A)(1) NMAC names the AHFS Drug Information among its compendia.
        pytest.param("NM", [AHFS], "13.10.13.10", id="13.10.13.10 NMAC AHFS-DI listing"),
    ],
)
def test_a_case_that_meets_the_statute_cites_it(
    plan_state: str, evidence: list[dict[str, Any]], citation: str
) -> None:
    case = fully_insured(plan_state, evidence)
    assert state_findings(case) == []
    assert citation in cited(case)


@pytest.mark.parametrize(
    ("plan_state", "evidence", "expected", "words"),
    [
        # Lexi-Drugs is not among the compendia California names.
        pytest.param(
            "CA", [LEXI], "evidence.too_few_articles", "Add 2 more", id="Cal 1367.21 Lexi only"
        ),
        pytest.param(
            "CA", ONE, "evidence.too_few_articles", "1 more article", id="Cal 10123.195 one article"
        ),
        pytest.param(
            "OH", ONE, "evidence.too_few_articles", "2 articles", id="ORC 1751.66(B)(1) one article"
        ),
        # §3566 names no compendium: a listing alone does not show the law is met.
        pytest.param(
            "DE", [NCCN_1], "state.law_not_met", "not confirmed", id="18 Del C 3566 NCCN only"
        ),
        pytest.param("KS", [NCCN_1], "state.law_not_met", "AHFS", id="KSA 40-2,167(c) NCCN only"),
        pytest.param("SD", [NCCN_1], "state.law_not_met", "DRUGDEX", id="SDCL 58-17-100 NCCN only"),
        pytest.param(
            "RI", ONE, "evidence.too_few_articles", "2 articles", id="RIGL 27-55-1 one article"
        ),
        pytest.param(
            "RI",
            [AHFS],
            "evidence.too_few_articles",
            "not confirmed",
            id="RIGL 27-55-1 compendia unread",
        ),
        # 13.10.13.10(A) NMAC names no literature path, and NCCN is not among the compendia
        # it names.
        pytest.param(
            "NM", [NCCN_1, *TWO], "state.law_not_met", "American Hospital Formulary",
            id="13.10.13.10 NMAC NCCN and two articles",
        ),
    ],
)
def test_a_case_that_falls_short_of_the_statute_is_told_what_is_missing(
    plan_state: str, evidence: list[dict[str, Any]], expected: str, words: str
) -> None:
    case = fully_insured(plan_state, evidence)
    found = [f for rule in STATE_RULES for f in rule(RuleContext(case=case))]
    assert [f.code for f in found] == [expected]
    assert words in found[0].message
    assert found[0].severity in (Severity.WARNING, Severity.ERROR)
    assert cited(case) == ""


@pytest.mark.parametrize(
    "plan_state",
    [
        pytest.param("AL", id="Ala Code 27-1-10.1 findings only"),
        pytest.param("AR", id="Ark Code 23-79-147 compendia list partly read"),
        pytest.param("AZ", id="ARS 20-2326(B) not read"),
        pytest.param("NE", id="Neb Rev Stat 44-788 literature undefined here"),
        pytest.param("TN", id="Tenn Code 56-7-2352 findings only"),
        pytest.param("VA", id="Va Code 38.2-3407.5 definitions not read"),
        pytest.param("WA", id="WAC 284-30-450 coverage clause not read"),
    ],
)
def test_a_law_found_but_not_confirmed_is_named_and_never_cited(plan_state: str) -> None:
    strong = fully_insured(plan_state, [NCCN_1, AHFS, *TWO])
    assert state_findings(strong) == ["state.law_unverified"]
    assert cited(strong) == ""
    assert codes(state.check_state_law_unverified, make_case(state=plan_state)) == []  # Part B


@pytest.mark.parametrize("plan_state", ["PA", "WI", "MO", "SC", "KY", "OK", "DC", "ID"])
def test_a_state_without_a_mandate_gets_no_state_finding_and_no_citation(plan_state: str) -> None:
    case = fully_insured(plan_state, [NCCN_1, *TWO])
    assert state_findings(case) == []
    assert cited(case) == ""


@pytest.mark.parametrize(
    ("plan", "plan_state"),
    [
        pytest.param("commercial_self_funded", "CA", id="ERISA 514 self-funded California"),
        pytest.param("medicare_part_b", "OH", id="Medicare Part B in Ohio"),
        pytest.param("medicaid", "RI", id="Medicaid in Rhode Island"),
    ],
)
def test_a_plan_the_state_law_does_not_bind_never_cites_it(plan: str, plan_state: str) -> None:
    case = make_case(plan_type=plan, state=plan_state, evidence=[NCCN_1, *TWO])
    assert cited(case) == ""
    assert codes(state.check_state_law_met, case) == []


@pytest.mark.parametrize(
    ("plan_state", "evidence", "expected"),
    [
        # Cal. H&S Code §1367.21(a)(2): a participating prescriber and a life-threatening (or
        # chronic and seriously debilitating) condition, which the case cannot show.
        pytest.param("CA", [NCCN_1], ["state.conditions_to_confirm"], id="Cal H&S 1367.21(a)(2)"),
        pytest.param("CA", [LEXI], [], id="Cal 1367.21 not cited so nothing to confirm"),
        pytest.param("KS", [AHFS], [], id="KSA 40-2,168 no further conditions"),
        # 13.10.13.10 NMAC binds managed health care plans only.
        pytest.param("NM", [AHFS], ["state.conditions_to_confirm"], id="13.10.13 NMAC MHCP"),
        pytest.param("PA", [NCCN_1], [], id="no law on file"),
    ],
)
def test_conditions_the_case_cannot_show_are_left_to_staff_to_confirm(
    plan_state: str, evidence: list[dict[str, Any]], expected: list[str]
) -> None:
    case = fully_insured(plan_state, evidence)
    found = list(state.check_conditions_to_confirm(RuleContext(case=case)))
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.severity is Severity.INFO
        if plan_state == "CA":
            assert "participating" in finding.message and "life-threatening" in finding.message
        else:
            assert "managed health care plan" in finding.message


def test_the_letter_claims_only_the_evidence_conditions_where_others_remain() -> None:
    """California: the statement says the evidence conditions are met and names the rest."""
    result = justify(fully_insured("CA", [NCCN_1]))
    assert result.met
    assert "meets the evidence conditions of Cal. Health & Safety Code §1367.21" in (
        result.statement
    )
    assert "also requires that a participating licensed health care professional" in (
        result.statement
    )
    kansas = justify(fully_insured("KS", [AHFS]))
    assert "It therefore meets the conditions of K.S.A. 40-2,168." in kansas.statement


@pytest.mark.parametrize(
    ("plan_state", "evidence", "journals"),
    [
        # Fla. Stat. §627.4239(1)(a): studies in a United States peer-reviewed national journal.
        pytest.param("FL", ONE, "a United States peer-reviewed", id="Fla Stat 627.4239(1)(a)"),
        # 215 ILCS 125/4-6.3: two journals published in the United States or Great Britain.
        pytest.param("IL", TWO, "United States or Great Britain", id="215 ILCS 125/4-6.3"),
        # O.C.G.A. §33-53-2(2): a journal published in the United States or Great Britain.
        pytest.param("GA", ONE, "United States or Great Britain", id="OCGA 33-53-2(2)"),
    ],
)
def test_where_articles_carry_a_law_that_limits_journals_staff_confirm_the_journals(
    plan_state: str, evidence: list[dict[str, Any]], journals: str
) -> None:
    case = fully_insured(plan_state, evidence)
    found = list(state.check_conditions_to_confirm(RuleContext(case=case)))
    assert [f.code for f in found] == ["state.conditions_to_confirm"]
    assert journals in found[0].message
    statement = justify(case).statement
    assert "meets the evidence conditions of" in statement and journals in statement


@pytest.mark.parametrize(
    ("plan_state", "evidence"),
    [
        pytest.param("FL", [NCCN_1], id="Fla Stat 627.4239 NCCN listing"),
        pytest.param("FL", [NCCN_1, *ONE], id="Fla Stat 627.4239 listing and article"),
        pytest.param("IL", [NCCN_1], id="215 ILCS 125/4-6.3 NCCN listing"),
    ],
)
def test_a_listing_in_a_named_compendium_needs_no_journal_check(
    plan_state: str, evidence: list[dict[str, Any]]
) -> None:
    case = fully_insured(plan_state, evidence)
    assert list(state.check_conditions_to_confirm(RuleContext(case=case))) == []
    assert "It therefore meets the conditions of" in justify(case).statement
