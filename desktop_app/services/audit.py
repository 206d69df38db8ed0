"""The audit log as the app and CLI use it: record an action, list entries, verify the chain.

Detail holds ids, hashes, template ids and counts, never names or free text (PHI); a key that
looks like patient data is refused.
"""

from __future__ import annotations

import getpass
import threading
from typing import Any

from desktop_app.errors import StorageError
from desktop_app.storage import audit as audit_log
from desktop_app.storage import audit_verify
from desktop_app.storage.audit import AuditEntry, ChainReport
from desktop_app.storage.database import Database, database_url, open_database
from desktop_app.storage.settings import load_settings

__all__ = [
    "AuditEntry",
    "ChainReport",
    "close",
    "current_user",
    "entries",
    "record",
    "require_database",
    "verify_chain",
]

_databases: dict[str, Database] = {}
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
    key = database_url(url)
    with _lock:
        if key not in _databases:
            _databases[key] = open_database(key)
        return _databases[key]


def require_database(url: str | None = None) -> None:
    """Open the database now, before any letter is written: DatabaseUnusable if it cannot be."""
    _database(url)


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


def record(
    action: str,
    case_id: str | None = None,
    detail: dict[str, Any] | None = None,
    *,
    url: str | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in its own transaction."""
    with _database(url).writing() as session:
        return audit_log.append_entry(
            session, action=action, user=current_user(), case_id=case_id, detail=detail
        )


def entries(
    limit: int = 100, *, case_id: str | None = None, url: str | None = None
) -> list[AuditEntry]:
    """The newest `limit` entries, newest first (optionally only one case's)."""
    with _database(url).reading() as session:
        return audit_log.latest_entries(session, limit, case_id)


def verify_chain(*, url: str | None = None) -> ChainReport:
    """Check every entry against its hash and its predecessor; name the first that fails."""
    with _database(url).reading() as session:
        return audit_verify.verify(session)
