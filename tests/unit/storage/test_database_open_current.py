"""Opening a database whose schema is already the newest reads its version and nothing more.

Alembic (and the SQL dialects it loads) is imported only when there is something to migrate:
a first run, a database from an earlier release. A current database opens without it, and a
behind or newer one is still upgraded or refused exactly as before.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.errors import StorageError
from desktop_app.storage.database import open_database
from desktop_app.storage.database_address import DB_FILE
from desktop_app.storage.database_schema import current_revision, head_revision
from tests.unit.storage.test_audit_sqlite import one_revision_back

# About this computer's SQLite file (a server's schema is checked through db status).
pytestmark = pytest.mark.sqlite_only

_OPEN_AND_LIST_MODULES = (
    "import sys\n"
    "from desktop_app.storage.database import open_database\n"
    "db = open_database()\n"
    "print(db.engine.dialect.name, any(m.split('.')[0] == 'alembic' for m in sys.modules))\n"
    "db.dispose()\n"
)


def _open_in_new_process(home: Path) -> str:
    env = dict(os.environ, PA_LETTER_HOME=str(home))
    env.pop("PA_LETTER_DB_URL", None)
    done = subprocess.run([sys.executable, "-c", _OPEN_AND_LIST_MODULES], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.strip()


def test_a_current_database_opens_without_alembic(pa_letter_home: Path) -> None:
    open_database().dispose()  # an earlier run made and migrated it
    assert _open_in_new_process(pa_letter_home) == "sqlite False"


def test_a_first_run_still_creates_the_newest_schema(pa_letter_home: Path) -> None:
    assert _open_in_new_process(pa_letter_home) == "sqlite True"
    database = open_database()
    try:
        assert current_revision(database) == head_revision()
    finally:
        database.dispose()


def test_a_schema_behind_is_still_upgraded(pa_letter_home: Path) -> None:
    open_database().dispose()
    one_revision_back(pa_letter_home / DB_FILE)
    assert _open_in_new_process(pa_letter_home) == "sqlite True"  # it had to migrate
    database = open_database()
    try:
        assert current_revision(database) == head_revision()
    finally:
        database.dispose()


def test_a_schema_from_a_newer_release_is_still_refused(pa_letter_home: Path) -> None:
    open_database().dispose()
    with sqlite3.connect(pa_letter_home / DB_FILE) as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    with pytest.raises(StorageError, match="newer version of PA Letter Studio"):
        open_database()
