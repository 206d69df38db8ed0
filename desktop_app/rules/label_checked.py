"""The practice's own check of an unverified catalog entry against the drug's FDA label.

Most catalog entries were read from partial copies of their labels and carry `verified: false`
(docs/drug-catalog.md). Until a person checks such an entry, the letter hedges every labeled
fact it gives ("as our drug catalog lists it, not yet confirmed against the current label"),
which weakens a letter to a payer. The person preparing the letter can check the catalog's
labeled uses, doses and routes against the label on DailyMed and record it in the case
(`off_label.label_check`); the letter then states them as the label's, still without quotation
marks, since the catalog's wording was not compared word for word.

A check counts only for the label revision it names: labels change several times a year, so
when the catalog cites a newer revision the check no longer stands and the checklist asks for
it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from desktop_app.domain.case import Case
from desktop_app.rules.label_check import LabelComparison


class CheckState(Enum):
    NONE = "none"  # no check recorded
    CURRENT = "current"  # checked against the revision the catalog cites
    OLDER_LABEL = "older_label"  # checked against another revision
    INCOMPLETE = "incomplete"  # who, when or which revision is missing


@dataclass(frozen=True, slots=True)
class StaffCheck:
    state: CheckState
    checked_by: str = ""
    checked_on: dt.date | None = None
    label_revised: dt.date | None = None


def staff_check(case: Case, comparison: LabelComparison) -> StaffCheck:
    """What the case records about a person's check of this drug's label facts."""
    return check_state(getattr(case.off_label, "label_check", None), comparison.label.revised)


def check_state(check: object, cited: dt.date | None) -> StaffCheck:
    """A recorded check (a LabelCheck, or None) against the label revision the catalog cites;
    the off-label section shows the same answer as the checklist (services/reference.py)."""
    if check is None:
        return StaffCheck(CheckState.NONE)
    by_text = getattr(check, "checked_by", "")
    by = by_text.strip() if isinstance(by_text, str) else ""
    on = getattr(check, "checked_on", None)
    on = on if isinstance(on, dt.date) else None
    revised = getattr(check, "label_revised", None)
    revised = revised if isinstance(revised, dt.date) else None
    if not by and on is None and revised is None:
        return StaffCheck(CheckState.NONE)
    if not by or on is None or revised is None:
        return StaffCheck(CheckState.INCOMPLETE, by, on, revised)
    # A label's revision is a month ("Revised: 9/2023"): any day of it names the same one.
    if cited is None or (revised.year, revised.month) != (cited.year, cited.month):
        return StaffCheck(CheckState.OLDER_LABEL, by, on, revised)
    return StaffCheck(CheckState.CURRENT, by, on, revised)


def label_facts_stated(case: Case, comparison: LabelComparison) -> bool:
    """Whether the letter may state the catalog's label facts without hedging them."""
    return comparison.drug.verified or staff_check(case, comparison).state is CheckState.CURRENT
