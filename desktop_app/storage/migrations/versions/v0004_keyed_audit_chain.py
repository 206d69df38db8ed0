"""The audit log is re-keyed: HMAC-SHA-256 under the installation key instead of plain SHA-256.

Revision ID: 0004
Revises: 0003

Earlier releases chained entries with plain SHA-256, which anyone who can edit the database
can recompute. This upgrade checks that old chain first, then recomputes every entry's mark
with the installation's key, seals every existing case and locked version with its
fingerprint, and appends one `audit.rekeyed` entry that says how many entries were re-keyed
and whether the old chain was intact (a broken one stays reported as broken, never
laundered). The recipes are copied here, not imported, so this upgrade keeps doing what it
did when later code changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

GENESIS = "0" * 64
UPGRADE_USER = "PA Letter Studio upgrade"

_audit = sa.table(
    "audit_log",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("user", sa.String),
    sa.column("action", sa.String),
    sa.column("case_id", sa.String),
    sa.column("detail", sa.Text),
    sa.column("prev_hash", sa.String),
    sa.column("entry_hash", sa.String),
)
_cases = sa.table(
    "cases",
    *(sa.column(name, sa.String) for name in (
        "id", "data", "status", "parent_case_id", "patient_name", "drug_name", "payer_name",
        "letter_kind")),
    sa.column("revision", sa.Integer),
    sa.column("version", sa.Integer),
    sa.column("locked", sa.Boolean),
    sa.column("deleted_at", sa.DateTime),
)
_versions = sa.table(
    "case_versions",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.String),
    sa.column("version", sa.Integer),
    sa.column("data", sa.Text),
)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _body(row: Any, detail: Any) -> str:
    return _canonical({
        "id": row.id, "at": _utc(row.at).isoformat(), "user": row.user, "action": row.action,
        "case_id": row.case_id, "detail": detail,
    })


def _detail(row: Any) -> Any:
    try:
        return json.loads(row.detail)
    except ValueError:
        return None


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _state(row: Any) -> str:
    return _sha(json.dumps({
        "id": row.id, "data": row.data, "status": row.status, "revision": row.revision,
        "version": row.version, "locked": bool(row.locked), "deleted": row.deleted_at is not None,
        "parent": row.parent_case_id, "patient_name": row.patient_name,
        "drug_name": row.drug_name, "payer_name": row.payer_name, "letter_kind": row.letter_kind,
    }, sort_keys=True, ensure_ascii=False))


def _legacy_first_bad(rows: Sequence[Any]) -> int | None:
    """The first entry the old plain chain does not account for, or None when intact."""
    prev = GENESIS
    for expected_id, row in enumerate(rows, 1):
        detail = _detail(row)
        if (row.id != expected_id or row.prev_hash != prev or not isinstance(detail, dict)
                or row.entry_hash != _sha(prev + _body(row, detail))):
            return int(row.id)
        prev = row.entry_hash
    return None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_audit).order_by(_audit.c.id)).all()
    cases = bind.execute(sa.select(_cases).order_by(_cases.c.id)).all()
    if not rows and not cases:
        return  # a new database: its first entry makes the key
    chain = context.config.attributes.get("audit_chain")
    if chain is None:
        raise RuntimeError("re-keying the audit log needs the installation key")
    key: bytes = chain.key_or_create()
    first_bad = _legacy_first_bad(rows)
    prev = GENESIS
    for row in rows:
        detail = _detail(row)
        body = _body(row, detail if isinstance(detail, dict) else {"unreadable": True})
        mac = hmac.new(key, (prev + body).encode("utf-8"), hashlib.sha256).hexdigest()
        bind.execute(_audit.update().where(_audit.c.id == row.id)
                     .values(prev_hash=prev, entry_hash=mac))
        prev = mac
    next_id = (rows[-1].id if rows else 0) + 1
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def append(action: str, case_id: str | None, detail: dict[str, Any]) -> None:
        nonlocal prev, next_id
        entry = _Entry(next_id, now, UPGRADE_USER, action, case_id)
        mac = hmac.new(key, (prev + _body(entry, detail)).encode("utf-8"),
                       hashlib.sha256).hexdigest()
        bind.execute(_audit.insert().values(
            id=next_id, at=now, user=UPGRADE_USER, action=action, case_id=case_id,
            detail=_canonical(detail), prev_hash=prev, entry_hash=mac))
        prev, next_id = mac, next_id + 1

    append("audit.rekeyed", None, {
        "legacy_entries": len(rows), "legacy_intact": first_bad is None,
        "legacy_first_bad": first_bad, "legacy_head": rows[-1].entry_hash if rows else None,
    })
    for version in bind.execute(sa.select(_versions).order_by(_versions.c.id)).all():
        append("case.version_locked", version.case_id,
               {"version": version.version, "sha256": _sha(version.data), "sealed": True})
    for case in cases:
        append("case.sealed", case.id, {"state_sha256": _state(case)})


class _Entry:
    """The fields of an entry being appended, as _body reads them from a row."""

    def __init__(self, entry_id: int, at: dt.datetime, user: str, action: str,
                 case_id: str | None) -> None:
        self.id, self.at, self.user, self.action, self.case_id = (
            entry_id, at, user, action, case_id)


def downgrade() -> None:
    # Back to the plain chain the earlier release checks; the entries this upgrade added stay.
    bind = op.get_bind()
    prev = GENESIS
    for row in bind.execute(sa.select(_audit).order_by(_audit.c.id)).all():
        detail = _detail(row)
        digest = _sha(prev + _body(row, detail if isinstance(detail, dict) else {}))
        bind.execute(_audit.update().where(_audit.c.id == row.id)
                     .values(prev_hash=prev, entry_hash=digest))
        prev = digest
