"""The federal holidays of 5 U.S.C. 6103 as the deadline checks see them, observed days included."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.knowledge.federal_holidays import HolidayRule, federal_holidays

pytestmark = pytest.mark.no_database


def test_a_year_with_weekend_holidays_lists_both_the_day_and_the_day_observed() -> None:
    # 2027: Juneteenth on a Saturday (observed Friday, 5 U.S.C. 6103(b)); July 4 on a Sunday
    # (observed Monday, EO 11582 s.3(a)); Christmas and the next New Year's Day on Saturdays.
    days = federal_holidays(2027)
    assert days[dt.date(2027, 1, 18)] == "Birthday of Martin Luther King, Jr."
    assert days[dt.date(2027, 5, 31)] == "Memorial Day"  # the last Monday in May
    assert days[dt.date(2027, 6, 18)] == "Juneteenth National Independence Day (observed)"
    assert days[dt.date(2027, 7, 5)] == "Independence Day (observed)"
    assert days[dt.date(2027, 11, 25)] == "Thanksgiving Day"  # the fourth Thursday
    assert days[dt.date(2027, 12, 24)] == "Christmas Day (observed)"
    assert days[dt.date(2027, 12, 31)] == "New Year's Day (observed)"
    assert len(days) == 15


def test_an_ordinary_year_has_the_eleven_holidays() -> None:
    days = federal_holidays(2025)  # no fixed-date holiday on a weekend
    assert len(days) == 11
    assert dt.date(2025, 9, 1) in days  # Labor Day, the first Monday in September
    assert dt.date(2025, 10, 13) in days  # Columbus Day, the second Monday in October
    assert dt.date(2025, 12, 24) not in days


def test_a_rule_must_be_a_fixed_date_or_an_nth_weekday() -> None:
    with pytest.raises(ValueError, match="either day"):
        HolidayRule(name="x", month=1, day=1, weekday="monday", nth=1)
    with pytest.raises(ValueError, match="either day"):
        HolidayRule(name="x", month=1)
