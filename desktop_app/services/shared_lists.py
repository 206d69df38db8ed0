"""Where the payer directory and the practice regimens are kept for this desk.

With a shared PostgreSQL database (practice_data.shared_database) they are practice documents
in it, so every desk sees the same lists; with the SQLite file they stay files (payers.json,
regimens.json in the shared templates folder or the data folder), as before.

The first time a desk uses a shared database, a list it kept in a file is moved in, once:
only if the database has no such list yet (the first desk's list becomes the practice's), and
the file is then renamed, never deleted (`payers.moved-to-database.json`), so neither list is
ever lost. When the database already has one, the file is left as it was and
`left_behind()` names it, so the directory window can say so.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.payers import PayerEntry
from desktop_app.domain.regimens import PracticeRegimen
from desktop_app.errors import StorageError
from desktop_app.services.practice_data import shared_database
from desktop_app.storage.payer_directory import (
    DIRECTORY_FILE,
    PayerDirectoryFile,
    PayerDirectoryStore,
    directory_store,
    practice_folder,
)
from desktop_app.storage.regimen_library import REGIMENS_FILE, RegimenFile, RegimenStore
from desktop_app.storage.regimen_library import regimen_store as regimen_file_store

if TYPE_CHECKING:
    # Only a shared database needs these, and they bring in SQLAlchemy's ORM: a desk on the
    # SQLite file checks and renders a letter without importing it (tests/e2e guard this).
    from desktop_app.storage.database import Database
    from desktop_app.storage.practice_lists import AuditNote, PracticeListDocument

log = logging.getLogger(__name__)

# (database url, file) already looked at in this run, and the files left beside a list.
_looked_at: set[tuple[str, str]] = set()
_left_behind: dict[str, Path] = {}
_lock = threading.Lock()


def payer_store() -> PayerDirectoryStore:
    database = shared_database()
    if database is None:
        return directory_store()
    from desktop_app.storage.practice_lists import payer_document

    store = payer_document(database, _user())
    _move_in_once(database, store, PayerDirectoryFile(practice_folder() / DIRECTORY_FILE))
    return store


def regimen_store() -> RegimenStore:
    database = shared_database()
    if database is None:
        return regimen_file_store()
    from desktop_app.storage.practice_lists import regimen_document

    store = regimen_document(database, _user())
    _move_in_once(database, store, RegimenFile(practice_folder() / REGIMENS_FILE))
    return store


# The audit action for each list; the detail says what kind of change and how many rows.
LIST_ACTIONS: dict[str, str] = {"payers": "payer_directory.saved",
                                "regimens": "practice_regimens.saved"}


def _note(kind: str, change: str, rows: int, counts: Mapping[str, int] | None) -> AuditNote:
    return LIST_ACTIONS[kind], {"change": change, "rows": rows, **(counts or {})}


def save_payer_list(store: PayerDirectoryStore, entries: list[PayerEntry], *, change: str,
                    counts: Mapping[str, int] | None = None,
                    expected_version: object = None) -> None:
    """Save the practice's payer entries with an audit entry: who, when, which change, how
    many rows (payer names are not patient data, but the log keeps counts only). On the shared
    database both commit together; a list kept in a file is written first and the entry
    follows, so a log that cannot be written never costs the list."""
    from desktop_app.storage.practice_lists import PracticeListDocument

    note = _note("payers", change, len(entries), counts)
    if isinstance(store, PracticeListDocument):
        store.save(entries, expected_version=expected_version, audit=note)
        return
    store.save(entries, expected_version=expected_version)
    _record_after_file_save(note)


def save_regimen_list(store: RegimenStore, regimens: list[PracticeRegimen], *,
                      change: str) -> None:
    """Save the practice's regimens with an audit entry, as save_payer_list does."""
    from desktop_app.storage.practice_lists import PracticeListDocument

    note = _note("regimens", change, len(regimens), None)
    if isinstance(store, PracticeListDocument):
        store.save(regimens, audit=note)
        return
    store.save(regimens)
    _record_after_file_save(note)


def _record_after_file_save(note: AuditNote) -> None:
    from desktop_app.services import audit

    action, detail = note
    try:
        audit.record(action, detail=dict(detail))
    except StorageError as exc:
        raise StorageError(f"the list was saved, but the audit log could not record it: "
                           f"{exc.message}", hint=exc.hint) from None


def left_behind(kind: str) -> Path | None:
    """This desk's earlier file ("payers" or "regimens") not moved in because the shared
    database already had the practice's list; None when there is none."""
    path = _left_behind.get(kind)
    return path if path is not None and path.exists() else None


def _user() -> str:
    from desktop_app.services.audit import current_user

    return current_user()


def _move_in_once(database: Database, store: PracticeListDocument[Any],
                  local: PayerDirectoryFile | RegimenFile) -> None:
    key = (database.url, str(local.path))
    with _lock:
        if key in _looked_at:
            return
        _looked_at.add(key)
        if not local.path.exists():
            return
        kind = "payers" if isinstance(local, PayerDirectoryFile) else "regimens"
        try:
            items: list[Any] = list(local.load())
        except StorageError:
            # A damaged file stays where it is for someone to fix; the practice's list is used.
            log.warning("a local %s file could not be read and was not moved in", kind)
            _left_behind[kind] = local.path
            return
        if not items:
            return
        if not store.adopt(items, audit=_note(kind, "moved_in", len(items), None)):
            _left_behind[kind] = local.path
            return
        moved = _free_name(local.path.with_name(f"{kind}.moved-to-database.json"))
        try:
            local.path.rename(moved)
        except OSError:
            log.warning("the local %s file was copied to the database but not renamed", kind)
        log.info("the local %s list was moved into the practice's database", kind)


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate
