"""The log check's pass over the locked (signed) versions: each row against the entry that
locked it.

A locked version is evidence of what a physician signed, and Version history shows when it
was locked, why and by whom. Every entry seals the content (`sha256`); entries written since
`record_sha256` was added to them also seal the lock time, reason and who locked it, so a
lock time moved by SQL is found like edited content. Earlier entries seal the content only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.storage.models import AuditRow, CaseVersionRow
from desktop_app.storage.seals import RECORD_KEY, VERSION_ACTION, sha256_text, version_seal

VersionKey = tuple[str, int]


@dataclass
class VersionSeals:
    """(case id, version) -> (content SHA-256, record seal or None) as its entry locked it."""

    sealed: dict[VersionKey, tuple[str, str | None]] = field(default_factory=dict)

    def collect(self, row: AuditRow, detail: dict[str, object]) -> None:
        version, content = detail.get("version"), detail.get("sha256")
        if (row.action != VERSION_ACTION or row.case_id is None or not isinstance(version, int)
                or not isinstance(content, str)):
            return
        record = detail.get(RECORD_KEY)
        self.sealed[(row.case_id, version)] = (content, record if isinstance(record, str)
                                               else None)


def check_versions(session: Session, seals: VersionSeals) -> tuple[str, str] | None:
    """(message, case id) for the first version the log does not account for, or None."""
    seen: set[VersionKey] = set()
    for row in session.scalars(select(CaseVersionRow).order_by(CaseVersionRow.id)):
        where = f"locked version {row.version} of case {row.case_id[:36]}"
        sealed = seals.sealed.get((row.case_id, row.version))
        if sealed is None:
            return f"{where} has no fingerprint in the audit log", row.case_id
        content, record = sealed
        if sha256_text(row.data) != content or row.data_sha256 != content:
            return f"{where} was changed after it was locked", row.case_id
        if record is not None and record != version_seal(row):
            return (f"{where} has a lock time, reason or locking person that does not match "
                    "the audit log (changed outside the app)", row.case_id)
        seen.add((row.case_id, row.version))
    # Versions are never deleted: one the log sealed that has no row was removed by hand.
    for case_id, version in sorted(seals.sealed.keys() - seen):
        return (f"locked version {version} of case {case_id[:36]} is missing: the audit log "
                "recorded it"), case_id
    return None
