"""The audit chain's pure parts: the entry's canonical form, its keyed mark, the key and head.

Nothing here touches a database, so the quick SQLite writer (storage/audit_sqlite.py) and the
SQLAlchemy one (storage/audit.py) make entries the same way. See storage/audit.py for how the
chain protects the log.
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

from desktop_app.errors import StorageError
from desktop_app.storage.audit_head import ChainHead, HeadFile
from desktop_app.storage.audit_key import AuditKeyMissing, create_key, load_key, where_key_lives

log = logging.getLogger(__name__)

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
    """The log check's verdict; `problem` says what kind of break was found first."""

    ok: bool
    first_bad_id: int | None
    message: str
    checked: int = 0
    problem: str | None = None  # entry, tail, head, key, version, letter, person, settings,
    # list, template, case
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
