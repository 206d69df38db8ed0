"""The audit log: who did what to which case, with ids and hashes but no PHI, in a keyed chain.

Each entry's mark is HMAC-SHA-256, under the installation's key (storage/audit_key.py), of the
previous entry's mark and the entry itself. Editing or deleting a row breaks the chain from
that row on, and someone who can edit the database but not read the key cannot forge a new
chain. The chain's head is also kept outside the database (storage/audit_head.py), so a
missing tail is found too. Appends are serialised, so several writers never fork the chain.

The entry's form and mark (storage/audit_chain.py) are shared with the quick SQLite writer
(storage/audit_sqlite.py), which makes the same entries without SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from desktop_app.errors import StorageError
from desktop_app.storage.audit_chain import (
    GENESIS_HASH,
    AuditChain,
    AuditEntry,
    ChainReport,
    DetailValue,
    canonical_json,
    check_detail,
    entry_body,
    entry_hash,
    entry_mac,
)
from desktop_app.storage.audit_head import ChainHead
from desktop_app.storage.models import AuditRow

__all__ = [
    "APPEND_LOCK_ID",
    "GENESIS_HASH",
    "AuditChain",
    "AuditEntry",
    "ChainReport",
    "DetailValue",
    "append_entry",
    "canonical_json",
    "chain_of",
    "check_detail",
    "entry_body",
    "entry_from_row",
    "entry_hash",
    "entry_mac",
    "latest_entries",
    "row_mac",
]

log = logging.getLogger(__name__)

# Any fixed number: the lock PostgreSQL appenders queue on, so the chain never forks.
APPEND_LOCK_ID = 0x5041_4C45_5454_4552 & 0x7FFF_FFFF_FFFF_FFFF


def chain_of(session: Session) -> AuditChain:
    chain = session.info.get("audit_chain")
    if not isinstance(chain, AuditChain):
        raise StorageError("audit entries are written only through an open case database")
    return chain


def row_mac(key: bytes, row: AuditRow) -> str | None:
    """The mark `row` should carry, or None when its detail is not readable JSON."""
    try:
        detail = json.loads(row.detail)
    except ValueError:
        return None
    if not isinstance(detail, dict):
        return None
    body = entry_body(
        entry_id=row.id, at=row.at, user=row.user, action=row.action, case_id=row.case_id,
        detail=detail,
    )
    return entry_mac(key, row.prev_hash, body)


def serialise_appenders(session: Session) -> None:
    """One appender at a time, whatever the store.

    PostgreSQL: a transaction-scoped advisory lock, released at commit or rollback. SQLite:
    writers already hold the database's write lock from their first statement (BEGIN
    IMMEDIATE, storage/database_connections.py). The primary key on the entry number backs both up.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": APPEND_LOCK_ID})
    # Without it two appenders read the same last entry; the primary key then refuses the
    # second (an error, never a fork), but staff would see a failed save.


def append_entry(
    session: Session,
    *,
    action: str,
    user: str,
    case_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Add one entry in the caller's (write) transaction, so it commits with the change."""
    clean = check_detail(detail or {})
    chain = chain_of(session)
    serialise_appenders(session)
    last = session.execute(
        select(AuditRow.id, AuditRow.entry_hash).order_by(AuditRow.id.desc()).limit(1)
    ).first()
    key = chain.key_for_append(chain_is_empty=last is None)
    entry_id = last.id + 1 if last else 1
    prev = last.entry_hash if last else GENESIS_HASH
    # Microseconds survive both SQLite and PostgreSQL, so the mark can be recomputed.
    when = at or dt.datetime.now(dt.UTC)
    body = entry_body(
        entry_id=entry_id, at=when, user=user, action=action, case_id=case_id, detail=clean
    )
    digest = entry_mac(key, prev, body)
    session.add(
        AuditRow(
            id=entry_id,
            at=when,
            user=user,
            action=action,
            case_id=case_id,
            detail=canonical_json(clean),
            prev_hash=prev,
            entry_hash=digest,
        )
    )
    session.flush()
    _remember_after_commit(session, chain, ChainHead(entry_id, digest))
    return AuditEntry(entry_id, when, user, action, case_id, clean, prev, digest)


def _remember_after_commit(session: Session, chain: AuditChain, head: ChainHead) -> None:
    if "audit_pending_head" not in session.info:
        event.listen(session, "after_commit", _after_commit)
        event.listen(session, "after_rollback", _after_rollback)
    session.info["audit_pending_head"] = (chain, head)


def _after_commit(session: Session) -> None:
    pending = session.info.pop("audit_pending_head", None)
    if pending is not None:
        chain, head = pending
        chain.remember(head)


def _after_rollback(session: Session) -> None:
    session.info.pop("audit_pending_head", None)


def entry_from_row(row: AuditRow) -> AuditEntry:
    try:
        detail = json.loads(row.detail)
    except ValueError:
        detail = {}
    return AuditEntry(
        row.id,
        row.at,
        row.user,
        row.action,
        row.case_id,
        detail if isinstance(detail, dict) else {},
        row.prev_hash,
        row.entry_hash,
    )


def latest_entries(
    session: Session, limit: int = 100, case_id: str | None = None
) -> list[AuditEntry]:
    """Newest first."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(max(0, limit))
    if case_id is not None:
        query = query.where(AuditRow.case_id == case_id)
    return [entry_from_row(row) for row in session.scalars(query)]
