"""The audit log: who did what to which case, with ids and hashes but no PHI, in a keyed chain.

Each entry's mark is HMAC-SHA-256, under the installation's key (storage/audit_key.py), of the
previous entry's mark and the entry itself. Editing or deleting a row breaks the chain from
that row on, and someone who can edit the database but not read the key cannot forge a new
chain. The chain's head is also kept outside the database (storage/audit_head.py), so a
missing tail is found too. Appends are serialised, so several writers never fork the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from desktop_app.errors import StorageError
from desktop_app.storage.audit_head import ChainHead, HeadFile
from desktop_app.storage.audit_key import AuditKeyMissing, create_key, load_key, where_key_lives
from desktop_app.storage.models import AuditRow

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
# Any fixed number: the lock PostgreSQL appenders queue on, so the chain never forks.
APPEND_LOCK_ID = 0x5041_4C45_5454_4552 & 0x7FFF_FFFF_FFFF_FFFF
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
    """The log check's verdict; `problem` says what kind of break was found first."""

    ok: bool
    first_bad_id: int | None
    message: str
    checked: int = 0
    problem: str | None = None  # "entry", "tail", "head", "key", "version", "case"
    case_id: str | None = None


@dataclass
class AuditChain:
    """Where one database's chain gets its key and keeps its head."""

    url: str
    local: bool  # a database file on this computer, whose head this installation owns
    head_file: HeadFile = field(init=False)
    _key: bytes | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.head_file = HeadFile(self.url)

    def key(self) -> bytes | None:
        if self._key is None:
            self._key = load_key()
        return self._key

    def key_for_append(self, chain_is_empty: bool) -> bytes:
        """The key; made on the very first entry, refused when entries exist without it."""
        found = self.key()
        if found is not None:
            return found
        if not chain_is_empty:
            raise AuditKeyMissing(where_key_lives())
        self._key = create_key()
        return self._key

    def key_or_create(self) -> bytes:
        """For re-keying an earlier release's log: the key, made now if there is none yet."""
        return self.key_for_append(chain_is_empty=True)

    def remember(self, head: ChainHead) -> None:
        """After a commit: move the head kept outside the database forward."""
        key = self.key()
        if key is None:
            return
        try:
            self.head_file.advance(key, head)
        except (OSError, StorageError) as exc:
            # The entry is committed; the next check reports the stale head.
            log.warning("audit head not updated (%s)", type(exc).__name__)


def chain_of(session: Session) -> AuditChain:
    chain = session.info.get("audit_chain")
    if not isinstance(chain, AuditChain):
        raise StorageError("audit entries are written only through an open case database")
    return chain


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


def entry_body(
    *,
    entry_id: int,
    at: dt.datetime,
    user: str,
    action: str,
    case_id: str | None,
    detail: Mapping[str, DetailValue],
) -> str:
    return canonical_json(
        {
            "id": entry_id,
            "at": at.astimezone(dt.UTC).isoformat(),
            "user": user,
            "action": action,
            "case_id": case_id,
            "detail": dict(detail),
        }
    )


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
    """sha256(prev_hash + canonical JSON of the entry): the unkeyed chain of earlier releases.

    Kept to read and re-key those logs; anyone can recompute it, so it proves nothing alone.
    """
    body = entry_body(
        entry_id=entry_id, at=at, user=user, action=action, case_id=case_id, detail=detail
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def entry_mac(key: bytes, prev_mac: str, body: str) -> str:
    """HMAC-SHA-256 under the installation key of the previous mark and the entry."""
    return hmac.new(key, (prev_mac + body).encode("utf-8"), hashlib.sha256).hexdigest()


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


def _serialise_appenders(session: Session) -> None:
    """One appender at a time, whatever the store.

    PostgreSQL: a transaction-scoped advisory lock, released at commit or rollback. SQLite:
    writers already hold the database's write lock from their first statement (BEGIN
    IMMEDIATE, storage/database.py). The primary key on the entry number backs both up.
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
    _serialise_appenders(session)
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
