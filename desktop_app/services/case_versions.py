"""Numbered versions of a case: freezing the current content (as signing does), starting
the next version to edit, and reading a locked one back exactly as it was.

A locked version is never modified; a change after signing is a new version. Apart from the
case list and workflow (services/cases.py) because signing, the packet and the history
screen work with versions, while the everyday list and autosave do not.
"""

from __future__ import annotations

from desktop_app.domain.case import Case
from desktop_app.errors import StorageError
from desktop_app.services.appeals import appeal_due_of
from desktop_app.services.audited_store import AuditedStore
from desktop_app.storage import case_rows, locked_versions
from desktop_app.storage.case_records import with_sent_at, write_records
from desktop_app.storage.records import CaseLocked, StoredCase, VersionInfo

__all__ = ["CaseVersions"]


class CaseVersions(AuditedStore):
    """The versions of the cases in one open database."""

    def lock_version(self, case_id: str, reason: str) -> int:
        """Freeze the current content as a numbered version; returns its number."""
        with self.database.writing() as session:
            row = case_rows.find_row(session, case_id)
            if row.locked:
                raise CaseLocked(case_id)
            version = locked_versions.snapshot_version(session, row, reason=reason, user=self._user)
            self._seal_version(session, row, version)
            return version

    def new_version(self, case_id: str) -> StoredCase:
        """Unlock editing as the next version number; the locked snapshot is kept as it was."""
        with self.database.writing() as session:
            row = case_rows.find_row(session, case_id)
            if not row.locked:
                raise StorageError(
                    "this case is not locked; it can be edited as it is",
                )
            row.version += 1
            row.locked = False
            row.status = "draft"
            # The new version has not been sent yet.
            unsent = with_sent_at(row, None)
            write_records(session, row, unsent, appeal_due=appeal_due_of(unsent))
            self._audit(session, "case.version_started", case_id, row,
                        version=row.version)
            return case_rows.to_stored(row)

    def versions(self, case_id: str) -> list[VersionInfo]:
        with self.database.reading() as session:
            case_rows.find_row(session, case_id)
            return locked_versions.version_infos(session, case_id)

    def version_case(self, case_id: str, version: int) -> Case:
        """The content of a locked version, exactly as it was locked."""
        with self.database.reading() as session:
            return locked_versions.version_case(session, case_id, version)
