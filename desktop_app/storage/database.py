"""Opening the case database: SQLite by default, any SQLAlchemy URL through PA_LETTER_DB_URL.

On open the schema is upgraded to the newest Alembic revision (after a backup); Alembic is
imported only then, since a schema already at the newest revision (read from the migration
files and the alembic_version table) needs nothing from it. A damaged,
emptied or missing SQLite file raises DamagedDatabase (a DatabaseUnusable) instead of
crashing, and is never replaced by a new empty database (storage/database_files.py).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.storage.audit import AuditChain
from desktop_app.storage.audit_head import ChainHead
from desktop_app.storage.database_address import (
    DB_FILE,
    DB_URL_ENV,
    database_url,
    newest_revision,
    use_practice_url,
)
from desktop_app.storage.database_connections import make_engine
from desktop_app.storage.database_errors import storage_errors
from desktop_app.storage.database_files import (
    BUSY_TIMEOUT_MS,
    SIDE_FILES,
    DamagedDatabase,
    MissingDatabase,
    leave_marker,
    marker_file,
    prepare_sqlite_file,
    quarantine_database_file,
    refuse_lost_file,
)
from desktop_app.storage.integrity_stamp import (
    check_is_due,
    file_state,
    record_check,
    record_clean_close,
)
from desktop_app.storage.models import AuditRow

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_FILE",
    "DB_URL_ENV",
    "SIDE_FILES",
    "DamagedDatabase",
    "Database",
    "MissingDatabase",
    "database_url",
    "marker_file",
    "open_database",
    "quarantine_database_file",
    "use_practice_url",
]


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


def alembic_config(connection: Connection | None = None, chain: AuditChain | None = None) -> Any:
    """An Alembic configuration built in code, so migrations run from an installed wheel.

    `chain` gives migrations that re-key the audit log the installation key.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    config.attributes["audit_chain"] = chain or AuditChain("sqlite://", local=False)
    return config


def head_revision() -> str:
    newest = newest_revision()
    if newest is not None:
        return newest
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        stored = _stored_revisions(conn)
        if len(stored) <= 1:
            return stored[0] if stored else None
        from alembic.runtime.migration import MigrationContext

        revision: str | None = MigrationContext.configure(conn).get_current_revision()
        return revision  # several rows: Alembic says what that means


def _stored_revisions(conn: Connection) -> list[str]:
    """The rows of Alembic's version table, read as Alembic reads them; [] without it."""
    if not inspect(conn).has_table("alembic_version"):
        return []
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    return [str(row) for row in rows]


def upgrade_to_head(database: Database, target: str = "head") -> None:
    """Bring the schema up to `target` (normally the newest revision) in one transaction."""
    if target == "head" and _at_newest(database):
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    with storage_errors(database.path):
        found = current_revision(database)
        if found is not None and found not in known:
            raise StorageError(
                "the case database was written by a newer version of PA Letter Studio",
                file=str(database.path) if database.path else None,
                hint="install the newer version to open it",
            )
        if target == "head" and found == head_revision():
            return
        if found is not None and database.path is not None:
            # Before every upgrade: a copy to go back to if the upgrade misbehaves.
            from desktop_app.storage.backups import back_up, prune

            back_up(database.engine, database.path, f"before-{head_revision()}")
            prune(database.path)
        try:
            with database.engine.connect() as conn:
                _run_migrations(conn.execution_options(pa_write=True), target,
                                database.audit_chain)
        except CommandError as exc:
            raise StorageError(f"cannot upgrade the case database ({exc})") from None
        _remember_migrated_head(database)


def _at_newest(database: Database) -> bool:
    """True when the stored schema is exactly the newest revision: nothing to migrate."""
    newest = newest_revision()
    if newest is None:
        return False
    with storage_errors(database.path), database.engine.connect() as conn:
        return _stored_revisions(conn) == [newest]


def _remember_migrated_head(database: Database) -> None:
    """An upgrade may re-key or extend the log: its head, outside the database, follows."""
    with database.engine.connect() as conn:
        last = conn.execute(
            select(AuditRow.id, AuditRow.entry_hash).order_by(AuditRow.id.desc()).limit(1)
        ).first()
    if last is not None:
        database.audit_chain.remember(ChainHead(last.id, last.entry_hash))


def _run_migrations(conn: Connection, target: str, chain: AuditChain) -> None:
    """Upgrade in one transaction; on SQLite with foreign keys off while tables are rebuilt.

    Alembic's batch mode copies a table and drops the old one, which foreign keys forbid;
    SQLite's own procedure turns them off, then checks them before commit
    (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes").
    """
    sqlite = conn.dialect.name == "sqlite"
    raw = conn.connection.driver_connection
    if sqlite and raw is not None:
        # Outside any transaction (the pragma is a no-op inside one).
        raw.execute("PRAGMA foreign_keys = OFF")
    from alembic import command

    try:
        with conn.begin():
            command.upgrade(alembic_config(conn, chain), target)
            if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise StorageError("the upgraded case database has broken links between rows")
    finally:
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys = ON")
