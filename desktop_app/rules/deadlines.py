"""The appeal filing deadline for the plan and level (windows: knowledge/data/appeal_windows.json).

Counted from `denial.date` (plus Medicare's presumed receipt, 5 days after the notice date) and
compared with `letter.date`, so a check gives the same answer whenever it is run.
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

    @property
    def passed(self) -> bool:
        return self.days_left < 0


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
    )


def appeal_level(case: Case) -> AppealWindow | None:
    """The appeal level this letter goes to (who decides it, where to send it), even before the
    denial date is entered; None for a request or a level the plan type does not use."""
    if getattr(case.letter, "kind", None) != "appeal":
        return None
    denial = getattr(case, "denial", None)
    return appeal_window(getattr(case.payer, "plan_type", None), getattr(denial, "level", None))
