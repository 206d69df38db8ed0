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
    "appeal.stated_deadline_later",
    rule_set="appeal",
    source="the denial notice (29 CFR 2560.503-1(g)(1)(iv); 42 CFR 422.568(e)) and "
    "knowledge/data/appeal_windows.json; a notice does not change a regulation's window "
    "(29 CFR 2560.503-1(h)(3)(i); 42 CFR 405.942(a), 405.962(a), 423.582(b))",
    checks="A deadline the denial letter states is met: an earlier one than the regulation's "
    "is the safe day to meet, one already passed while the regulation's window is open is "
    "pointed out (the letter says the appeal is timely under the regulation), and a later one "
    "than the regulation's does not move the regulation's day.",
)
def check_stated_deadline(context: RuleContext) -> Iterator[Finding]:
    stated = stated_deadline(context)
    computed = appeal_deadline(context.case)
    if stated is None or computed is None or computed.from_notice or computed.passed:
        # The notice's day is then the deadline itself, or the window has closed either way:
        # appeal.deadline_passed or appeal.filed_late says so.
        return
    if computed.notice_day_passed:
        yield Finding(
            "appeal.stated_deadline_passed",
            Severity.WARNING,
            "denial.stated_deadline",
            f"The denial letter gives {_words(stated)} as the last day to appeal, before the "
            f"letter date, but the regulation's window runs to {_words(computed.due)} "
            f"({computed.rule}; {computed.source}), and a notice cannot shorten it: the letter "
            "says the appeal is filed in time under the regulation. The plan may still treat it "
            "as late: type why it was not sent by the notice's day under Why it is filed late, "
            "and the letter also asks that it be accepted for good cause. Send it now.",
        )
    elif stated < computed.due:
        yield Finding(
            "appeal.stated_deadline_earlier",
            Severity.WARNING,
            "denial.stated_deadline",
            f"The denial letter gives {_words(stated)} as the last day to appeal, earlier than "
            f"{_words(computed.due)} under the plan's rule ({computed.rule}). File by "
            f"{_words(stated)} to be safe.",
        )
    elif stated > computed.due:
        yield Finding(
            "appeal.stated_deadline_later",
            Severity.WARNING,
            "denial.stated_deadline",
            f"The denial letter gives {_words(stated)} as the last day to appeal, later than "
            f"{_words(computed.due)}, the last day under the regulation ({computed.rule}; "
            f"{computed.source}). A notice does not extend the regulation's window: file by "
            f"{_words(computed.due)}.",
        )
