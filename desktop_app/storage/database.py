"""Opening the case database: SQLite by default, any SQLAlchemy URL through PA_LETTER_DB_URL.

On open the schema is upgraded to the newest Alembic revision. A damaged SQLite file raises
DamagedDatabase (a StorageError) instead of crashing, and `quarantine_database_file` moves it
aside so the app can start with an empty database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from desktop_app.errors import StorageError
from desktop_app.storage.audit import AuditChain
from desktop_app.storage.audit_head import ChainHead
from desktop_app.storage.models import AuditRow
from desktop_app.storage.paths import data_home, ensure_private_dir

log = logging.getLogger(__name__)

DB_URL_ENV = "PA_LETTER_DB_URL"
DB_FILE = "cases.sqlite3"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Another window holding the write lock makes us wait this long before reporting "busy".
BUSY_TIMEOUT_MS = 5000
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class DamagedDatabase(StorageError):
    """The database file is not a readable SQLite database (random bytes, truncated, ...)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            "the case database is damaged and cannot be opened",
            file=str(path),
            hint="choose 'Start fresh' to move the damaged file aside with a date in its name, "
            "or restore it from a backup",
        )
        self.path = path


def database_url(url: str | None = None) -> str:
    """The URL to open: the argument, else PA_LETTER_DB_URL, else the data folder's SQLite file."""
    chosen = url or os.environ.get(DB_URL_ENV, "").strip()
    if chosen:
        return chosen
    return f"sqlite:///{data_home() / DB_FILE}"


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

    def _session(self, bind: Engine) -> Session:
        return Session(bind, info={"audit_chain": self.audit_chain})

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        with storage_errors(self.path), self._session(self.engine) as session, session.begin():
            yield session

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE)."""
        bind = self.engine.execution_options(pa_write=True)
        with storage_errors(self.path), self._session(bind) as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def storage_errors(path: Path | None) -> Iterator[None]:
    """Turn driver errors into StorageError with words a user can act on."""
    where = str(path) if path else None
    try:
        yield
    except OperationalError as exc:
        detail = str(exc.orig).lower()
        if "locked" in detail or "busy" in detail:
            raise StorageError(
                "the case database is busy in another window",
                file=where,
                hint="wait a moment and try again",
            ) from None
        if "malformed" in detail or "not a database" in detail:
            raise DamagedDatabase(path or Path("?")) from None
        raise StorageError(f"the case database failed: {_short(exc)}", file=where) from None
    except DBAPIError as exc:
        if "malformed" in str(exc.orig).lower() or "not a database" in str(exc.orig).lower():
            raise DamagedDatabase(path or Path("?")) from None
        raise StorageError(f"the case database failed: {_short(exc)}", file=where) from None


def _short(exc: DBAPIError) -> str:
    # The driver's own message only: SQLAlchemy's text includes the SQL and bound values,
    # which may hold patient data.
    return str(exc.orig).splitlines()[0][:200]


def open_database(url: str | None = None) -> Database:
    """Open (creating if needed) and migrate the case database."""
    chosen = database_url(url)
    path = sqlite_file(chosen)
    if path is not None:
        _prepare_sqlite_file(path)
    try:
        engine = _make_engine(chosen, path)
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        raise StorageError(
            f"cannot use the database address ({type(exc).__name__})",
            field=DB_URL_ENV,
            hint="check the database URL in PA_LETTER_DB_URL",
        ) from None
    chain = AuditChain(chosen, local=path is not None)
    database = Database(engine=engine, url=chosen, path=path, audit_chain=chain)
    try:
        if path is not None:
            _check_integrity(database)
        upgrade_to_head(database)
    except BaseException:
        engine.dispose()
        raise
    return database


def _prepare_sqlite_file(path: Path) -> None:
    """Create a missing database file private; never open an existing one outside SQLite.

    POSIX releases every lock this process holds on a file as soon as any handle to that file
    is closed. Opening and closing the database file here while another connection of this
    process has it open (the audit viewer opens its own) would drop that connection's locks;
    another program closing the database next then takes itself for the last user and deletes
    the write-ahead log this process still writes into (sqlite.org/howtocorrupt.html §2.2).
    """
    ensure_private_dir(path.parent)
    try:
        # Created private before SQLite touches it; SQLite gives its -wal and -shm files the
        # same mode as the database (sqlite.org/src os_unix.c findCreateFileMode).
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        pass  # an existing file: SQLite alone opens it
    except OSError as exc:
        raise StorageError(
            f"cannot open the case database ({exc.strerror})", file=str(path)
        ) from None
    else:
        os.close(fd)
    with contextlib.suppress(OSError):
        path.chmod(0o600)


def _make_engine(url: str, path: Path | None) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event (below) issue BEGIN, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
                # NORMAL is durable against application crashes in WAL mode; only a power
                # loss may roll back the last commits (sqlite.org/pragma.html#pragma_synchronous).
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()
        if path is not None:
            _make_private(path)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the lock up front: a deferred transaction that reads and then writes
        # fails at once with SQLITE_BUSY when another window wrote in between, whatever
        # busy_timeout says (sqlite.org/lang_transaction.html).
        immediate = conn.get_execution_options().get("pa_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _make_private(path: Path) -> None:
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in _SQLITE_SIDE_FILES)):
        with contextlib.suppress(OSError):
            if candidate.exists():
                candidate.chmod(0o600)


def _check_integrity(database: Database) -> None:
    try:
        with database.engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
    except DBAPIError:
        raise DamagedDatabase(database.path or Path("?")) from None
    if result != ["ok"]:
        log.warning("case database failed its integrity check (%d problems)", len(result))
        raise DamagedDatabase(database.path or Path("?"))


def alembic_config(
    connection: Connection | None = None, chain: AuditChain | None = None
) -> Config:
    """An Alembic configuration built in code, so migrations run from an installed wheel.

    `chain` gives migrations that re-key the audit log the installation key.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    config.attributes["audit_chain"] = chain or AuditChain("sqlite://", local=False)
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(database: Database, target: str = "head") -> None:
    """Bring the schema up to `target` (normally the newest revision) in one transaction."""
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
        try:
            with database.engine.connect() as conn:
                _run_migrations(conn.execution_options(pa_write=True), target,
                                database.audit_chain)
        except CommandError as exc:
            raise StorageError(f"cannot upgrade the case database ({exc})") from None
        _remember_migrated_head(database)


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
    try:
        with conn.begin():
            command.upgrade(alembic_config(conn, chain), target)
            if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise StorageError("the upgraded case database has broken links between rows")
    finally:
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys = ON")


def quarantine_database_file(path: Path) -> Path:
    """Move a damaged database file (and its -wal/-shm) aside under a dated name."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
    try:
        if path.exists():
            os.replace(path, target)
        for suffix in _SQLITE_SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{target}{suffix}"))
    except OSError as exc:
        raise StorageError(
            f"cannot move the damaged database aside ({exc.strerror})", file=str(path)
        ) from None
    log.warning("moved a damaged case database aside")
    return target
