"""What the patient explainer says about time limits, in numbers a template can word in any
language: how long the plan has to answer, and how long the patient has to appeal a "no".

Both come from the same reference data the letters use (decision_timeframes.json,
appeal_windows.json), each with its source. A figure no source confirms (verified false) is
not given to the patient as a number: the explainer says the plan's notice will give it, and
the checklist already asks staff to confirm it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.knowledge.appeal_windows import appeal_window
from desktop_app.knowledge.decision_timeframes import decision_timeframe
from desktop_app.rules.deadlines import AppealDeadline

UNITS = ("hours", "days", "months")


@dataclass(frozen=True, slots=True)
class Span:
    """A length of time as a number and a unit (hours, days or months), and where it is set."""

    amount: int
    unit: str
    source: str


@dataclass(frozen=True, slots=True)
class PatientFacts:
    is_appeal: bool  # the letter appeals a "no" the plan already gave
    is_part_b_claim: bool  # traditional Medicare Part B: no approval step, the claim decides
    expedited: bool
    review_time: Span | None  # how long the plan has to answer this letter; None: not known
    appeal_time: Span | None  # how long the patient has to appeal a "no"; None: not known
    appeal_due: dt.date | None  # an appeal letter's own last day, when the denial date is known
    decided_by: str  # appeals: who decides (in the data's English words)
    sources: list[str]  # the provisions behind the numbers above, for the small print


def parse_span(limit: str, source: str) -> Span | None:
    """'72 hours' -> Span(72, 'hours'); None for wording that is not a number and a unit."""
    words = limit.split()
    if len(words) != 2 or not words[0].isdigit():
        return None
    unit = words[1] if words[1].endswith("s") else words[1] + "s"
    return Span(int(words[0]), unit, source) if unit in UNITS else None


def _review_time(case: Case) -> Span | None:
    level = case.denial.level if case.denial is not None else None
    frame = decision_timeframe(
        case.payer.plan_type, case.letter.kind, case.letter.expedited, level
    )
    if frame is None or not frame.verified:
        return None
    return parse_span(frame.limit, frame.source)


def _appeal_time(case: Case) -> Span | None:
    """The first appeal level's window for a request; the next level's for an appeal."""
    plan = case.payer.plan_type
    if case.letter.kind == "appeal":
        return None  # the letter is the appeal: its own due date is given instead
    window = appeal_window(plan, None)
    if window is None or not window.verified:
        return None
    if window.days is not None:
        return Span(window.days, "days", window.source)
    return Span(window.months or 0, "months", window.source)


def build_patient_facts(case: Case, deadline: AppealDeadline | None) -> PatientFacts:
    review = _review_time(case)
    appeal = _appeal_time(case)
    due = deadline.due if deadline is not None and deadline.verified else None
    sources = [span.source for span in (review, appeal) if span is not None]
    if due is not None and deadline is not None:
        sources.append(deadline.source)
    return PatientFacts(
        is_appeal=case.letter.kind == "appeal",
        is_part_b_claim=case.payer.plan_type == "medicare_part_b" and case.letter.kind != "appeal",
        expedited=bool(case.letter.expedited),
        review_time=review,
        appeal_time=appeal,
        appeal_due=due,
        decided_by=deadline.decided_by if deadline is not None else "",
        # "29 CFR 2560.503-1(h)(3)(i); 45 CFR 147.136(b)": each provision once.
        sources=list(dict.fromkeys(
            part.strip() for source in sources for part in source.split(";") if part.strip()
        )),
    )
