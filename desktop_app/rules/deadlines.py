"""The appeal filing deadline for the plan and level (windows: knowledge/data/appeal_windows.json).

Counted from `denial.date` (plus Medicare's presumed receipt, 5 days after the notice date) and
compared with `letter.date`, so a check gives the same answer whenever it is run.

A deadline the denial letter states (`denial.stated_deadline`) is kept beside the rule's: where
the rule is a regulation read (verified), the regulation's day is the one that counts, since a
notice cannot change the window a regulation sets (29 CFR 2560.503-1(h)(3)(i), 42 CFR 405.942(a),
423.582(b)), and the earlier of the two is the safe day to meet; where the window on file is only
a default no regulation confirms, the notice's own day is the deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.knowledge.appeal_windows import AppealWindow, appeal_window, resolve_level


@dataclass(frozen=True, slots=True)
class AppealDeadline:
    due: dt.date  # last day to file
    days_left: int  # from letter.date; negative when passed
    rule: str  # plain words, e.g. "Medicare redetermination: 120 days from receipt ..."
    source: str  # citation, e.g. "42 CFR 405.942"
    level: str = ""  # the plan's name for the level: "redetermination", "first", "external"
    level_name: str = ""  # in words: "redetermination by the MAC"
    verified: bool = True  # False: a configurable default no source confirms
    decided_by: str = ""  # "the Medicare Administrative Contractor (MAC) that processed ..."
    addressee: str = ""  # the "Attn:" line of the letter
    next_step: str = ""  # what follows if this level upholds the denial
    # Where a regulation lets this level accept a late appeal for good cause ("" where the
    # plan's own terms decide):
    late_rule: str = ""  # in words: "the QIC may extend the time to file ... for good cause"
    late_source: str = ""  # its citation: "42 CFR 405.962(b)"
    late_verified: bool = False  # whether a source confirms it (else the letter cites none)
    stated: dt.date | None = None  # the last day the denial letter states, if entered
    stated_days_left: int | None = None  # from letter.date to `stated`; negative when passed
    rule_due: dt.date | None = None  # the rule's own last day, where `due` is the notice's

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    @property
    def from_notice(self) -> bool:
        """`due` is the day the denial letter states: the window on file is only a default."""
        return self.rule_due is not None

    @property
    def notice_day_passed(self) -> bool:
        """The day the denial letter states has passed, but the regulation's window is open."""
        return (
            not self.from_notice and not self.passed
            and self.stated_days_left is not None and self.stated_days_left < 0
        )

    @property
    def notice_day_later(self) -> bool:
        """The denial letter states a later day than the regulation's."""
        return not self.from_notice and self.stated is not None and self.stated > self.due


def appeal_deadline(case: Case) -> AppealDeadline | None:
    """None when the case is not an appeal or lacks a denial date."""
    letter = getattr(case, "letter", None)
    denial = getattr(case, "denial", None)
    if getattr(letter, "kind", None) != "appeal" or denial is None:
        return None
    notice_date = getattr(denial, "date", None)
    letter_date = getattr(letter, "date", None)
    if not isinstance(notice_date, dt.date) or not isinstance(letter_date, dt.date):
        return None
    plan_type = getattr(case.payer, "plan_type", None)
    level = getattr(denial, "level", None)
    window = appeal_window(plan_type, level)
    if window is None:
        return None
    try:
        due = window.due_date(notice_date)
    except OverflowError:  # a date near year 9999: no deadline worth showing
        return None
    source = window.source if window.verified else f"{window.source}; unverified default"
    stated = getattr(denial, "stated_deadline", None)
    stated = stated if isinstance(stated, dt.date) else None
    # A default window gives way to the notice's own day; a regulation's window does not.
    rule_due = due if stated is not None and not window.verified else None
    due = stated if stated is not None and rule_due is not None else due
    return AppealDeadline(
        due=due,
        days_left=(due - letter_date).days,
        rule=window.rule,
        source=source,
        level=resolve_level(plan_type, level) or "",
        level_name=window.name,
        verified=window.verified,
        decided_by=window.decided_by,
        addressee=window.addressee,
        next_step=window.next_step,
        late_rule=window.late_filing.rule if window.late_filing else "",
        late_source=window.late_filing.source if window.late_filing else "",
        late_verified=bool(window.late_filing and window.late_filing.verified),
        stated=stated,
        stated_days_left=(stated - letter_date).days if stated is not None else None,
        rule_due=rule_due,
    )


def appeal_level(case: Case) -> AppealWindow | None:
    """The appeal level this letter goes to (who decides it, where to send it), even before the
    denial date is entered; None for a request or a level the plan type does not use."""
    if getattr(case.letter, "kind", None) != "appeal":
        return None
    denial = getattr(case, "denial", None)
    return appeal_window(getattr(case.payer, "plan_type", None), getattr(denial, "level", None))
