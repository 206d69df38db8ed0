"""The audit log as the app and CLI use it: record an action, list entries, verify the chain.

Detail holds ids, hashes, template ids and counts, never names or free text (PHI); a key that
looks like patient data is refused.

Recording into this computer's SQLite file, when its schema is current, goes through sqlite3
alone (storage/audit_sqlite.py): a one-letter render then never loads SQLAlchemy or Alembic.
Everything else opens the database fully (storage/database.py), imported only then.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from desktop_app.errors import StorageError
from desktop_app.storage.audit_chain import AuditEntry, ChainReport
from desktop_app.storage.audit_sqlite import QuickAuditLog, open_quick_log
from desktop_app.storage.database_address import database_url
from desktop_app.storage.settings import load_settings

if TYPE_CHECKING:
    from desktop_app.storage.database import Database

__all__ = [
    "AuditEntry",
    "ChainReport",
    "close",
    "current_user",
    "entries",
    "people_listed",
    "record",
    "record_many",
    "require_database",
    "verify_chain",
]

_databases: dict[str, Database] = {}
# Per database: its quick log, or None when it must be opened fully (not a plain SQLite file,
# a first run, a schema to upgrade).
_quick_logs: dict[str, QuickAuditLog | None] = {}
_lock = threading.Lock()


def current_user() -> str:
    """The person signed in at this desk with their role ("Ana Ruiz (staff)"), else the name
    in the practice settings, else the operating-system login, else "unknown"."""
    from desktop_app.services.people import signed_in_label

    signed_in = signed_in_label()
    if signed_in:
        return signed_in[:200]
    try:
        name = load_settings().user_name.strip()
    except StorageError:
        name = ""  # a damaged settings file must not stop saving; the settings view reports it
    if name:
        return name[:200]
    try:
        return getpass.getuser()[:200] or "unknown"
    except (OSError, KeyError):
        return "unknown"


def _database(url: str | None) -> Database:
    from desktop_app.storage.database import open_database

    key = database_url(url)
    with _lock:
        if key not in _databases:
            _databases[key] = open_database(key)
        return _databases[key]


def _quick_log(url: str | None) -> QuickAuditLog | None:
    """The quick log for this database, unless it is already open fully (then that is used)."""
    key = database_url(url)
    with _lock:
        if key in _databases:
            return None
        if key not in _quick_logs:
            _quick_logs[key] = open_quick_log(key)
        return _quick_logs[key]


def require_database(url: str | None = None) -> None:
    """Open the database now, before any letter is written: DatabaseUnusable if it cannot be."""
    if _quick_log(url) is None:
        _database(url)


def people_listed(url: str | None = None) -> bool:
    """Whether the practice lists its people; on this computer's current SQLite file asked
    through sqlite3, so a solo office's render still loads no SQLAlchemy."""
    quick = _quick_log(url)
    if quick is not None:
        return quick.lists_people()
    from desktop_app.storage.people import any_people

    with _database(url).reading() as session:
        return any_people(session)


def cached_database(url: str | None = None) -> Database:
    """This process's open connection pool to a database (one per address)."""
    return _database(url)


def close(url: str | None = None) -> None:
    """Release cached connections (all, or one database's), e.g. before moving a file aside."""
    with _lock:
        keys = list(_databases) if url is None else [database_url(url)]
        for key in keys:
            database = _databases.pop(key, None)
            if database is not None:
                database.dispose()
        for key in list(_quick_logs) if url is None else keys:
            quick = _quick_logs.pop(key, None)
            if quick is not None:
                quick.close()


def record(
    action: str,
    case_id: str | None = None,
    detail: dict[str, Any] | None = None,
    *,
    url: str | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in its own transaction."""
    return record_many([(action, case_id, detail)], url=url)[0]


def record_many(
    entries: Sequence[tuple[str, str | None, Mapping[str, Any] | None]],
    *,
    url: str | None = None,
) -> list[AuditEntry]:
    """Append (action, case id, detail) entries in one transaction: all are kept, or none.

    A batch records the letters that finished together, so one commit serves several."""
    user = current_user()
    quick = _quick_log(url)
    if quick is not None:
        return quick.append_many(entries, user=user)
    from desktop_app.storage.audit import append_entry

    with _database(url).writing() as session:
        return [
            append_entry(session, action=action, user=user, case_id=case_id, detail=detail)
            for action, case_id, detail in entries
        ]


def entries(
    limit: int = 100, *, case_id: str | None = None, url: str | None = None
) -> list[AuditEntry]:
    """The newest `limit` entries, newest first (optionally only one case's)."""
    from desktop_app.storage.audit import latest_entries

    with _database(url).reading() as session:
        return latest_entries(session, limit, case_id)


def verify_chain(*, url: str | None = None) -> ChainReport:
    """Check every entry against its hash and its predecessor; name the first that fails."""
    from desktop_app.storage import audit_verify

    with _database(url).reading() as session:
        return audit_verify.verify(session)
