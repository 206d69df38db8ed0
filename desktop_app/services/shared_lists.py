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
from pathlib import Path
from typing import Any

from desktop_app.errors import StorageError
from desktop_app.services.practice_data import shared_database
from desktop_app.storage.database import Database
from desktop_app.storage.payer_directory import (
    DIRECTORY_FILE,
    PayerDirectoryFile,
    PayerDirectoryStore,
    directory_store,
    practice_folder,
)
from desktop_app.storage.practice_lists import (
    PracticeListDocument,
    payer_document,
    regimen_document,
)
from desktop_app.storage.regimen_library import REGIMENS_FILE, RegimenFile, RegimenStore
from desktop_app.storage.regimen_library import regimen_store as regimen_file_store

log = logging.getLogger(__name__)

# (database url, file) already looked at in this run, and the files left beside a list.
_looked_at: set[tuple[str, str]] = set()
_left_behind: dict[str, Path] = {}
_lock = threading.Lock()


def payer_store() -> PayerDirectoryStore:
    database = shared_database()
    if database is None:
        return directory_store()
    store = payer_document(database, _user())
    _move_in_once(database, store, PayerDirectoryFile(practice_folder() / DIRECTORY_FILE))
    return store


def regimen_store() -> RegimenStore:
    database = shared_database()
    if database is None:
        return regimen_file_store()
    store = regimen_document(database, _user())
    _move_in_once(database, store, RegimenFile(practice_folder() / REGIMENS_FILE))
    return store


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
        if not store.adopt(items):
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
