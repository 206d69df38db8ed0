"""appeal_deadline: due date, days left and the rule in words, per plan type and level."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.case import Case
from desktop_app.rules.deadlines import appeal_deadline
from tests.unit.rules.evidence_case_builder import LETTER_DATE, make_case

DENIAL = dt.date(2026, 1, 5)


def appeal_case(plan: str | None, level: str | None = None, denial_date: dt.date = DENIAL) -> Case:
    return make_case(
        plan_type=plan,
        letter={"kind": "appeal"},
        denial={
            "date": denial_date,
            "reference_number": "AUTH-1",
            "reason": "Experimental",
            "level": level,
        },
    )


@pytest.mark.parametrize(
    ("plan", "level", "due", "source", "words"),
    [
        (
            "commercial_fully_insured",
            None,
            DENIAL + dt.timedelta(days=180),
            "2560.503-1",
            "180 days",
        ),
        ("commercial_fully_insured", "external", dt.date(2026, 5, 5), "147.136", "4 months"),
        (
            "commercial_self_funded",
            "first",
            DENIAL + dt.timedelta(days=180),
            "2560.503-1",
            "180 days",
        ),
        ("medicare_part_b", None, DENIAL + dt.timedelta(days=125), "405.942", "presumed 5 days"),
        (
            "medicare_part_b",
            "reconsideration",
            DENIAL + dt.timedelta(days=185),
            "405.962",
            "180 days",
        ),
        ("medicare_part_d", None, DENIAL + dt.timedelta(days=65), "423.582", "60 days"),
        ("medicare_advantage", None, DENIAL + dt.timedelta(days=65), "422.582", "65 days"),
        ("medicare_part_d", "second", DENIAL + dt.timedelta(days=60), "423.600", "60 days"),
        ("medicaid", None, DENIAL + dt.timedelta(days=60), "438.402", "60 days"),
    ],
)
def test_deadline_per_plan_and_level(
    plan: str, level: str | None, due: dt.date, source: str, words: str
) -> None:
    deadline = appeal_deadline(appeal_case(plan, level))
    assert deadline is not None
    assert deadline.due == due
    assert deadline.days_left == (due - LETTER_DATE).days
    assert source in deadline.source
    assert words in deadline.rule


@pytest.mark.parametrize(
    ("plan", "level", "verified"),
    [
        ("medicare_advantage", None, True),  # 42 CFR 422.582(b), 65 days since 2025-01-01
        ("medicare_part_d", "reconsideration", True),  # 42 CFR 423.600(a)
        ("medicare_part_d", None, True),  # 42 CFR 423.582(b)
        ("commercial_fully_insured", "second", False),  # plan terms: no regulation
        ("medicaid", None, False),  # 42 CFR 438.402: not re-read
        ("medicaid", "second", False),  # 42 CFR 431.221(d): a cap, the state sets the days
    ],
)
def test_unverified_windows_say_so_in_the_source(
    plan: str, level: str | None, verified: bool
) -> None:
    deadline = appeal_deadline(appeal_case(plan, level))
    assert deadline is not None
    assert deadline.verified is verified
    assert ("unverified" in deadline.source) is not verified


@pytest.mark.parametrize(
    ("plan", "level", "decided_by", "not_words"),
    [
        ("medicare_part_b", None, "Medicare Administrative Contractor", "QIC"),
        ("medicare_part_b", "second", "Qualified Independent Contractor", "MAC"),
        ("medicare_advantage", None, "Medicare Advantage plan", "Qualified Independent"),
        ("medicare_part_d", None, "Part D plan sponsor", "Qualified Independent"),
        ("medicare_part_d", "second", "Part D Independent Review Entity", "Qualified"),
        ("commercial_fully_insured", "external", "independent review organization", "QIC"),
    ],
)
def test_who_decides_each_level_42_cfr_405_940_422_590_423_580_423_600(
    plan: str, level: str | None, decided_by: str, not_words: str
) -> None:
    """MA and Part D reconsiderations are never a QIC's: the plan then the IRE, the sponsor then
    the Part D IRE; traditional Medicare is the MAC then the QIC."""
    deadline = appeal_deadline(appeal_case(plan, level))
    assert deadline is not None
    assert decided_by in deadline.decided_by
    assert not_words not in deadline.decided_by
    assert deadline.addressee


def test_days_left_is_negative_once_passed() -> None:
    deadline = appeal_deadline(appeal_case("medicare_part_d", denial_date=dt.date(2025, 6, 1)))
    assert deadline is not None
    assert deadline.days_left < 0
    assert deadline.passed


@pytest.mark.parametrize(
    "case",
    [
        make_case(letter={"kind": "preauth"}),
        make_case(letter={"kind": "appeal"}, denial=None),
        make_case(letter={"kind": "appeal"}, denial={"date": None, "reference_number": "X"}),
        appeal_case(None),
        appeal_case("commercial_fully_insured", "redetermination"),
        appeal_case("medicare_part_b", "external"),
    ],
)
def test_no_deadline_without_appeal_denial_date_or_matching_level(case: Case) -> None:
    assert appeal_deadline(case) is None


def test_far_future_denial_date_does_not_crash() -> None:
    assert appeal_deadline(appeal_case("medicare_part_b", denial_date=dt.date(9999, 12, 1))) is None
