"""Opening the case database: SQLite by default, any SQLAlchemy URL through PA_LETTER_DB_URL.

On open the schema is upgraded to the newest Alembic revision, after a backup
(storage/database_schema.py, which imports Alembic only when there is something to migrate).
A damaged, emptied or missing SQLite file raises DamagedDatabase (a DatabaseUnusable) instead
of crashing, and is never replaced by a new empty database (storage/database_files.py).
Each connection's settings are in storage/database_connections.py; the driver's errors are
worded in storage/database_errors.py.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.storage.audit import AuditChain
from desktop_app.storage.database_address import DB_URL_ENV, database_url
from desktop_app.storage.database_connections import make_engine
from desktop_app.storage.database_errors import storage_errors
from desktop_app.storage.database_files import (
    DamagedDatabase,
    leave_marker,
    prepare_sqlite_file,
    refuse_lost_file,
)
from desktop_app.storage.database_schema import upgrade_to_head
from desktop_app.storage.integrity_stamp import (
    check_is_due,
    file_state,
    record_check,
    record_clean_close,
)

log = logging.getLogger(__name__)

__all__ = ["Database", "open_database", "sqlite_file"]


def sqlite_file(url: str) -> Path | None:
    """The database file behind a SQLite URL; None for in-memory or other databases."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


@dataclass
class Database:
    """An open, migrated database. `reading()` and `writing()` give transactional sessions."""

    engine: Engine
    url: str
    path: Path | None
    audit_chain: AuditChain

    def _session(self, bind: Engine, *, writing: bool = False) -> Session:
        return Session(bind, info={"audit_chain": self.audit_chain, "writing": writing})

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        with storage_errors(self.path), self._session(self.engine) as session, session.begin():
            yield session

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE)."""
        bind = self.engine.execution_options(pa_write=True)
        with storage_errors(self.path), self._session(bind, writing=True) as session, \
                session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        if self.path is not None:
            record_clean_close(self.path)  # the next open may then skip the quick check


def open_database(url: str | None = None) -> Database:
    """Open (creating if needed) and migrate the case database."""
    chosen = database_url(url)
    path = sqlite_file(chosen)
    chain = AuditChain(chosen, local=path is not None)
    if path is not None:
        refuse_lost_file(path, chain)
        prepare_sqlite_file(path)
    try:
        engine = make_engine(chosen, path)
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        raise StorageError(
            f"cannot use the database address ({type(exc).__name__})",
            field=DB_URL_ENV,
            hint="check the database URL in PA_LETTER_DB_URL",
        ) from None
    database = Database(engine=engine, url=chosen, path=path, audit_chain=chain)
    try:
        if path is not None:
            _check_integrity(database)
        upgrade_to_head(database)
    except BaseException:
        engine.dispose()
        raise
    if path is not None:
        leave_marker(path)
    return database


def _check_integrity(database: Database) -> None:
    """SQLite's quick check, unless the file is as this app left it after one today
    (storage/integrity_stamp.py says why that is safe)."""
    path = database.path or Path("?")
    if not check_is_due(path):
        return
    before = file_state(path)
    try:
        with database.engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
    except DBAPIError as exc:
        if "unable to open" in str(exc.orig).lower():
            raise DatabaseUnusable(
                "the case database cannot be opened (is it readable by this user?)",
                file=str(database.path),
            ) from None
        raise DamagedDatabase(database.path or Path("?")) from None
    if result != ["ok"]:
        log.warning("case database failed its integrity check (%d problems)", len(result))
        raise DamagedDatabase(path)
    record_check(path, before)
