"""Connecting a desk to the practice's shared database, and preparing that database.

Settings > Database and `pa-letter db init|upgrade|status` both come here. A desk with no
shared database configured keeps its cases in the SQLite file in its data folder, as a solo
office always has. The password is kept in the OS keyring, never in the settings file; where
there is no keyring, the desk says so and libpq's own ~/.pgpass file is the way to keep it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desktop_app.errors import StorageError
from desktop_app.storage.database_address import DB_FILE, database_url, use_practice_url
from desktop_app.storage.paths import data_home
from desktop_app.storage.settings_plain import read_plain_settings

if TYPE_CHECKING:
    from desktop_app.storage import desk_database as desk
    from desktop_app.storage.settings import TLS_MODES, SharedDatabase

log = logging.getLogger(__name__)


def _desk() -> ModuleType:
    """The server-side helpers (SQLAlchemy, Alembic), imported only when a server is in play:
    a desk on the SQLite file starts, and renders a letter, without either."""
    from desktop_app.storage import desk_database

    return desk_database


def _settings() -> ModuleType:
    """The pydantic settings models, built only when a settings value is needed: a desk on
    its own SQLite file starts without them."""
    from desktop_app.storage import settings

    return settings


def __getattr__(name: str) -> Any:
    # TLS_MODES and SharedDatabase are the settings models' own, handed on when first asked.
    if name in ("TLS_MODES", "SharedDatabase"):
        return getattr(_settings(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "TLS_MODES",
    "ConnectionVerdict",
    "SharedDatabase",
    "connect_practice_database",
    "database_status",
    "init_database",
    "keep_password",
    "local_database_file",
    "password_note",
    "save_desk_connection",
    "test_connection",
    "upgrade_database",
]

NO_KEYRING_NOTE = (
    "This computer has no keyring, so the password is not kept: put it in PostgreSQL's "
    "password file ~/.pgpass (one line host:port:database:user:password, readable by you "
    "alone: chmod 600), or the server must let this desk in without one."
)


@dataclass(frozen=True, slots=True)
class ConnectionVerdict:
    ok: bool
    message: str  # one or two sentences for the person at the desk; never the password


def local_database_file() -> str:
    """The SQLite file this desk uses when it has no shared database."""
    return str(data_home() / DB_FILE)


def password_note() -> str:
    """Where a typed password goes on this computer, in words."""
    if _desk().has_keyring():
        return "The password is kept in this computer's keyring, never in the settings file."
    return NO_KEYRING_NOTE


def keep_password(conf: SharedDatabase, password: str) -> str:
    """Store the password in the keyring if there is one; returns what happened, in words."""
    if _desk().save_password(conf, password):
        return "Password kept in the system keyring." if password else "Password removed."
    return NO_KEYRING_NOTE


def connection_url(conf: SharedDatabase, password: str | None = None) -> str:
    """The address for this connection: the typed password, else the keyring's, else none
    (libpq then looks in ~/.pgpass)."""
    return str(_desk().shared_url(conf, password or _desk().saved_password(conf)))


def connect_practice_database() -> str | None:
    """At start: use the shared database the settings name (a shown address), or None for
    the SQLite file. PA_LETTER_DB_URL, when set, wins over both."""
    conf = _shared_database_setting()
    if conf is None:
        use_practice_url(None)
        return None
    url = connection_url(conf)
    use_practice_url(url)
    return str(_desk().shown_url(url))


def _shared_database_setting() -> SharedDatabase | None:
    """The shared database settings.json names, as load_settings() reads it: None for no file,
    no server named, or a damaged file (the settings view says so; cases stay local).

    A plainly valid file that names no server is answered from its JSON (storage/
    settings_plain.py); any other file goes through the settings models, as it always has."""
    try:
        read = read_plain_settings()
        plainly_none = read.document is not None and read.document.get("database") is None
        if read.raw is None or plainly_none:
            return None  # no file, or a plainly valid one that names no server
        conf: SharedDatabase | None = _settings().parse_settings(read.raw, read.path).database
    except StorageError:
        return None
    return conf


def save_desk_connection(conf: SharedDatabase | None) -> None:
    """Point this desk at a database server (None: back to its own SQLite file), from the next
    start. Anyone working at the desk may: when the practice's server moves, staff at each desk
    reconnect it without waiting for an admin. Only this desk's connection changes; the
    letterhead, directories and signing settings stay an admin's (services.settings)."""
    settings = _settings()
    current = settings.load_settings()
    if current.database == conf:
        return
    settings.save_settings(current.model_copy(update={"database": conf}))
    _record_connection_change(current.database, conf)


