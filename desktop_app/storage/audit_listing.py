"""Choosing audit entries to read or hand over: a time span, one case, one action, the newest N.

The log's own order is its ids (the chain), so entries come out oldest first, as an auditor
reads them. Times are compared in UTC, as they are stored. Entries are read in pages, so a
practice's years of log are listed or exported in flat memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop_app.errors import DatabaseUnusable
from desktop_app.storage.audit import entry_from_row
from desktop_app.storage.audit_chain import AuditEntry
from desktop_app.storage.models import AuditRow

_Row = TypeVar("_Row")
PAGE_ROWS = 500  # rows fetched at a time: enough to be quick, few enough to stay flat


@dataclass(frozen=True, slots=True)
class EntryChoice:
    """Which entries: `since` inclusive, `until` exclusive (timezone-aware), `newest` keeps
    only the last N of those chosen (None: all of them)."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    case_id: str | None = None
    action: str | None = None
    newest: int | None = None


def _chosen(choice: EntryChoice, query: Select[_Row]) -> Select[_Row]:
    if choice.since is not None:
        query = query.where(AuditRow.at >= choice.since)
    if choice.until is not None:
        query = query.where(AuditRow.at < choice.until)
    if choice.case_id is not None:
        query = query.where(AuditRow.case_id == choice.case_id)
    if choice.action is not None:
        query = query.where(AuditRow.action == choice.action)
    return query


def case_ids_starting_with(session: Session, prefix: str) -> list[str]:
    """The distinct case ids in the log that begin with `prefix` (ASCII case ignored), sorted.

    The log, not the cases table, is searched: an auditor asks about cases that were deleted
    since. `%` and `_` in the prefix are matched as themselves, never as wildcards.
    """
    lowered = prefix.lower()
    query = (select(AuditRow.case_id).distinct()
             .where(func.lower(AuditRow.case_id).startswith(lowered, autoescape=True)))
    # LIKE ignores ASCII case on SQLite only; the exact test here is the same on both.
    found = {case_id for case_id in session.scalars(query)
             if case_id is not None and case_id.lower().startswith(lowered)}
    return sorted(found)


def count_entries(session: Session, choice: EntryChoice) -> int:
    """How many entries the choice matches before `newest` cuts it."""
    query = _chosen(choice, select(AuditRow))
    counted = session.scalar(select(func.count()).select_from(query.subquery()))
    return int(counted or 0)


def chosen_entries(session: Session, choice: EntryChoice) -> Iterator[AuditEntry]:
    """The chosen entries, oldest first, read PAGE_ROWS at a time."""
    # The log as it stands now: entries other desks append meanwhile are not half-included.
    last = session.scalar(select(func.max(AuditRow.id)))
    if last is None:
        return
    query = _chosen(choice, select(AuditRow)).where(AuditRow.id <= last)
    if choice.newest is not None:
        # The first id of the newest N: everything from it on, in the log's order.
        ids = _chosen(choice, select(AuditRow.id)).where(AuditRow.id <= last)
        ids = ids.order_by(AuditRow.id.desc())
        first = session.scalar(
            select(func.min(ids.limit(max(0, choice.newest)).subquery().c.id))
        )
        if first is None:
            return
        query = query.where(AuditRow.id >= first)
    last_id: int | None = None
    while True:
        # Keyset pages (id > the last one seen): no page is skipped or read twice.
        page = query.order_by(AuditRow.id).limit(PAGE_ROWS)
        if last_id is not None:
            page = page.where(AuditRow.id > last_id)
        try:
            rows = list(session.scalars(page))
        except ValueError:
            raise _damaged(session) from None
        for row in rows:
            yield entry_from_row(row)
        if len(rows) < PAGE_ROWS:
            return
        last_id = rows[-1].id


def _damaged(session: Session) -> DatabaseUnusable:
    """A time in the log that is not a time any more: named by entry, never quoted."""
    from desktop_app.storage.damaged_times import damaged_time_words, first_damaged_time

    session.rollback()
    with Session(session.get_bind()) as other:
        found = first_damaged_time(other)
    words = damaged_time_words(found) if found else "a stored value in the audit log is damaged"
    return DatabaseUnusable(f"the audit log cannot be listed: {words}",
                        hint="pa-letter audit verify checks the whole log; restore a backup "
                             "that passes it (pa-letter backup list)")
