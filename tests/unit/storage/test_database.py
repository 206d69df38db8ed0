"""Opening the case database: location, SQLite settings, private files, damage, schema drift."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from desktop_app.errors import StorageError
from desktop_app.storage import database_connections
from desktop_app.storage.database import open_database
from desktop_app.storage.database_files import DamagedDatabase, quarantine_database_file
from desktop_app.storage.database_schema import current_revision, head_revision
from desktop_app.storage.models import Base


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.sqlite_only
def test_default_database_lives_in_the_data_folder(pa_letter_home: Path) -> None:
    db = open_database()
    try:
        assert db.path == pa_letter_home / "cases.sqlite3"
        assert db.path.exists()
        assert current_revision(db) == head_revision()
    finally:
        db.dispose()


def test_environment_url_overrides_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path
) -> None:
    target = tmp_path / "shared" / "office.sqlite3"
    monkeypatch.setenv("PA_LETTER_DB_URL", f"sqlite:///{target}")
    db = open_database()
    db.dispose()
    assert target.exists()
    assert not (pa_letter_home / "cases.sqlite3").exists()


@pytest.mark.sqlite_only
def test_sqlite_is_set_up_for_safe_concurrent_use() -> None:
    db = open_database()
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    finally:
        db.dispose()


@pytest.mark.sqlite_only
def test_database_and_its_wal_files_are_readable_by_the_user_alone() -> None:
    old = os.umask(0o022)  # a permissive umask must not leak into the files' modes
    try:
        db = open_database()
        with db.writing() as session:
            session.execute(text("UPDATE cases SET status = status"))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            assert db.path is not None
            files = [db.path, Path(f"{db.path}-wal"), Path(f"{db.path}-shm")]
            assert all(f.exists() for f in files)
            assert [_mode(f) for f in files] == [0o600, 0o600, 0o600]
        assert _mode(db.path.parent) == 0o700
        db.dispose()
    finally:
        os.umask(old)


def _filled_database_file(tmp_path: Path) -> Path:
    path = tmp_path / "cases.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.writing() as session:
        for n in range(400):
            session.execute(
                text(
                    "INSERT INTO audit_log (id, at, user, action, detail, prev_hash, entry_hash) "
                    "VALUES (:i, '2026-01-01 00:00:00', 'staff', 'test', :d, 'p', :h)"
                ),
                {"i": n + 1, "d": "x" * 200, "h": f"{n:064d}"},
            )
    db.dispose()  # the last connection checkpoints the WAL into the main file
    return path


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_kept_pages_scrambled(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 6] = os.urandom(4096 * 4)
    path.write_bytes(bytes(data))


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _removed(path: Path) -> None:
    path.unlink()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "damage", [_random_bytes, _truncated, _header_kept_pages_scrambled, _emptied, _removed]
)
def test_damaged_or_lost_file_is_reported_in_words_and_never_replaced(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    path = _filled_database_file(tmp_path)
    damage(path)
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(DamagedDatabase) as caught:
        open_database(f"sqlite:///{path}")
    assert isinstance(caught.value, StorageError)
    assert "damaged" in str(caught.value) or "missing" in str(caught.value) or (
        "empty" in str(caught.value))
    assert "Traceback" not in str(caught.value)
    # Refused again, and the file is exactly as it was: no new empty database took its place.
    with pytest.raises(DamagedDatabase):
        open_database(f"sqlite:///{path}")
    assert (path.read_bytes() if path.exists() else None) == before
    if path.exists():
        moved = quarantine_database_file(path)
        assert moved.exists() and not path.exists()
        assert ".damaged-" in moved.name
        # Moving it aside does not make the next open a first run either.
        with pytest.raises(DamagedDatabase, match="missing"):
            open_database(f"sqlite:///{path}")


@pytest.mark.sqlite_only
def test_a_first_run_creates_the_database_and_its_marker(tmp_path: Path) -> None:
    path = tmp_path / "cases.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    assert path.exists() and Path(f"{path}.marker").exists()
    assert _mode(Path(f"{path}.marker")) == 0o600


@pytest.mark.sqlite_only
def test_quarantine_never_overwrites_an_earlier_damaged_copy(tmp_path: Path) -> None:
    path = tmp_path / "cases.sqlite3"
    path.write_bytes(b"first")
    first = quarantine_database_file(path)
    path.write_bytes(b"second")
    second = quarantine_database_file(path)
    assert first != second
    assert first.read_bytes() == b"first" and second.read_bytes() == b"second"


@pytest.mark.sqlite_only
def test_database_from_a_newer_app_version_is_refused_clearly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    db = open_database(url)
    with db.writing() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    with pytest.raises(StorageError, match="newer version"):
        open_database(url)


@pytest.mark.parametrize("url", ["not a url", "nosuchdriver://host/db"])
def test_unusable_database_url_is_a_storage_error(url: str) -> None:
    with pytest.raises(StorageError, match="database"):
        open_database(url)


def test_models_match_the_newest_migration() -> None:
    db = open_database()
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        db.dispose()


@pytest.mark.sqlite_only
def test_busy_database_is_reported_not_crashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    holder = open_database(url)
    monkeypatch.setattr(database_connections, "BUSY_TIMEOUT_MS", 100)
    waiter = open_database(url)
    try:
        with holder.writing() as session:
            session.execute(text("UPDATE cases SET status = status"))
            with pytest.raises(StorageError, match="busy"), waiter.writing() as other:
                other.execute(text("UPDATE cases SET status = status"))
    finally:
        holder.dispose()
        waiter.dispose()


@pytest.mark.sqlite_only
def test_a_writer_holds_the_write_lock_from_its_first_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read-then-write in a deferred transaction would fail at once on a race; writers
    # therefore start with BEGIN IMMEDIATE, and readers are never blocked by them (WAL).
    url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    monkeypatch.setattr(database_connections, "BUSY_TIMEOUT_MS", 100)
    first, second = open_database(url), open_database(url)
    try:
        with first.writing() as session:
            session.execute(text("SELECT count(*) FROM cases"))
            with second.reading() as reader:
                assert reader.execute(text("SELECT count(*) FROM cases")).scalar() == 0
            with pytest.raises(StorageError, match="busy"), second.writing() as other:
                other.execute(text("SELECT count(*) FROM cases"))
    finally:
        first.dispose()
        second.dispose()