def _where(conf: SharedDatabase | None) -> str:
    """A database as Test connection and the audit entry name it (no user, no password)."""
    return "this desk's own file" if conf is None else (
        f"{conf.host}:{conf.port}, database {conf.database}")


def _record_connection_change(before: SharedDatabase | None, after: SharedDatabase | None) -> None:
    """An audit entry in the database the desk used until now, so the practice can see when
    a desk left it or moved (server addresses only: no password, no patient data). When that
    server no longer answers, which is often why the desk is moved, nothing is recorded:
    reconnecting must not wait for a server that is gone."""
    from desktop_app.services.audit import record

    try:
        record("desk.connection_changed", None, {"from": _where(before), "to": _where(after)})
    except StorageError:
        log.warning("the desk's new connection was saved; the database it leaves did not "
                    "answer, so no audit entry records the change")


def test_connection(conf: SharedDatabase, password: str | None = None) -> ConnectionVerdict:
    """Connect once and say plainly whether this desk can work there."""
    url = connection_url(conf, password)
    state = _desk().schema_state(url)
    where = _where(conf)
    if not state.reachable:
        return ConnectionVerdict(False, f"Could not connect to {where}: {state.problem}")
    from desktop_app.storage.database_schema import head_revision

    head = head_revision()
    if state.revision is None:
        advice = ("it holds other tables, so choose an empty database for PA Letter Studio"
                  if state.other_tables else
                  f"run `pa-letter db init --url {_desk().shown_url(url)}` once to prepare it")
        return ConnectionVerdict(False, f"Connected to {state.server} at {where}, but the "
                                 f"database is not prepared yet: {advice}.")
    if state.revision != head:
        return ConnectionVerdict(True, f"Connected to {state.server} at {where}. Its schema "
                                 f"is version {state.revision}; this app upgrades it to {head} "
                                 "when it opens (or run `pa-letter db upgrade`).")
    count = state.cases or 0
    return ConnectionVerdict(True, f"Connected to {state.server} at {where}: schema version "
                             f"{head}, {count} case{'' if count == 1 else 's'}. Every desk "
                             "here sees the same.")


@dataclass(frozen=True, slots=True)
class DatabaseStatus:
    address: str  # without the password
    state: desk.SchemaState
    newest: str

    @property
    def up_to_date(self) -> bool:
        return self.state.reachable and self.state.revision == self.newest


def database_status(url: str | None = None) -> DatabaseStatus:
    from desktop_app.storage.database_schema import head_revision

    chosen = database_url(url)
    desk = _desk()
    return DatabaseStatus(desk.shown_url(chosen), desk.schema_state(chosen), head_revision())


def init_database(url: str | None = None) -> DatabaseStatus:
    """Create the schema in an empty database (or confirm one that is already prepared)."""
    status = database_status(url)
    if not status.state.reachable:
        raise StorageError(f"cannot reach the database: {status.state.problem}",
                           file=status.address)
    if status.state.revision is None and status.state.other_tables:
        raise StorageError("the database holds tables that are not PA Letter Studio's",
                           file=status.address,
                           hint="create an empty database for the practice's cases")
    from desktop_app.storage.database import open_database

    open_database(database_url(url)).dispose()
    return database_status(url)


def upgrade_database(url: str | None = None) -> DatabaseStatus:
    """Bring a prepared database to this version's schema; an empty one needs `db init`."""
    status = database_status(url)
    if not status.state.reachable:
        raise StorageError(f"cannot reach the database: {status.state.problem}",
                           file=status.address)
    if status.state.revision is None:
        raise StorageError("the database is not prepared yet", file=status.address,
                           hint="run `pa-letter db init` first")
    from desktop_app.storage.database import open_database

    open_database(database_url(url)).dispose()
    return database_status(url)
