"""The quick audit writer: the same entries, refusals and chain as the full database, via sqlite3.

A render from the command line records its letter through sqlite3 alone when the database
file exists and its schema is current; every other case goes the full way. Either way the log
must read back, verify, and refuse what the full opener refuses.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.services import audit
from desktop_app.storage import audit_sqlite
from desktop_app.storage.audit_head import database_identity
from desktop_app.storage.audit_sqlite import open_quick_log
from desktop_app.storage.database import open_database
from desktop_app.storage.database_address import DB_FILE, database_url, newest_revision
from desktop_app.storage.database_schema import alembic_config, head_revision

# The quick writer is about this computer's SQLite file; a server goes the full way.
pytestmark = pytest.mark.sqlite_only

DETAIL = {"format": "pdf", "template_id": "offlabel-preauth", "sha256": "ab" * 32}


@pytest.fixture(autouse=True)
def _release_connections() -> Iterator[None]:
    yield
    audit.close()


@pytest.fixture
def existing_database(pa_letter_home: Path) -> Path:
    """A case database made (and migrated) by an earlier run, then closed."""
    open_database().dispose()
    return pa_letter_home / DB_FILE


def one_revision_back(path: Path) -> None:
    """The database as the release before this one left it (Alembic's own downgrade)."""
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "-1")
    engine.dispose()


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, action, detail FROM audit_log ORDER BY id").fetchall()


def test_the_newest_revision_is_read_from_the_migration_files_as_alembic_reads_it() -> None:
    assert newest_revision() == head_revision()


def test_a_current_database_is_appended_to_without_the_full_opener(
    existing_database: Path,
) -> None:
    quick = open_quick_log(database_url())
    assert quick is not None
    quick.append(action="letter.rendered", user="Front desk", detail=DETAIL)
    quick.close()
    entries = audit.entries(5)  # read back the full way, through SQLAlchemy
    assert [(e.id, e.action, e.user, e.detail) for e in entries] == [
        (1, "letter.rendered", "Front desk", DETAIL)
    ]
    assert audit.verify_chain().ok


def test_entries_from_both_writers_make_one_chain_that_verifies(existing_database: Path) -> None:
    audit.record("letter.rendered", detail=DETAIL)  # quick: the file exists and is current
    audit.close()
    database = open_database()
    with database.writing() as session:
        from desktop_app.storage.audit import append_entry

        append_entry(session, action="case.saved", user="someone", case_id="case-1")
    database.dispose()
    audit.record("letter.rendered", detail={**DETAIL, "batch": True})
    audit.close()
    report = audit.verify_chain()
    assert report.ok and report.checked == 3
    assert [row[1] for row in _rows(existing_database)] == [
        "letter.rendered", "case.saved", "letter.rendered"
    ]


def test_a_deleted_quick_entry_is_found_by_the_check(existing_database: Path) -> None:
    for number in range(3):
        audit.record("letter.rendered", detail={**DETAIL, "n": number})
    audit.close()
    with sqlite3.connect(existing_database) as db:
        db.execute("DELETE FROM audit_log WHERE id = 3")
    report = audit.verify_chain()
    assert not report.ok and "missing" in report.message


def test_several_entries_are_kept_together_or_not_at_all(existing_database: Path) -> None:
    with pytest.raises(ValueError, match="patient data"):
        audit.record_many(
            [("letter.rendered", None, DETAIL), ("letter.rendered", None, {"patient": "x"})]
        )
    assert _rows(existing_database) == []
    made = audit.record_many([("letter.rendered", None, DETAIL)] * 3)
    assert [e.id for e in made] == [1, 2, 3]
    assert audit.verify_chain().ok


def test_a_first_run_has_no_file_yet_so_the_full_opener_makes_it(pa_letter_home: Path) -> None:
    assert open_quick_log(database_url()) is None
    audit.record("letter.rendered", detail=DETAIL)
    assert (pa_letter_home / DB_FILE).stat().st_size > 0
    assert audit.verify_chain().ok


def test_a_schema_behind_is_upgraded_the_full_way_after_a_backup(
    existing_database: Path, pa_letter_home: Path
) -> None:
    one_revision_back(existing_database)
    assert open_quick_log(database_url()) is None
    audit.record("letter.rendered", detail=DETAIL)
    assert list((pa_letter_home / "backups").glob("*before-*"))
    with sqlite3.connect(existing_database) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
    assert audit.verify_chain().ok


def test_a_schema_from_a_newer_release_is_refused_in_words(existing_database: Path) -> None:
    with sqlite3.connect(existing_database) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="newer version"):
        audit.require_database()


def test_a_damaged_file_is_refused_not_replaced(existing_database: Path) -> None:
    existing_database.write_bytes(b"not a database at all " * 200)
    with pytest.raises(DatabaseUnusable, match="damaged"):
        audit.require_database()
    assert existing_database.read_bytes().startswith(b"not a database")


def test_an_emptied_file_is_refused_as_data_lost(existing_database: Path) -> None:
    existing_database.write_bytes(b"")
    with pytest.raises(DatabaseUnusable, match="empty"):
        audit.require_database()


def test_a_deleted_file_is_refused_as_missing(existing_database: Path) -> None:
    for side in existing_database.parent.glob(f"{DB_FILE}*"):
        if not side.name.endswith(".marker"):
            side.unlink()
    with pytest.raises(DatabaseUnusable, match="missing"):
        audit.require_database()
    assert not existing_database.exists()


def test_another_window_writing_makes_the_entry_wait_then_say_busy(
    existing_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_sqlite, "BUSY_TIMEOUT_MS", 200)
    quick = open_quick_log(database_url())
    assert quick is not None
    other = sqlite3.connect(existing_database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="busy in another window"):
            quick.append(action="letter.rendered", user="u", detail=DETAIL)
    finally:
        other.execute("ROLLBACK")
        other.close()
    quick.append(action="letter.rendered", user="u", detail=DETAIL)
    quick.close()
    assert [row[0] for row in _rows(existing_database)] == [1]


def test_appends_from_threads_never_fork_the_chain(existing_database: Path) -> None:
    quick = open_quick_log(database_url())
    assert quick is not None

    def append_ten() -> None:
        for _ in range(10):
            quick.append(action="letter.rendered", user="u", detail=DETAIL)

    threads = [threading.Thread(target=append_ten) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    quick.close()
    assert [row[0] for row in _rows(existing_database)] == list(range(1, 41))
    assert audit.verify_chain().ok


def test_the_database_file_stays_private(existing_database: Path) -> None:
    existing_database.chmod(0o644)
    audit.record("letter.rendered", detail=DETAIL)
    assert existing_database.stat().st_mode & 0o777 == 0o600


_PATH_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00?@%#"),
    min_size=1, max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(folder=_PATH_TEXT, name=_PATH_TEXT)
def test_a_sqlite_file_is_named_for_its_head_as_sqlalchemy_would_name_it(
    folder: str, name: str
) -> None:
    from sqlalchemy.engine import make_url

    url = f"sqlite:////tmp/{folder}/{name}"
    import hashlib

    expected = hashlib.sha256(
        make_url(url).render_as_string(hide_password=True).encode("utf-8")
    ).hexdigest()[:24]
    assert database_identity(url) == expected
