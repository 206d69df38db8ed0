"""Which status a case may move to next: what the menus need, without opening the database."""

from __future__ import annotations

from desktop_app.storage.workflow import NEXT_STATUSES, STATUSES

__all__ = ["next_statuses"]


def next_statuses(status: str) -> tuple[str, ...]:
    """The statuses a case may move to from `status` (as set_status allows), forward moves
    first and "back to draft" last; () for a closed case or an unknown status."""
    allowed = NEXT_STATUSES.get(status, frozenset())
    return tuple(sorted(allowed, key=lambda s: (s == "draft", STATUSES.index(s))))
