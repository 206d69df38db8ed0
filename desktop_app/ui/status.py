"""Case statuses and moves in staff words, letter kinds, and how near an appeal deadline is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATUS_LABELS: dict[str, str] = {  # the order is the workflow's
    "draft": "Draft",
    "ready_for_signature": "Ready for signature",
    "signed": "Signed",
    "sent": "Sent",
    "approved": "Approved",
    "denied": "Denied",
}

MOVE_LABELS: dict[str, str] = {
    "draft": "Back to draft",
    "ready_for_signature": "Ready for signature",
    # Signing in the app is Sign… (Sign menu); this move is for a letter signed in ink.
    "signed": "Mark signed on paper…",
    "sent": "Mark sent",
    "approved": "Mark approved",
    "denied": "Mark denied",
}

KIND_LABELS: dict[str, str] = {"preauth": "Pre-authorization", "appeal": "Appeal"}
SHORT_KIND_LABELS: dict[str, str] = {"preauth": "Prior auth", "appeal": "Appeal"}

# The appeal.deadline_near finding uses the same 14-day window (spec/case-format.md).
NEAR_DAYS = 14
# Once a letter is sent or the payer approved, the filing deadline no longer needs attention.
SETTLED_STATUSES = frozenset({"sent", "approved"})


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", "Not chosen")


def short_kind_label(kind: str | None) -> str:
    return SHORT_KIND_LABELS.get(kind or "", "Not chosen")


@dataclass(frozen=True, slots=True)
class DueState:
    """How pressing an appeal deadline is: `level` is "passed", "near" or "ok"."""

    level: str
    text: str


def due_state(due: dt.date | None, status: str, today: dt.date | None = None) -> DueState | None:
    """The deadline's urgency in words; None when there is no deadline to watch."""
    if due is None:
        return None
    when = due.isoformat()
    if status in SETTLED_STATUSES:
        return DueState("ok", when)
    days = (due - (today or dt.date.today())).days
    # Words first: a narrow column still shows how urgent it is when the date is cut off.
    if days < 0:
        late = -days
        return DueState("passed", f"Passed {late} day{'s' if late != 1 else ''} ago · {when}")
    if days == 0:
        return DueState("near", f"Due today · {when}")
    if days <= NEAR_DAYS:
        return DueState("near", f"{days} day{'s' if days != 1 else ''} left · {when}")
    return DueState("ok", when)
