"""The federal holidays of 5 U.S.C. 6103 (data/federal_holidays.json), as observed each year.

Eleven rules that change only by an act of Congress (Juneteenth, 2021), kept as data with their
source rather than taken from a holiday-calendar package: the one tried (`holidays`) took 100 to
250 ms to import, paid by the first check of every appeal, for a list this short.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import Literal

from pydantic import Field, model_validator

from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

FEDERAL_HOLIDAYS_FILE = "federal_holidays.json"
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday")
SATURDAY, SUNDAY = 5, 6


class HolidayRule(DataModel):
    name: str = Field(min_length=1)
    month: int = Field(ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)  # a fixed date
    weekday: Weekday | None = None  # or the nth weekday of the month (-1: the last)
    nth: int | None = Field(default=None, ge=-1, le=4)

    @model_validator(mode="after")
    def _one_kind(self) -> HolidayRule:
        fixed = self.day is not None
        floating = self.weekday is not None and self.nth not in (None, 0)
        if fixed == floating:
            raise ValueError("give either day, or weekday and nth (1-4, or -1 for the last)")
        return self


class FederalHolidays(Sourced):
    about: str = ""
    holidays: tuple[HolidayRule, ...] = Field(min_length=1)


@functools.cache
def federal_holiday_rules() -> FederalHolidays:
    return load_reference(FEDERAL_HOLIDAYS_FILE, FederalHolidays)


register_cache(federal_holiday_rules.cache_clear)


def _date_in(year: int, rule: HolidayRule) -> dt.date:
    if rule.day is not None:
        return dt.date(year, rule.month, rule.day)
    assert rule.weekday is not None and rule.nth is not None
    wanted = WEEKDAYS.index(rule.weekday)
    days = [d for d in range(1, calendar.monthrange(year, rule.month)[1] + 1)
            if dt.date(year, rule.month, d).weekday() == wanted]
    return dt.date(year, rule.month, days[rule.nth - 1 if rule.nth > 0 else -1])


def _observed(day: dt.date) -> dt.date:
    """A Saturday holiday is observed the Friday before (5 U.S.C. 6103(b)), a Sunday one the
    Monday after (Executive Order 11582, section 3(a))."""
    if day.weekday() == SATURDAY:
        return day - dt.timedelta(days=1)
    if day.weekday() == SUNDAY:
        return day + dt.timedelta(days=1)
    return day


@functools.lru_cache(maxsize=16)
def federal_holidays(year: int) -> dict[dt.date, str]:
    """Each holiday of `year` on the day it falls and, when that is a weekend, the day it is
    observed ("Independence Day (observed)"). Jan 1 of the next year can be observed on Dec 31."""
    found: dict[dt.date, str] = {}
    for shifted_year in (year, year + 1):
        for rule in federal_holiday_rules().holidays:
            day = _date_in(shifted_year, rule)
            observed = _observed(day)
            if day.year == year:
                found[day] = rule.name
            if observed != day and observed.year == year:
                found.setdefault(observed, f"{rule.name} (observed)")
    return found


register_cache(federal_holidays.cache_clear)
