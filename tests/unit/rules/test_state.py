"""State-law rules: ERISA exemption, Maine's article count, Vermont's treating oncologist."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.findings import Severity
from desktop_app.rules import state
from tests.unit.rules.evidence_case_builder import (
    NCCN_1,
    article,
    codes,
    compendium,
    make_case,
    run,
)


@pytest.mark.parametrize(
    ("plan", "plan_state", "expected"),
    [
        ("commercial_self_funded", "MA", ["state.mandate_not_applicable"]),
        ("commercial_self_funded", None, ["state.mandate_not_applicable"]),
        ("commercial_fully_insured", "MA", []),
        ("medicare_part_b", "MA", []),
        ("medicaid", "ME", []),
    ],
)
def test_self_funded_plans_are_told_state_law_does_not_apply(
    plan: str, plan_state: str | None, expected: list[str]
) -> None:
    found = run(state.check_self_funded, make_case(plan_type=plan, state=plan_state))
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.severity is Severity.INFO
        assert finding.field == "payer.plan_type"
        assert "ERISA" in finding.message


def test_self_funded_message_names_the_state_law_that_does_not_apply() -> None:
    found = run(state.check_self_funded, make_case(plan_type="commercial_self_funded", state="MA"))
    assert "Massachusetts's off-label drug law (Mass. Gen. Laws c.175 §47K) does not apply" in (
        found[0].message
    )


ONE = [article("Cancer Cell")]
TWO = [article("Cancer Cell"), article("Blood")]


@pytest.mark.parametrize(
    ("plan", "plan_state", "evidence", "expected"),
    [
        ("commercial_fully_insured", "ME", ONE, ["evidence.too_few_articles"]),
        ("commercial_fully_insured", "ME", [], ["evidence.too_few_articles"]),
        ("commercial_fully_insured", "me", ONE, ["evidence.too_few_articles"]),
        ("commercial_fully_insured", "ME", TWO, []),
        # 24-A M.R.S. §2745-E(1)(D) names only USP-DI and AHFS-DI: NCCN does not count.
        ("commercial_fully_insured", "ME", [*ONE, NCCN_1], ["evidence.too_few_articles"]),
        ("commercial_fully_insured", "ME", [*ONE, compendium("AHFS-DI", "supportive")], []),
        ("commercial_fully_insured", "ME", [*ONE, compendium("USP-DI", "supportive")], []),
        (
            "commercial_fully_insured",
            "ME",
            [*ONE, compendium("NCCN", "3")],
            ["evidence.too_few_articles"],
        ),
        ("commercial_self_funded", "ME", ONE, []),  # ERISA: Maine law does not bind it
        ("medicare_part_b", "ME", ONE, []),
        ("commercial_fully_insured", "MA", ONE, []),  # no article count in the statute
        ("commercial_fully_insured", None, ONE, []),
    ],
)
def test_maine_needs_two_articles_without_compendium_support(
    plan: str, plan_state: str | None, evidence: list[dict[str, Any]], expected: list[str]
) -> None:
    found = run(
        state.check_article_count, make_case(plan_type=plan, state=plan_state, evidence=evidence)
    )
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.severity is Severity.ERROR
        assert finding.field == "evidence"
        assert "Maine" in finding.message and "2 articles" in finding.message


@pytest.mark.parametrize(
    ("specialty", "flagged"),
    [
        ("Family Medicine", True),
        ("Medical Oncology", False),
        ("Hematology/Oncology", False),
        ("", False),
    ],
)
def test_vermont_asks_for_the_treating_oncologist(specialty: str, flagged: bool) -> None:
    case = make_case(
        plan_type="commercial_fully_insured", state="VT", prescriber={"specialty": specialty}
    )
    assert codes(state.check_treating_oncologist, case) == (
        ["state.oncologist_required"] if flagged else []
    )
    other_state = make_case(
        plan_type="commercial_fully_insured", state="MA", prescriber={"specialty": specialty}
    )
    assert codes(state.check_treating_oncologist, other_state) == []


AHFS = compendium("AHFS-DI", "supportive")
USP = compendium("USP-DI", "supportive")
DRUGDEX_IIA = compendium("DrugDex", "IIa")


@pytest.mark.parametrize(
    ("plan_state", "evidence", "expected"),
    [
        # 24-A M.R.S. §2745-E: USP-DI or AHFS-DI, or 2 articles; an NCCN listing alone is
        # reported once, by evidence.too_few_articles (see the test below).
        ("ME", [NCCN_1], []),
        ("ME", [AHFS], []),
        ("ME", [USP], []),
        # N.C. Gen. Stat. §58-51-59: NCCN, DrugDex, Clinical Pharmacology; no literature.
        ("NC", [NCCN_1], []),
        ("NC", TWO, ["state.law_not_met"]),
        # C.R.S. §10-16-104.6: HHS compendia only.
        ("CO", [article("Blood")], ["state.law_not_met"]),
        ("CO", [DRUGDEX_IIA], []),
        # Mass. Gen. Laws c.175 §47K: one article in any peer-reviewed journal suffices.
        ("MA", ONE, []),
        # A state with no law on file, and a law not confirmed: nothing to meet.
        ("WY", [NCCN_1], []),
        ("NY", [NCCN_1], []),
    ],
)
def test_state_law_met_as_the_statute_words_it(
    plan_state: str, evidence: list[dict[str, Any]], expected: list[str]
) -> None:
    case = make_case(plan_type="commercial_fully_insured", state=plan_state, evidence=evidence)
    assert codes(state.check_state_law_met, case) == expected


@pytest.mark.parametrize("evidence", [ONE, [NCCN_1], []], ids=["one article", "NCCN", "none"])
def test_state_law_not_met_is_silent_when_too_few_articles_already_says_so(
    evidence: list[dict[str, Any]],
) -> None:
    case = make_case(plan_type="commercial_fully_insured", state="ME", evidence=evidence)
    assert codes(state.check_state_law_met, case) == []
    assert codes(state.check_article_count, case) == ["evidence.too_few_articles"]


@pytest.mark.parametrize(
    ("plan", "plan_state", "expected"),
    [
        ("commercial_fully_insured", "NY", ["state.law_unverified"]),
        ("commercial_fully_insured", "OR", ["state.law_unverified"]),
        ("commercial_fully_insured", "ME", []),  # confirmed
        ("commercial_self_funded", "NY", []),  # ERISA: not bound
        ("medicare_part_b", "NY", []),
    ],
)
def test_unconfirmed_state_laws_are_named_but_not_cited(
    plan: str, plan_state: str, expected: list[str]
) -> None:
    case = make_case(plan_type=plan, state=plan_state, evidence=[NCCN_1])
    found = run(state.check_state_law_unverified, case)
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.severity is Severity.INFO
        assert "does not cite it" in finding.message


def test_an_unconfirmed_state_law_is_named_in_one_short_checklist_line() -> None:
    """The checklist names the law and its citation; the research note stays in the data."""
    case = make_case(plan_type="commercial_fully_insured", state="NH", evidence=[NCCN_1])
    (finding,) = run(state.check_state_law_unverified, case)
    law = state.binding_state_law(case)
    assert law is not None and law.citation in finding.message
    assert law.note and law.note not in finding.message
    assert len(finding.message) < 300
