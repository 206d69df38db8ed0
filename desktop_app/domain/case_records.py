"""Records kept about a case after its letter went out: calls with the payer and its approval.

They may be added to a signed case (the signed version stays as it was signed), so they are
apart from the sections a letter is written from.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.case_terms import CaseSection, Line, LocalDateTime, Name, Para


class CallLogEntry(CaseSection):
    """One call with the payer, as staff noted it; an appeal may quote it."""

    at: LocalDateTime | None = None  # date and time of the call, practice local time
    who: Line = ""  # whom staff spoke with: "Dana R., provider services"
    reference_number: Line | None = None  # the call reference the payer gave
    summary: Para = ""  # what was said
    staff: Name | None = None  # who at the practice made or took the call


class Approval(CaseSection):
    """The payer's approval: what it covers and until when (renewals start from its end)."""

    authorization_number: Line = ""
    approved_units: Line | None = None  # as the approval states them: "16 units of J9271"
    start: dt.date | None = None
    end: dt.date | None = None
    approved_on: dt.date | None = None
