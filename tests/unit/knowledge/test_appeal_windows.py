"""Appeal filing windows per plan type and level."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.knowledge.appeal_windows import (
    add_months,
    appeal_window,
    default_level,
    levels_for,
    resolve_level,
)

NOTICE = dt.date(2026, 1, 10)


@pytest.mark.parametrize(
    ("plan", "level", "due"),
    [
        ("commercial_fully_insured", None, NOTICE + dt.timedelta(days=180)),
        ("commercial_fully_insured", "first", NOTICE + dt.timedelta(days=180)),
        ("commercial_fully_insured", "external", dt.date(2026, 5, 10)),
        ("commercial_self_funded", "first", NOTICE + dt.timedelta(days=180)),
        ("medicare_part_b", None, NOTICE + dt.timedelta(days=125)),
        ("medicare_part_b", "redetermination", NOTICE + dt.timedelta(days=125)),
        ("medicare_part_b", "first", NOTICE + dt.timedelta(days=125)),
        ("medicare_part_b", "reconsideration", NOTICE + dt.timedelta(days=185)),
        ("medicare_part_b", "second", NOTICE + dt.timedelta(days=185)),
        ("medicare_part_d", None, NOTICE + dt.timedelta(days=65)),
        ("medicare_part_d", "redetermination", NOTICE + dt.timedelta(days=65)),
        ("medicare_advantage", None, NOTICE + dt.timedelta(days=65)),  # 42 CFR 422.582(b)
        ("medicare_part_d", "reconsideration", NOTICE + dt.timedelta(days=60)),  # 423.600(a)
        ("medicaid", "second", NOTICE + dt.timedelta(days=90)),  # 431.221(d): at most 90
        ("medicaid", None, NOTICE + dt.timedelta(days=60)),
    ],
)
def test_due_date(plan: str, level: str | None, due: dt.date) -> None:
    window = appeal_window(plan, level)
    assert window is not None
    assert window.due_date(NOTICE) == due
    assert window.rule and window.source


@pytest.mark.parametrize(
    ("plan", "level"),
    [
        ("commercial_fully_insured", "redetermination"),
        ("medicare_part_b", "external"),
        ("medicare_part_d", "external"),
        ("medicaid", "reconsideration"),
        (None, "first"),
        ("medicare_part_c", None),
        ("medicare_part_b", 7),
        (["medicare_part_b"], None),
    ],
)
def test_level_that_does_not_apply_has_no_window(plan: object, level: object) -> None:
    assert appeal_window(plan, level) is None


def test_default_levels_per_plan() -> None:
    assert default_level("commercial_fully_insured") == "first"
    assert default_level("medicare_part_b") == "redetermination"
    assert default_level("medicare_part_d") == "redetermination"
    assert default_level(None) is None
    assert resolve_level("medicare_part_b", "second") == "reconsideration"


def test_levels_for_lists_names_and_aliases() -> None:
    assert levels_for("medicare_part_b") == (
        "redetermination",
        "reconsideration",
        "first",
        "second",
    )
    assert levels_for("nonsense") == ()


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2026, 1, 15), 4, dt.date(2026, 5, 15)),
        (dt.date(2026, 7, 31), 4, dt.date(2026, 12, 1)),  # no Nov 31: first day of the 5th month
        (dt.date(2026, 7, 30), 4, dt.date(2026, 11, 30)),  # the day before: same date
        (dt.date(2025, 10, 31), 4, dt.date(2026, 3, 1)),  # no Feb 31
        (dt.date(2025, 10, 28), 4, dt.date(2026, 2, 28)),
        (dt.date(2025, 10, 29), 4, dt.date(2026, 3, 1)),  # no Feb 29 in 2026
        (dt.date(2023, 10, 29), 4, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2023, 10, 30), 4, dt.date(2024, 3, 1)),
        (dt.date(2026, 9, 30), 4, dt.date(2027, 1, 30)),
        (dt.date(2026, 12, 31), 12, dt.date(2027, 12, 31)),
        (dt.date(2026, 8, 31), 4, dt.date(2026, 12, 31)),
    ],
)
def test_add_months_45_cfr_147_136_first_day_of_fifth_month(
    start: dt.date, months: int, end: dt.date
) -> None:
    """45 CFR 147.136(d), DOL TR 2010-01: a notice of July 31 may be appealed through Dec 1."""
    assert add_months(start, months) == end


@given(st.dates(max_value=dt.date(9000, 1, 1)), st.integers(min_value=0, max_value=48))
def test_add_months_lands_on_the_same_date_or_the_next_first(start: dt.date, months: int) -> None:
    end = add_months(start, months)
    offset = (end.year - start.year) * 12 + end.month - start.month
    if end.day == start.day:
        assert offset == months
    else:  # the target month was too short: the first day of the month after it
        assert (offset, end.day) == (months + 1, 1)
