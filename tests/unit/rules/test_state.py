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
        ("commercial_fully_insured", "ME", [*ONE, NCCN_1], []),  # a compendium supports
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
