"""A desk's shared PostgreSQL database: its address, its password, and the state of its schema.

The password goes to the operating system's keyring (macOS Keychain, Windows Credential
Locker, the Secret Service on a Linux desktop) and never to the settings file. Where there is
no keyring (a headless Linux), nothing is stored: libpq then reads PostgreSQL's own password
file, ~/.pgpass, which it uses only when readable by the user alone
(postgresql.org/docs/15/libpq-pgpass.html). A plain-text keyring (keyrings.alt) is never used.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from desktop_app.errors import StorageError
from desktop_app.storage.audit_key import KEYRING_SERVICE, usable_keyring
from desktop_app.storage.models import Base
from desktop_app.storage.settings import TLS_MODES, SharedDatabase

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 5  # a desk waits this long for an unreachable server, then says so


def keyring_account(conf: SharedDatabase) -> str:
    return f"database {conf.user}@{conf.host}:{conf.port}/{conf.database}"


def has_keyring() -> bool:
    return usable_keyring() is not None


def saved_password(conf: SharedDatabase) -> str | None:
    backend = usable_keyring()
    if backend is None:
        return None
    try:
        found = backend.get_password(KEYRING_SERVICE, keyring_account(conf))
    except Exception:  # noqa: BLE001 - a locked keyring is "no password", the server says more
        return None
    return str(found) if found else None


def save_password(conf: SharedDatabase, password: str) -> bool:
    """Keep the password in the keyring; False where this computer has none (nothing stored)."""
    backend = usable_keyring()
    if backend is None:
        return False
    try:
        if password:
            backend.set_password(KEYRING_SERVICE, keyring_account(conf), password)
        else:
            with contextlib.suppress(Exception):
                backend.delete_password(KEYRING_SERVICE, keyring_account(conf))
    except Exception:  # noqa: BLE001 - a refused keyring write is reported as "not kept"
        return False
    return True


def shared_url(conf: SharedDatabase, password: str | None = None) -> str:
    """The SQLAlchemy URL for the connection (the password, if any, escaped inside it)."""
    if conf.tls_mode not in TLS_MODES:
        raise StorageError(f"unknown TLS mode {conf.tls_mode[:20]!r}", field="database.tls_mode",
                           hint="use one of: " + ", ".join(TLS_MODES))
    url = URL.create(
        DRIVER,
        username=conf.user or None,
        password=password or None,
        host=conf.host,
        port=conf.port,
        database=conf.database,
        query={"sslmode": conf.tls_mode, "connect_timeout": str(CONNECT_TIMEOUT_S)},
    )
    return url.render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """The address as a person may see it: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(an address that cannot be read)"


@dataclass(frozen=True, slots=True)
class SchemaState:
    """What `pa-letter db status` and Test connection report."""

    reachable: bool
    server: str  # "PostgreSQL 15.18" or "SQLite"
    revision: str | None  # None: no schema yet (a new, empty database)
    other_tables: bool  # tables that are not PA Letter Studio's: refuse to init there
    cases: int | None
    problem: str = ""  # the reason it could not be reached, in the driver's words


def schema_state(url: str) -> SchemaState:
    """Connect once, read the schema version and count cases; never changes anything."""
    try:
        engine = create_engine(url)
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        raise StorageError(f"cannot use the database address ({type(exc).__name__})",
                           hint="check the server, port and database name") from None
    try:
        with engine.connect() as conn:
            server = _server_name(conn)
            revision = MigrationContext.configure(conn).get_current_revision()
            tables = set(inspect(conn).get_table_names())
            cases = None
            if "cases" in tables:
                cases = int(conn.execute(text("SELECT count(*) FROM cases")).scalar() or 0)
            others = bool(tables - _OUR_TABLES) and revision is None
            return SchemaState(True, server, revision, others, cases)
    except DBAPIError as exc:
        return SchemaState(False, "", None, False, None, driver_message(exc))
    finally:
        engine.dispose()


_OUR_TABLES = {*Base.metadata.tables, "alembic_version"}


def _server_name(conn: object) -> str:
    dialect = conn.dialect  # type: ignore[attr-defined]
    version = ".".join(str(part) for part in (dialect.server_version_info or ())[:2])
    return f"{'PostgreSQL' if dialect.name == 'postgresql' else dialect.name} {version}".strip()


def driver_message(exc: DBAPIError) -> str:
    """The driver's first line, without SQL, bound values or the password."""
    lines = [line.strip() for line in str(exc.orig).splitlines() if line.strip()]
    return (" ".join(lines) or type(exc.orig).__name__)[:300]
