"""The deadline the denial letter states, against the one the plan's rule gives.

The rule's deadline (rules/deadlines.py) stays the one the app computes; where the letter
states an earlier day, that is the day to meet, and the checklist says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.rules.deadlines import appeal_deadline
from desktop_app.rules.engine import RuleContext, rule


def _words(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def stated_deadline(context: RuleContext) -> dt.date | None:
    case = context.case
    if getattr(case.letter, "kind", None) != "appeal" or case.denial is None:
        return None
    day = getattr(case.denial, "stated_deadline", None)
    return day if isinstance(day, dt.date) else None


@rule(
    "appeal.stated_deadline_earlier",
    "appeal.stated_deadline_passed",
    rule_set="appeal",
    source="the denial notice (29 CFR 2560.503-1(g)(1)(iv); 42 CFR 422.568(e)) and "
    "knowledge/data/appeal_windows.json",
    checks="A deadline the denial letter states is met: it is not before the letter date, and "
    "an earlier one than the plan's rule gives is pointed out.",
)
def check_stated_deadline(context: RuleContext) -> Iterator[Finding]:
    stated = stated_deadline(context)
    if stated is None:
        return
    letter_date = context.case.letter.date
    if isinstance(letter_date, dt.date) and stated < letter_date:
        yield Finding(
            "appeal.stated_deadline_passed",
            Severity.WARNING,
            "denial.stated_deadline",
            f"The denial letter gives {_words(stated)} as the last day to appeal, before the "
            "letter date. Check the letter; a late appeal needs good cause, so say in the "
            "letter why it is late.",
        )
        return
    computed = appeal_deadline(context.case)
    if computed is not None and stated < computed.due:
        yield Finding(
            "appeal.stated_deadline_earlier",
            Severity.WARNING,
            "denial.stated_deadline",
            f"The denial letter gives {_words(stated)} as the last day to appeal, earlier than "
            f"{_words(computed.due)} under the plan's rule ({computed.rule}). File by "
            f"{_words(stated)} to be safe.",
        )
