"""How every connection to the case database is set up: SQLite's settings, private files, forks.

Kept apart from opening the database (storage/database.py): these are the rules each new
connection follows (the busy wait, foreign keys, WAL, writers taking the lock at once, files
only this user may read) and what a forked render worker must not share with its parent,
whatever store sits behind them.
"""

from __future__ import annotations

import contextlib
import os
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from desktop_app.storage.database_files import BUSY_TIMEOUT_MS, SIDE_FILES

# Every engine this process made. A forked child (batch's render workers) must not use the
# parent's pooled connections: two processes on one server socket garble each other's
# replies and hang. The child starts with empty pools of its own and leaves the parent's
# connections open for the parent (docs.sqlalchemy.org, "Using Connection Pools with
# Multiprocessing or os.fork()": Engine.dispose(close=False)).
_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_parent_connections() -> None:
    for engine in list(_engines):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_parent_connections)


def make_engine(url: str, path: Path | None) -> Engine:
    engine = create_engine(url)
    _engines.add(engine)
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
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        with contextlib.suppress(OSError):
            if candidate.exists():
                candidate.chmod(0o600)
