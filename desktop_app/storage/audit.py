"""The hash-chained audit log: who did what to which case, with ids and hashes but no PHI.

Each entry's hash covers the previous entry's hash and the entry itself, so deleting or
editing a row breaks the chain from that row on. (Removing the newest rows leaves a shorter
chain that still verifies; the exports and signatures tables keep their own record.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop_app.storage.models import AuditRow

GENESIS_HASH = "0" * 64
DetailValue = str | int | float | bool | None
# Keys that suggest patient data; audit detail holds ids, hashes and template ids only.
_PHI_KEY_PARTS = (
    "name",
    "patient",
    "dob",
    "birth",
    "member",
    "mbi",
    "address",
    "phone",
    "email",
    "diagnosis",
    "rationale",
    "note",
    "reason",
    "text",
    "ssn",
)
_MAX_VALUE_CHARS = 128


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: dt.datetime
    user: str
    action: str
    case_id: str | None
    detail: dict[str, DetailValue]
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    first_bad_id: int | None
    message: str
    checked: int = 0


def check_detail(detail: Mapping[str, Any]) -> dict[str, DetailValue]:
    """Refuse detail that could carry patient data: free text, nested data, name-like keys."""
    clean: dict[str, DetailValue] = {}
    for key, value in detail.items():
        lowered = str(key).lower()
        if any(part in lowered for part in _PHI_KEY_PARTS):
            raise ValueError(f"audit detail key {key!r} may hold patient data")
        if value is not None and not isinstance(value, str | int | float | bool):
            raise ValueError(f"audit detail {key!r} must be a plain value, not nested data")
        if isinstance(value, str) and len(value) > _MAX_VALUE_CHARS:
            raise ValueError(f"audit detail {key!r} is too long to be an id or a hash")
        clean[str(key)] = value
    return clean


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(
    prev_hash: str,
    *,
    entry_id: int,
    at: dt.datetime,
    user: str,
    action: str,
    case_id: str | None,
    detail: Mapping[str, DetailValue],
) -> str:
    """sha256(prev_hash + canonical JSON of the entry)."""
    body = {
        "id": entry_id,
        "at": at.astimezone(dt.UTC).isoformat(),
        "user": user,
        "action": action,
        "case_id": case_id,
        "detail": dict(detail),
    }
    return hashlib.sha256((prev_hash + canonical_json(body)).encode("utf-8")).hexdigest()


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
    if session.get_bind().dialect.name == "postgresql":
        # Two workstations appending at once would fork the chain; serialise appenders.
        session.execute(text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))
    last = session.execute(
        select(AuditRow.id, AuditRow.entry_hash).order_by(AuditRow.id.desc()).limit(1)
    ).first()
    entry_id = last.id + 1 if last else 1
    prev = last.entry_hash if last else GENESIS_HASH
    # Microseconds survive both SQLite and PostgreSQL, so the hash can be recomputed.
    when = at or dt.datetime.now(dt.UTC)
    digest = entry_hash(
        prev, entry_id=entry_id, at=when, user=user, action=action, case_id=case_id, detail=clean
    )
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
    return AuditEntry(entry_id, when, user, action, case_id, clean, prev, digest)


def _to_entry(row: AuditRow) -> AuditEntry:
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
    return [_to_entry(row) for row in session.scalars(query)]


def verify(session: Session) -> ChainReport:
    """Walk the chain oldest first; report the first entry that does not fit."""
    expected_prev = GENESIS_HASH
    expected_id = 1
    checked = 0
    for row in session.scalars(select(AuditRow).order_by(AuditRow.id)).yield_per(1000):
        if row.id != expected_id:
            return ChainReport(False, row.id, f"audit entry {expected_id} is missing", checked)
        if row.prev_hash != expected_prev:
            return ChainReport(
                False, row.id, f"audit entry {row.id} does not follow the entry before it", checked
            )
        try:
            detail = json.loads(row.detail)
        except ValueError:
            detail = None
        if not isinstance(detail, dict) or row.entry_hash != entry_hash(
            row.prev_hash,
            entry_id=row.id,
            at=row.at,
            user=row.user,
            action=row.action,
            case_id=row.case_id,
            detail=detail,
        ):
            return ChainReport(False, row.id, f"audit entry {row.id} was altered", checked)
        expected_prev = row.entry_hash
        expected_id += 1
        checked += 1
    return ChainReport(True, None, f"all {checked} audit entries are intact", checked)
