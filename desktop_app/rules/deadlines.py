"""The appeal filing deadline for the plan and level. (Filled in by the off-label rules work.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.case import Case


@dataclass(frozen=True, slots=True)
class AppealDeadline:
    due: dt.date  # last day to file
    days_left: int  # from letter.date; negative when passed
    rule: str  # plain words, e.g. "Medicare redetermination: 120 days from receipt ..."
    source: str  # citation, e.g. "42 CFR 405.942"


def appeal_deadline(case: Case) -> AppealDeadline | None:
    """None when the case is not an appeal or lacks a denial date."""
    raise NotImplementedError
