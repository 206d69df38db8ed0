"""Copies of the case database in the data folder's backups/, made with SQLite's backup API.

The online backup API copies a consistent snapshot while the app keeps working, and reads the
file through SQLite (never with open(), which would drop this process's locks on it; see
storage/database_files.py). Copies are private (0600) and kept 7 daily plus 4 weekly; copies
taken before an upgrade and databases replaced by a restore are kept apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import StorageError
from desktop_app.storage.part_files import commit_part, discard_part, new_part
from desktop_app.storage.paths import data_home, ensure_private_dir

if TYPE_CHECKING:  # the app's start checks for a due backup without importing SQLAlchemy
    from sqlalchemy import Engine

BACKUPS_DIR = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_BEFORE_UPGRADE = 4
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}T\d{6}Z)-(?P<kind>[a-z0-9-]+)\.sqlite3$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    kind: str  # "daily", "before-0004" (an upgrade), "replaced" (by a restore)
    size: int


def backups_folder() -> Path:
    return ensure_private_dir(data_home() / BACKUPS_DIR)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This database's backups, newest first."""
    folder = data_home() / BACKUPS_DIR
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["stem"] != db_path.stem:
            continue
        taken = dt.datetime.strptime(match["at"], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        with contextlib.suppress(OSError):
            found.append(BackupInfo(path, taken, match["kind"], path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def backup_name(db_path: Path, kind: str, when: dt.datetime | None = None) -> str:
    stamp = (when or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{db_path.stem}-{stamp}-{kind}.sqlite3"


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy through the backup API into a private file that appears whole or not at all."""
    ensure_private_dir(target.parent)
    part = new_part(target)
    try:
        copy = sqlite3.connect(part)
        try:
            source.backup(copy)
            # A plain rollback-journal file: it opens read-only without -wal/-shm beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        commit_part(part, target)
    except sqlite3.Error as exc:
        discard_part(part)
        raise StorageError(f"the backup could not be made ({exc})", file=str(target)) from None
    except BaseException:
        discard_part(part)
        raise
    return target


def back_up(engine: Engine, db_path: Path, kind: str) -> Path:
    """A backup of the open database under backups/ (named by time and kind, no patient data)."""
    target = backups_folder() / backup_name(db_path, kind)
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(target.name.replace(f"-{kind}.", f"-{kind}-{counter}."))
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if not isinstance(raw, sqlite3.Connection):
            raise StorageError("only a database file on this computer can be backed up")
        return copy_database(raw, target)


def backup_file(source: Path, target: Path) -> Path:
    """Copy a database file that this process does not have open (a backup being restored)."""
    uri = f"file:{source}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read the backup ({exc})", file=str(source)) from None
    try:
        return copy_database(conn, target)
    finally:
        conn.close()


def daily_is_due(db_path: Path, now: dt.datetime | None = None) -> bool:
    today = (now or dt.datetime.now(dt.UTC)).date()
    return not any(
        b.kind.startswith("daily") and b.taken_at.date() == today for b in list_backups(db_path)
    )


def prune(db_path: Path) -> list[Path]:
    """Keep the newest daily copy of the last 7 days with one, and of the last 4 weeks."""
    backups = list_backups(db_path)
    daily = [b for b in backups if b.kind.startswith("daily")]
    keep: set[Path] = set()
    days: dict[dt.date, Path] = {}
    weeks: dict[tuple[int, int], Path] = {}
    for backup in daily:  # newest first, so the first seen of a day or week is its newest
        days.setdefault(backup.taken_at.date(), backup.path)
        weeks.setdefault(backup.taken_at.isocalendar()[:2], backup.path)
    keep.update(list(days.values())[:KEEP_DAILY])
    keep.update(list(weeks.values())[:KEEP_WEEKLY])
    upgrades = [b for b in backups if b.kind.startswith("before-")]
    keep.update(b.path for b in upgrades[:KEEP_BEFORE_UPGRADE])
    keep.update(b.path for b in backups if b.kind.startswith("replaced"))
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                os.unlink(backup.path)
                removed.append(backup.path)
    return removed


def integrity_problem(path: Path) -> str | None:
    """None when SQLite's full integrity check passes on the file; else what failed."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"cannot be opened ({exc})"
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.Error as exc:
        return f"is damaged ({exc})"
    finally:
        conn.close()
    return None if rows == ["ok"] else f"is damaged ({len(rows)} problems found)"
