"""The case store the desktop app and CLI use: list, autosave, workflow, versions, exports.

Every change commits in one transaction together with its audit entry. Saves are optimistic:
each carries the revision it started from, and a save over someone else's newer one raises
EditConflict instead of overwriting it. A signed (locked) version is never modified.

This module holds the case list, autosave and workflow; the store's versions
(case_versions.py) and the letters' exports and signatures (letter_history.py) are parts of
the same CaseStore, each in its own module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import load_case
from desktop_app.errors import CaseFileError, StorageError
from desktop_app.services import audit
from desktop_app.services.appeals import appeal_due_of, appeal_of
from desktop_app.services.case_versions import CaseVersions
from desktop_app.services.examples import example_case_paths
from desktop_app.services.letter_history import LetterHistory
from desktop_app.services.statuses import next_statuses
from desktop_app.storage import case_list, case_rows, locked_versions
from desktop_app.storage.case_records import with_sent_at, write_records
from desktop_app.storage.database import open_database, sqlite_file
from desktop_app.storage.database_address import database_url
from desktop_app.storage.database_errors import DamagedValue
from desktop_app.storage.database_files import quarantine_database_file
from desktop_app.storage.records import (
    CaseLocked,
    CaseSummary,
    EditConflict,
    ExportRecord,
    SignatureRecord,
    StoredCase,
    VersionInfo,
)
from desktop_app.storage.workflow import NEXT_STATUSES, STATUSES, check_move, check_status

__all__ = [
    "NEXT_STATUSES",
    "STATUSES",
    "CaseLocked",
    "CaseStore",
    "CaseSummary",
    "EditConflict",
    "ExportRecord",
    "SignatureRecord",
    "StoredCase",
    "VersionInfo",
    "example_case_paths",
    "next_statuses",
    "open_case_store",
    "quarantine_damaged_database",
]


def open_case_store(url: str | None = None) -> CaseStore:
    """Open the case database (PA_LETTER_DB_URL or the data folder's SQLite file)."""
    return CaseStore(open_database(url))


def quarantine_damaged_database(url: str | None = None) -> Path:
    """Move a damaged database file aside (dated name) so the next open starts empty."""
    path = sqlite_file(database_url(url))
    if path is None:
        raise StorageError(
            "only a database file on this computer can be moved aside",
            hint="ask whoever runs the shared database server to repair it",
        )
    audit.close(url)
    return quarantine_database_file(path)


class CaseStore(CaseVersions, LetterHistory):
    """All case operations over one open database; safe to use from several windows at once."""

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.database.dispose()

    def restore(self, backup: Path) -> str:
        """Put a checked backup in place of this database and carry on with it (File >
        Backups…); returns what was done, in words. StorageError leaves the database as it was.
        """
        from desktop_app.services.backups import check_backup, restore_backup

        verdict = check_backup(Path(backup).resolve())
        if not verdict.ok:
            raise StorageError(f"the backup was not restored: {verdict.message}")
        url = self.database.url
        self.database.dispose()
        try:
            done = restore_backup(backup, url)
        finally:
            self.database = open_database(url)
        return done.message

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------
    def list_cases(
        self, search: str = "", status: str | None = None, include_deleted: bool = False
    ) -> list[CaseSummary]:
        """Summaries, newest first; `search` matches patient, drug and payer, any case."""
        if status is not None:
            check_status(status)
        try:
            with self.database.reading() as session:
                return case_list.list_summaries(session, search, status, include_deleted)
        except DamagedValue as exc:
            with self.database.reading() as session:
                damaged = case_list.undecodable_case_ids(session, exc.column)
            raise DamagedValue(exc.column, damaged[0] if damaged else None) from None

    def listed_with_data(self) -> tuple[list[CaseSummary], dict[str, str]]:
        """The list (as `list_cases()` gives it) and each listed case's stored JSON, read in
        one transaction so the two agree; for work over every case, such as the deadlines."""
        with self.database.reading() as session:
            return case_list.list_summaries(session), case_list.listed_case_data(session)

    def get_case(self, case_id: str) -> StoredCase:
        try:
            with self.database.reading() as session:
                return case_rows.to_stored(case_rows.find_row(session, case_id))
        except DamagedValue as exc:
            raise DamagedValue(exc.column, case_id) from None

    def is_empty(self) -> bool:
        with self.database.reading() as session:
            return case_list.count_cases(session) == 0

    def prescriber_sections(self) -> list[dict[str, Any]]:
        """The prescriber section of each case, newest first, as stored (for the directory)."""
        with self.database.reading() as session:
            return case_list.prescriber_sections(session)

    # -- writing ---------------------------------------------------------------------------
    def create_case(
        self, case: Case, status: str = "draft", parent_case_id: str | None = None
    ) -> StoredCase:
        check_status(status)
        with self.database.writing() as session:
            if parent_case_id is not None:
                case_rows.find_row(session, parent_case_id)
            row = case_rows.insert_case(
                session,
                case,
                status=status,
                appeal_due=appeal_due_of(case),
                parent_case_id=parent_case_id,
            )
            self._audit(session, "case.created", row.id, row, status=status,
                        parent=parent_case_id)
            return case_rows.to_stored(row)

    def save_case(self, case_id: str, case: Case, expected_revision: int) -> StoredCase:
        """Autosave. EditConflict if another window saved first; CaseLocked if signed."""
        with self.database.writing() as session:
            row = case_rows.update_case(
                session,
                case_id,
                case,
                expected_revision=expected_revision,
                appeal_due=appeal_due_of(case),
            )
            self._audit(session, "case.saved", case_id, row, revision=row.revision)
            return case_rows.to_stored(row)

    def duplicate_case(self, case_id: str) -> StoredCase:
        """A new draft with the same content (for a similar patient or a repeat request)."""
        source = self.get_case(case_id)
        with self.database.writing() as session:
            row = case_rows.insert_case(
                session, source.case, status="draft", appeal_due=appeal_due_of(source.case)
            )
            self._audit(session, "case.duplicated", row.id, row, source=case_id)
            return case_rows.to_stored(row)

    def delete_case(self, case_id: str) -> None:
        """Move the case to the bin; `undelete_case` brings it back."""
        self._set_deleted(case_id, case_rows.now_utc(), "case.deleted")

    def undelete_case(self, case_id: str) -> None:
        self._set_deleted(case_id, None, "case.undeleted")

    def _set_deleted(self, case_id: str, when: dt.datetime | None, action: str) -> None:
        with self.database.writing() as session:
            row = case_rows.find_row(session, case_id)
            row.deleted_at = when
            case_rows.touch(row)
            self._audit(session, action, case_id, row, revision=row.revision)

    def set_status(self, case_id: str, status: str) -> StoredCase:
        """Move along the workflow; marking a case signed locks its current version.

        Marking it signed (a letter signed in ink) is the prescriber physician's own move."""
        check_status(status)
        with self.database.writing() as session:
            row = case_rows.find_row(session, case_id)
            check_move(row.status, status)
            if status == "signed":
                from desktop_app.services.people import check_can_sign

                check_can_sign(case_rows.decode_case(row))
            previous = row.status
            row.status = status
            if status == "signed" and not row.locked:
                version = locked_versions.snapshot_version(
                    session, row, reason="signed", user=self._user
                )
                self._seal_version(session, row, version)
            elif status == "sent":
                # The plan's decision time runs from here (a record: allowed on a signed case).
                sent = with_sent_at(row, dt.datetime.now())
                write_records(session, row, sent, appeal_due=appeal_due_of(sent))
            else:
                case_rows.touch(row)
            self._audit(session, "case.status", case_id, row, before=previous, after=status)
            return case_rows.to_stored(row)

    def appeal_from_denied(self, case_id: str) -> StoredCase:
        """A new appeal case from a denied one, linked to it; only after a denial."""
        source = self.get_case(case_id)
        if source.status != "denied":
            raise StorageError(
                "only a denied case can be appealed",
                hint="set the case to 'Denied' when the payer's denial arrives",
            )
        appeal = appeal_of(source.case)
        with self.database.writing() as session:
            row = case_rows.insert_case(
                session,
                appeal,
                status="draft",
                appeal_due=appeal_due_of(appeal),
                parent_case_id=case_id,
            )
            self._audit(session, "case.appeal_started", row.id, row, parent=case_id)
            return case_rows.to_stored(row)

    # -- first run ----------------------------------------------------------------------------
    def import_examples(self, paths: Iterable[Path]) -> int:
        """Load sample case files as drafts; files that are not valid cases are skipped."""
        cases: list[Case] = []
        for path in paths:
            try:
                cases.append(load_case(Path(path)))
            except CaseFileError:
                # Hostile examples are meant to fail loading; they are for the checker.
                continue
        with self.database.writing() as session:
            for case in cases:
                row = case_rows.insert_case(session, case, status="draft",
                                            appeal_due=appeal_due_of(case))
                self._audit(session, "case.created", row.id, row, status="draft",
                            from_example=True)
            self._audit(session, "cases.imported", None, count=len(cases))
        return len(cases)
