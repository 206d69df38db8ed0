"""The payer's denial an appeal answers: when and how it was denied, and each stated reason.

An appeal needs one (the checker reports `appeal.denial_missing`); a prior-authorization
request normally has none.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from desktop_app.domain.bounds import MaxLength
from desktop_app.domain.case_terms import (
    Amount,
    AppealLevel,
    CaseSection,
    DenialReasonCategory,
    Line,
    Narrative,
)


class DenialReason(CaseSection):
    """One reason the denial states: its category and the payer's words, verbatim."""

    category: DenialReasonCategory | None = None
    text: Narrative = ""  # as long as the denial's whole reason may be
    # The practice's own answer to this reason, printed under its heading after the answer
    # built from the case's evidence (needed for reasons no part of the case answers).
    response: Narrative | None = None


class Denial(CaseSection):
    date: dt.date | None = None
    reference_number: Line = ""
    reason: Narrative = ""
    level: AppealLevel | None = None
    amount_in_controversy: Amount | None = None
    # Added to format 1: each stated reason on its own, so the appeal answers them one by one
    # (a denial states a handful),
    reasons: Annotated[list[DenialReason], MaxLength(20)] | None = None
    # the criteria or policies the denial cites (policy numbers, NCCN mentions),
    criteria_cited: Annotated[list[Line], MaxLength(20)] | None = None
    # and the last day to appeal as the denial letter states it (the computed deadline stays
    # the rule's; the earlier of the two is the one to meet).
    stated_deadline: dt.date | None = None
    # Why an appeal is filed after its deadline (a hospital stay, a notice that came late): the
    # letter asks the reviewer to accept it for good cause, as Medicare's rules allow
    # (knowledge/data/appeal_windows.json, late_filing).
    late_reason: Narrative | None = None
