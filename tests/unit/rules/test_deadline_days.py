"""A last day to appeal on a weekend or federal holiday: pointed out, never moved (no regulation
on file moves it; one Medicare contractor's own practice is reported as such)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.rules.deadline_days import business_day_before, check_deadline_day, closed_day
from desktop_app.rules.deadlines import appeal_deadline
from tests.unit.rules._case_builders_ids import DENIAL, make_case, run

pytestmark = pytest.mark.no_database


def _appeal(**changes: Any) -> Any:
    return make_case({"letter.kind": "appeal", "letter.date": "2026-11-24",
                      "denial": dict(DENIAL), **changes})


def test_a_saturday_deadline_is_kept_and_the_friday_before_is_named() -> None:
    # Part B redetermination of a notice dated 2026-11-01: 120 + 5 days is Saturday 2027-03-06.
    case = _appeal()
    deadline = appeal_deadline(case)
    assert deadline is not None and deadline.due == dt.date(2027, 3, 6)  # not moved
    [finding] = run(check_deadline_day, case)
    assert finding.code == "appeal.deadline_not_business_day"
    assert finding.severity.value == "warning" and finding.field == "denial.date"
    assert "Saturday, March 6, 2027, falls on a Saturday" in finding.message
    assert "Send it by Friday, March 5, 2027" in finding.message
    assert "Noridian" in finding.message and "not moved" in finding.message


def test_a_federal_holiday_deadline_on_a_commercial_plan_leaves_it_to_the_plan() -> None:
    # 180 days from 2026-05-30 is Thursday 2026-11-26, Thanksgiving Day.
    case = _appeal(**{"payer.plan_type": "commercial_fully_insured", "denial.date": "2026-05-30",
                      "letter.date": "2026-11-02"})
    [finding] = run(check_deadline_day, case)
    assert "Thanksgiving Day, a federal holiday" in finding.message
    assert "payer's own rules" in finding.message
    assert "Wednesday, November 25, 2026" in finding.message
    assert "Noridian" not in finding.message


def test_a_stated_day_on_a_sunday_is_pointed_out_too() -> None:
    case = _appeal(**{"denial.stated_deadline": "2027-01-03"})  # a Sunday, before the rule's
    fields = [f.field for f in run(check_deadline_day, case)]
    assert fields == ["denial.date", "denial.stated_deadline"]


def test_workdays_and_closed_windows_say_nothing() -> None:
    # Notice 2026-11-03: the last day is Monday 2027-03-08.
    assert run(check_deadline_day, _appeal(**{"denial.date": "2026-11-03"})) == []
    assert run(check_deadline_day, _appeal(**{"letter.date": "2027-03-08"})) == []  # passed


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2027, 7, 5), "Independence Day (observed), a federal holiday"),
        (dt.date(2026, 6, 19), "Juneteenth National Independence Day, a federal holiday"),
        (dt.date(2026, 12, 27), "a Sunday"),
        (dt.date(2026, 12, 28), ""),
    ],
)
def test_closed_days(day: dt.date, words: str) -> None:
    assert closed_day(day) == words


def test_the_business_day_before_skips_a_holiday_weekend() -> None:
    # Tuesday 2026-09-08 follows Labor Day (Monday 9-7): the day before is Friday 9-4.
    assert business_day_before(dt.date(2026, 9, 8)) == dt.date(2026, 9, 4)
