"""Which case database to open, and its schema's newest revision, without SQLAlchemy.

Kept apart from storage/database.py (which loads SQLAlchemy and Alembic) so that finding the
database and telling whether its schema is current cost no import: a one-letter render
writes its audit entry with Python's own sqlite3 when it can (storage/audit_sqlite.py).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from desktop_app.storage.paths import data_home

DB_URL_ENV = "PA_LETTER_DB_URL"
DB_FILE = "cases.sqlite3"
SQLITE_PREFIX = "sqlite:///"
MIGRATION_VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"

# The two assignments every migration file opens with (storage/migrations/script.py.mako).
_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


_practice_url: str | None = None


def use_practice_url(url: str | None) -> None:
    """The shared database this desk's settings name (services.desk_connection sets it at
    start), used when no URL is given and PA_LETTER_DB_URL is unset; None: the SQLite file."""
    global _practice_url
    _practice_url = url or None


def database_url(url: str | None = None) -> str:
    """The URL to open: the argument, else PA_LETTER_DB_URL, else the shared database in the
    settings, else the data folder's SQLite file."""
    chosen = url or os.environ.get(DB_URL_ENV, "").strip() or _practice_url
    if chosen:
        return chosen
    return f"{SQLITE_PREFIX}{data_home() / DB_FILE}"


def plain_sqlite_file(url: str) -> Path | None:
    """The file behind a plain `sqlite:///path` URL (no query, password or escapes); None for
    anything else, which only SQLAlchemy can read rightly."""
    if not url.startswith(SQLITE_PREFIX) or any(mark in url for mark in "?@%#"):
        return None
    name = url.removeprefix(SQLITE_PREFIX)
    if name in ("", ":memory:"):
        return None
    return Path(name)


@cache
def newest_revision() -> str | None:
    """The migrations' head revision, read from the files; None unless there is exactly one
    (then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in MIGRATION_VERSIONS.glob("v*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None or down is None:
            return None  # a file this reader does not understand: ask Alembic
        revisions.add(revision[1])
        if down[2]:
            parents.add(down[2])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
