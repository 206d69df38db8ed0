"""A case's status and the moves allowed between statuses, from draft to the payer's answer."""

from __future__ import annotations

from desktop_app.errors import StorageError

STATUSES = ("draft", "ready_for_signature", "signed", "sent", "approved", "denied")
# The letter's life: drafted, handed to the physician, signed, sent, then the payer decides.
# Signed -> draft goes only through a new version, so the signed content is kept.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    "draft": frozenset({"ready_for_signature"}),
    "ready_for_signature": frozenset({"draft", "signed"}),
    "signed": frozenset({"sent"}),
    "sent": frozenset({"approved", "denied"}),
    "approved": frozenset(),
    "denied": frozenset(),
}
STATUS_LABELS = {
    "draft": "Draft",
    "ready_for_signature": "Ready for signature",
    "signed": "Signed",
    "sent": "Sent",
    "approved": "Approved",
    "denied": "Denied",
}


def check_status(status: str) -> str:
    if status not in NEXT_STATUSES:
        raise StorageError(
            f"unknown case status {status[:40]!r}", hint="use one of: " + ", ".join(STATUSES)
        )
    return status


def check_move(current: str, target: str) -> None:
    """Raise StorageError, saying what is possible instead, unless current -> target is allowed."""
    check_status(target)
    if target == current or target in NEXT_STATUSES.get(current, frozenset()):
        return
    raise StorageError(
        f"a case that is '{STATUS_LABELS.get(current, current)}' cannot become "
        f"'{STATUS_LABELS[target]}'",
        hint=_what_next(current),
    )


def _what_next(current: str) -> str:
    if current == "denied":
        return "the case is closed; start an appeal instead"
    allowed = NEXT_STATUSES.get(current, frozenset())
    if not allowed:
        return "the case is closed"
    hint = "next: " + " or ".join(STATUS_LABELS[s] for s in STATUSES if s in allowed)
    if current in ("signed", "sent"):
        hint += "; to change a signed letter, start a new version"
    return hint
