"""Backups as staff use them: a daily copy on start, the list, and a checked restore.

A restore checks the chosen copy first (SQLite integrity check and the audit log), keeps the
database it replaces among the backups, and records itself in the audit log.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.services import audit
from desktop_app.storage import backups as copies
from desktop_app.storage.audit_head import ChainHead
from desktop_app.storage.backup_check import BackupVerdict, check_backup
from desktop_app.storage.backups import BackupInfo
from desktop_app.storage.database import Database, open_database, sqlite_file
from desktop_app.storage.database_address import database_url
from desktop_app.storage.database_files import SIDE_FILES

__all__ = [
    "BackupInfo",
    "BackupVerdict",
    "RestoreDone",
    "check_backup",
    "daily_backup_if_due",
    "list_backups",
    "newest_good_backup",
    "restore_backup",
    "unusable_advice",
]


@dataclass(frozen=True, slots=True)
class RestoreDone:
    restored: Path
    replaced: Path | None  # where the database that was replaced is kept
    message: str


def _database_file(url: str | None) -> Path:
    path = sqlite_file(database_url(url))
    if path is None:
        raise DatabaseUnusable(
            "backups are made only of a database file on this computer",
            hint="a shared database server is backed up by whoever runs it",
        )
    return path


def daily_backup_if_due(database: Database) -> Path | None:
    """On start: one copy a day at most, then the oldest beyond 7 daily and 4 weekly go."""
    if database.path is None or not copies.daily_is_due(database.path):
        return None
    made = copies.back_up(database.engine, database.path, "daily")
    copies.prune(database.path)
    return made


def list_backups(url: str | None = None) -> list[BackupInfo]:
    return copies.list_backups(_database_file(url))


def newest_good_backup(url: str | None = None) -> Path | None:
    """The newest backup that passes the integrity check and the audit log check."""
    for backup in list_backups(url):
        if check_backup(backup.path).ok:
            return backup.path
    return None


def unusable_advice(url: str | None = None) -> str:
    """What to say when the database cannot be used: the newest good backup and the command."""
    try:
        good = newest_good_backup(url)
    except StorageError:
        return "Ask whoever runs the shared database server to repair or restore it."
    if good is None:
        return "No good backup was found in the data folder's backups."
    return (f"The newest good backup is {good}. To restore it: "
            f"pa-letter backup restore '{good}'")


def restore_backup(file: Path, url: str | None = None) -> RestoreDone:
    """Replace the database with a checked backup; the replaced one is kept among the backups.

    Every connection this process holds is closed first; the caller reopens its store after.
    """
    db_path = _database_file(url)
    source = Path(file).resolve()
    verdict = check_backup(source)
    if not verdict.ok:
        raise StorageError(f"the backup was not restored: {verdict.message}", file=str(source))
    audit.close(url)
    replaced = _set_aside(db_path, url)
    part = copies.backups_folder() / f".restore-{os.getpid()}.sqlite3"
    copies.backup_file(source, part)
    os.replace(part, db_path)
    database = open_database(url)
    try:
        _restart_chain(database, source, replaced)
    finally:
        database.dispose()
    where = f"; the replaced database is kept as {replaced}" if replaced else ""
    return RestoreDone(source, replaced, f"Restored {source.name}{where}.")


def _set_aside(db_path: Path, url: str | None) -> Path | None:
    """Keep the current database among the backups: a clean copy if it opens, else the file."""
    if not db_path.exists():
        return None
    target = copies.backups_folder() / copies.backup_name(db_path, "replaced")
    try:
        current = open_database(url)
    except StorageError:
        current = None
    if current is not None:
        try:
            kept = copies.back_up(current.engine, db_path, "replaced")
        finally:
            current.dispose()
    else:
        os.replace(db_path, target)
        kept = target
    # The old file's write-ahead log must never be replayed into the restored copy.
    for suffix in SIDE_FILES:
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{kept}{suffix}"))
    return kept


def _restart_chain(database: Database, source: Path, replaced: Path | None) -> None:
    """The restored log is older than the head kept outside: reset it, and say so in the log."""
    from sqlalchemy import select

    from desktop_app.storage.audit import append_entry
    from desktop_app.storage.models import AuditRow

    chain = database.audit_chain
    with database.reading() as session:
        last = session.execute(
            select(AuditRow.id, AuditRow.entry_hash).order_by(AuditRow.id.desc()).limit(1)
        ).first()
    key = chain.key()
    if key is not None:
        with contextlib.suppress(OSError):
            chain.head_file.reset(key, ChainHead(last.id, last.entry_hash) if last else
                                  ChainHead(0, "0" * 64))
    with database.writing() as session:
        append_entry(session, action="database.restored", user=audit.current_user(),
                     detail={"backup": source.name[:128],
                             "replaced_kept": replaced.name[:128] if replaced else None})
