"""An appeal's last day that falls on a Saturday, a Sunday or a federal holiday.

No regulation the product encodes moves such a day: 42 CFR 405.942(a), 405.962(a), 422.582(b),
423.582(b), 423.600(a), 29 CFR 2560.503-1(h)(3)(i) and 45 CFR 147.136 count calendar days and
say nothing of weekends. So the date is never moved; the checklist says what day it falls on,
that the payer's own rules decide whether the next business day still counts, and to send it by
the business day before. Federal holidays are those of 5 U.S.C. 6103(a), observed days included
(knowledge/federal_holidays.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.federal_holidays import federal_holidays
from desktop_app.rules.deadlines import AppealDeadline, appeal_deadline, appeal_level
from desktop_app.rules.engine import RuleContext, rule

SATURDAY, SUNDAY = 5, 6


def closed_day(day: dt.date) -> str:
    """'a Saturday', 'a Sunday', 'Thanksgiving Day, a federal holiday', or '' for a workday."""
    if day.weekday() == SATURDAY:
        return "a Saturday"
    if day.weekday() == SUNDAY:
        return "a Sunday"
    name = federal_holidays(day.year).get(day)
    return f"{name}, a federal holiday" if name else ""


def business_day_before(day: dt.date) -> dt.date:
    earlier = day - dt.timedelta(days=1)
    while closed_day(earlier):
        earlier -= dt.timedelta(days=1)
    return earlier


def _words(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _days_to_check(deadline: AppealDeadline) -> list[tuple[dt.date, str]]:
    days = [(deadline.due, "denial.stated_deadline" if deadline.from_notice else "denial.date")]
    stated = deadline.stated
    if (stated is not None and stated != deadline.due and deadline.stated_days_left is not None
            and deadline.stated_days_left >= 0):
        days.append((stated, "denial.stated_deadline"))
    return days


@rule(
    "appeal.deadline_not_business_day",
    rule_set="appeal",
    source="5 U.S.C. 6103(a) (federal holidays); 42 CFR 405.942(a), 405.962(a), 422.582(b), "
    "423.582(b), 423.600(a), 29 CFR 2560.503-1(h)(3)(i), 45 CFR 147.136 (calendar days, no "
    "rule moving a last day that falls on a weekend or holiday)",
    checks="An open appeal whose last day (the rule's, or the one the denial letter states) "
    "falls on a Saturday, Sunday or federal holiday is pointed out, with the business day "
    "before it; the date is not moved, since no regulation on file moves it.",
)
def check_deadline_day(context: RuleContext) -> Iterator[Finding]:
    deadline = appeal_deadline(context.case)
    if deadline is None or deadline.passed:
        return
    for day, field in _days_to_check(deadline):
        what = closed_day(day)
        if not what:
            continue
        yield Finding(
            "appeal.deadline_not_business_day",
            Severity.WARNING,
            field,
            f"The last day to file this {deadline.level_name}, {_words(day)}, falls on {what}. "
            "No rule on file moves it to the next business day: whether a filing then still "
            "counts is for the payer's own rules to say. Send it by "
            f"{_words(business_day_before(day))} to be safe.{_practice(context)}",
        )


def _practice(context: RuleContext) -> str:
    level = appeal_level(context.case)
    practice = level.closed_day_practice if level is not None else None
    return f" {practice.text}" if practice is not None else ""
