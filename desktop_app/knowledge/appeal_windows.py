"""Appeal filing windows per plan type and level, and who decides each (data/appeal_windows.json).

Medicare notices are presumed received 5 days after their date (42 CFR 405.942(a)(1),
405.962(a)(1), 423.582(b)(1)); the window runs from that presumed receipt. A window in months
ends on the same date that many months later, or on the first day of the next month where that
month has no such date (45 CFR 147.136(d): July 31 plus four months is December 1).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

from pydantic import Field, model_validator

from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

APPEAL_WINDOWS_FILE = "appeal_windows.json"


class LateFiling(Sourced):
    """How a party asks this level to accept an appeal filed after its window, and who may
    allow it ("the MAC may extend the time for good cause; the request says why it is late")."""

    rule: str = Field(min_length=1)


class ReviewStandard(Sourced):
    """How an independent level reviews the case (42 CFR 405.968 for a QIC, 423.600 for the
    Part D IRE), in a paragraph for the letter to it."""

    text: str = Field(min_length=1)


class AppealWindow(Sourced):
    name: str = Field(min_length=1)  # "redetermination by the MAC"
    days: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)
    presumed_receipt_days: int = Field(default=0, ge=0)
    rule: str = Field(min_length=1)  # the rule in words, for the letter and the checklist
    # Who decides this level and the "Attn:" line of a letter sent to it (42 CFR 405.940,
    # 405.960, 422.590, 422.592, 423.580, 423.600): an MA or Part D reconsideration is not a QIC's.
    decided_by: str = Field(min_length=1)
    addressee: str = Field(min_length=1)
    next_step: str = ""  # what happens if this level upholds the denial, for the letter
    # Decided by a reviewer outside the plan or contractor that denied the claim (a QIC, the
    # Part D IRE, an IRO, a state hearing officer): the letter does not call the denial "your
    # decision" nor ask that reviewer for a peer-to-peer call or the plan's criteria.
    independent: bool = False
    # The regulation that lets this level accept a late appeal for good cause, if one does
    # (Medicare's do; a commercial plan's own terms decide, so none is given there).
    late_filing: LateFiling | None = None
    # An independent level's own review standard, printed where the plan's claims-procedure
    # paragraph would be (only when verified: an unconfirmed one is not stated as the law).
    review_standard: ReviewStandard | None = None
    # What a payer or contractor says of a last day on a weekend or holiday, where one was read
    # but no regulation: said in the checklist, never used to move the date.
    closed_day_practice: ReviewStandard | None = None

    @model_validator(mode="after")
    def _one_length(self) -> AppealWindow:
        if (self.days is None) == (self.months is None):
            raise ValueError("give the window in either days or months")
        return self

    def due_date(self, notice_date: dt.date) -> dt.date:
        """Last day to file for a notice dated `notice_date`."""
        start = notice_date + dt.timedelta(days=self.presumed_receipt_days)
        if self.days is not None:
            return start + dt.timedelta(days=self.days)
        return add_months(start, self.months or 0)


class PlanAppeals(DataModel):
    default_level: str
    aliases: dict[str, str] = Field(default_factory=dict)
    levels: dict[str, AppealWindow]

    @model_validator(mode="after")
    def _levels_exist(self) -> PlanAppeals:
        for name in (self.default_level, *self.aliases.values()):
            if name not in self.levels:
                raise ValueError(f"unknown appeal level {name!r}")
        return self


class AppealWindowData(DataModel):
    about: str = ""
    plans: dict[str, PlanAppeals]


def add_months(day: dt.date, months: int) -> dt.date:
    """Same date `months` later; where that month has no such date, the first day of the month
    after it (45 CFR 147.136(d), DOL Technical Release 2010-01: "the first day of the fifth
    month" for a four-month window)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if day.day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, day.day)
    return dt.date(year + month // 12, month % 12 + 1, 1)


@functools.cache
def appeal_window_data() -> AppealWindowData:
    return load_reference(APPEAL_WINDOWS_FILE, AppealWindowData)


register_cache(appeal_window_data.cache_clear)


def default_level(plan_type: object) -> str | None:
    plans = appeal_window_data().plans
    return (
        plans[plan_type].default_level
        if isinstance(plan_type, str) and plan_type in plans
        else None
    )


def resolve_level(plan_type: object, level: object) -> str | None:
    """The plan's own name for a level ('first' -> 'redetermination' for Medicare), or None."""
    if not isinstance(plan_type, str):
        return None
    plan = appeal_window_data().plans.get(plan_type)
    if plan is None:
        return None
    if level is None:
        return plan.default_level
    if not isinstance(level, str):
        return None
    name = plan.aliases.get(level, level)
    return name if name in plan.levels else None


def appeal_window(plan_type: object, level: object = None) -> AppealWindow | None:
    """The filing window for the plan type and level (the plan's first level when None)."""
    name = resolve_level(plan_type, level)
    if name is None:
        return None
    return appeal_window_data().plans[str(plan_type)].levels[name]


def levels_for(plan_type: object) -> tuple[str, ...]:
    """The level names a plan type accepts, including aliases, for messages."""
    if not isinstance(plan_type, str) or plan_type not in appeal_window_data().plans:
        return ()
    plan = appeal_window_data().plans[plan_type]
    return tuple(dict.fromkeys([*plan.levels, *plan.aliases]))
