"""Locked (signed) versions of a case: freezing its content, listing them, reading one back.

Apart from the everyday case rows because a locked version is evidence: reading one checks
it against the keyed audit log entry that locked it, so only this module needs the log's key.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import parse_case
from desktop_app.errors import StorageError
from desktop_app.storage.audit import chain_of, row_mac
from desktop_app.storage.case_rows import now_utc, touch
from desktop_app.storage.models import AuditRow, CaseRow, CaseVersionRow
from desktop_app.storage.records import VersionInfo
from desktop_app.storage.seals import VERSION_ACTION, sha256_text, version_seal


def snapshot_version(session: Session, row: CaseRow, *, reason: str, user: str) -> int:
    """Keep the current content as a locked version; the case row becomes read-only."""
    session.add(
        CaseVersionRow(
            case_id=row.id,
            version=row.version,
            data=row.data,
            data_sha256=sha256_text(row.data),
            locked_at=now_utc(),
            reason=reason[:200],
            user=user[:200],
        )
    )
    row.locked = True
    touch(row)
    session.flush()
    return row.version


def lock_seal(session: Session, case_id: str, version: int) -> str:
    """The seal of a version just locked, for the audit entry that locks it."""
    row = session.scalars(select(CaseVersionRow).where(
        CaseVersionRow.case_id == case_id, CaseVersionRow.version == version)).one()
    return version_seal(row)


def version_infos(session: Session, case_id: str) -> list[VersionInfo]:
    query = select(CaseVersionRow).where(CaseVersionRow.case_id == case_id)
    return [
        VersionInfo(v.case_id, v.version, v.locked_at, v.reason, v.user, v.data_sha256)
        for v in session.scalars(query.order_by(CaseVersionRow.version))
    ]


def version_case(session: Session, case_id: str, version: int) -> Case:
    """A locked version's content, after checking it against the fingerprint the log keeps."""
    row = session.scalars(
        select(CaseVersionRow).where(
            CaseVersionRow.case_id == case_id, CaseVersionRow.version == version
        )
    ).first()
    if row is None:
        raise StorageError(f"the case has no locked version {version}")
    if not _version_matches_log(session, row):
        raise StorageError(
            f"locked version {version} of this case was changed after it was locked",
            field=f"case {case_id[:36]} version {version}",
            hint="run 'pa-letter audit verify', and restore the database from a backup",
        )
    try:
        data = json.loads(row.data)
    except ValueError:
        raise StorageError(
            "a locked version is not readable", field=f"case {case_id[:36]} version {version}"
        ) from None
    return parse_case(data, source=f"case {case_id} version {version}", lenient=True)


def _version_matches_log(session: Session, row: CaseVersionRow) -> bool:
    """The content hash, the stored hash and the keyed log entry that locked it all agree."""
    actual = sha256_text(row.data)
    if actual != row.data_sha256:
        return False
    key = chain_of(session).key()
    if key is None:
        return False
    entries = session.scalars(
        select(AuditRow).where(AuditRow.case_id == row.case_id, AuditRow.action == VERSION_ACTION)
    )
    for entry in entries:
        try:
            detail = json.loads(entry.detail)
        except ValueError:
            continue
        if not isinstance(detail, dict) or detail.get("version") != row.version:
            continue
        mac = row_mac(key, entry)
        return mac == entry.entry_hash and detail.get("sha256") == actual
    return False
