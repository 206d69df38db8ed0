"""Audit entries appended to this computer's SQLite case database with Python's own sqlite3.

`pa-letter render` writes one letter and one audit entry. Opening the database through
SQLAlchemy and Alembic took longer than rendering the letter (bench/bench_render.py), so when
the database is a plain SQLite file whose schema is already the newest, the entry goes in
through sqlite3: the same refusals on open as storage/database.py (a lost or emptied file,
a failed integrity check, run as often: storage/integrity_stamp.py), the same write lock
taken up front (BEGIN IMMEDIATE), the same row format and keyed chain
(storage/audit_chain.py), and the head kept outside the database moved forward after the
commit. Anything else (another kind of database, a missing file on
a first run, a schema that needs upgrading or is newer than this release) returns None from
`open_quick_log`, and the caller opens the database the full way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.storage.audit_chain import (
    GENESIS_HASH,
    AuditChain,
    AuditEntry,
    canonical_json,
    check_detail,
    entry_body,
    entry_mac,
)
from desktop_app.storage.audit_head import ChainHead
from desktop_app.storage.database_address import newest_revision, plain_sqlite_file
from desktop_app.storage.database_files import (
    BUSY_TIMEOUT_MS,
    SIDE_FILES,
    DamagedDatabase,
    leave_marker,
    prepare_sqlite_file,
    refuse_lost_file,
)
from desktop_app.storage.integrity_stamp import (
    check_is_due,
    file_state,
    record_check,
    record_clean_close,
)

log = logging.getLogger(__name__)

# How SQLAlchemy's SQLite dialect stores a DateTime (models.UtcDateTime: naive UTC), so rows
# written here read back identically through SQLAlchemy and their marks recompute.
SQLALCHEMY_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"
NewEntry = tuple[str, str | None, Mapping[str, Any] | None]  # action, case id, detail


class QuickAuditLog:
    """One SQLite case database's audit log, appended to through sqlite3; thread-safe."""

    def __init__(self, path: Path, chain: AuditChain, connection: sqlite3.Connection) -> None:
        self.path = path
        self.chain = chain
        self._connection = connection
        self._lock = threading.Lock()

    def append(
        self, *, action: str, user: str, case_id: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        """Add one entry in its own transaction."""
        return self.append_many([(action, case_id, detail)], user=user)[0]

    def append_many(self, entries: Sequence[NewEntry], *, user: str) -> list[AuditEntry]:
        """Add several entries in one transaction: all of them are committed, or none."""
        cleaned = [(action, case_id, check_detail(detail or {}))
                   for action, case_id, detail in entries]
        if not cleaned:
            return []
        with self._lock, sqlite_errors(self.path):
            made = self._append_in_transaction(cleaned, user)
        last = made[-1]
        self.chain.remember(ChainHead(last.id, last.entry_hash))
        return made

    def _append_in_transaction(
        self, entries: list[tuple[str, str | None, dict[str, Any]]], user: str
    ) -> list[AuditEntry]:
        conn = self._connection
        # The write lock first, as every writer takes it (storage/database_connections.py), so two
        # programs appending at once queue instead of forking the chain.
        conn.execute("BEGIN IMMEDIATE")
        try:
            last = conn.execute(
                "SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1"
            ).fetchone()
            key = self.chain.key_for_append(chain_is_empty=last is None)
            entry_id, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS_HASH)
            made = []
            for action, case_id, detail in entries:
                entry_id += 1
                when = dt.datetime.now(dt.UTC)
                body = entry_body(entry_id=entry_id, at=when, user=user, action=action,
                                  case_id=case_id, detail=detail)
                mark = entry_mac(key, prev, body)
                conn.execute(
                    'INSERT INTO audit_log (id, at, "user", action, case_id, detail, prev_hash,'
                    " entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (entry_id, when.replace(tzinfo=None).strftime(SQLALCHEMY_SQLITE_TIME), user,
                     action, case_id, canonical_json(detail), prev, mark),
                )
                made.append(AuditEntry(entry_id, when, user, action, case_id, detail, prev, mark))
                prev = mark
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        return made

    def lists_people(self) -> bool:
        """Whether the practice lists anyone who may sign in (services/people.py): then a
        command that writes entries must first say who is working (the schema is the newest
        here, so the table is there)."""
        with self._lock, sqlite_errors(self.path):
            found = self._connection.execute(
                "SELECT 1 FROM people WHERE active = 1 LIMIT 1").fetchone()
        return found is not None

    def close(self) -> None:
        with self._lock:
            self._connection.close()
        record_clean_close(self.path)


def open_quick_log(url: str) -> QuickAuditLog | None:
    """The audit log of the SQLite database at `url`, ready to append to; None when the
    database must be opened the full way (storage/database.py) instead.

    Raises DatabaseUnusable (DamagedDatabase, MissingDatabase) as opening it fully would.
    """
    path = plain_sqlite_file(url)
    newest = newest_revision()
    if path is None or newest is None:
        return None
    chain = AuditChain(url, local=True)
    refuse_lost_file(path, chain)
    try:
        if path.stat().st_size == 0:
            return None  # a first run: the full opener creates the schema
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DatabaseUnusable(
            f"cannot read the case database ({exc.strerror})", file=str(path)
        ) from None
    prepare_sqlite_file(path)
    due = check_is_due(path)  # once a day, or when the file is not as the app left it
    before = file_state(path) if due else None
    connection = _connect(path)
    try:
        if due:
            _check_integrity(connection, path)
            record_check(path, before)
        with sqlite_errors(path):
            found = _schema_revision(connection)
    except BaseException:
        connection.close()
        raise
    if found != newest:
        connection.close()
        return None  # behind (to upgrade, after a backup) or newer: the full opener decides
    leave_marker(path)
    return QuickAuditLog(path, chain, connection)


def _connect(path: Path) -> sqlite3.Connection:
    with sqlite_errors(path):
        # mode=rw: an existing database only; this never makes a new, empty one.
        connection = sqlite3.connect(
            f"file:{quote(str(path))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None, check_same_thread=False,
        )
        try:
            # The same settings as every SQLAlchemy connection (storage/database_connections.py).
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            connection.close()
            raise
    _make_private(path)
    return connection


def _make_private(path: Path) -> None:
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        with contextlib.suppress(OSError):
            if candidate.exists():
                candidate.chmod(0o600)


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    with sqlite_errors(path):
        result = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if result != ["ok"]:
        log.warning("case database failed its integrity check (%d problems)", len(result))
        raise DamagedDatabase(path)


def _schema_revision(connection: sqlite3.Connection) -> str | None:
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return str(rows[0][0]) if len(rows) == 1 else None


@contextlib.contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """sqlite3's errors in the words storage/database_errors.py uses for the same failures."""
    try:
        yield
    except sqlite3.Error as exc:
        detail = str(exc).lower()
        where = str(path)
        if "locked" in detail or "busy" in detail:
            raise StorageError(
                "the case database is busy in another window", file=where,
                hint="wait a moment and try again",
            ) from None
        if "malformed" in detail or "not a database" in detail:
            raise DamagedDatabase(path) from None
        if "unable to open" in detail or "disk i/o" in detail:
            raise DatabaseUnusable(
                f"the case database cannot be opened: {str(exc)[:200]}", file=where
            ) from None
        # sqlite3's own message: it names the problem, never a stored or bound value.
        raise StorageError(f"the case database failed: {str(exc)[:200]}", file=where) from None
