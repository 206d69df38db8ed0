"""SQLite's quick check runs once a day, and again whenever the file is not exactly as this
app left it after a clean close: a crash, a write by another program or a new day."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from desktop_app.storage import integrity_stamp, quick_list
from desktop_app.storage.database import open_database
from desktop_app.storage.database_address import newest_revision
from desktop_app.storage.database_files import DamagedDatabase

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every quick check run, by the store's engine or the first screen's own read."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "quick_check" in statement:
            seen.append("store")

    event.listen(Engine, "before_cursor_execute", count)
    opened = quick_list._connection

    @contextlib.contextmanager
    def traced(path: Path) -> Iterator[sqlite3.Connection]:
        with opened(path) as conn:
            conn.set_trace_callback(
                lambda sql: seen.append("first screen") if "quick_check" in sql else None)
            yield conn

    monkeypatch.setattr(quick_list, "_connection", traced)
    yield seen
    event.remove(Engine, "before_cursor_execute", count)


def _used_file(tmp_path: Path) -> Path:
    path = tmp_path / "cases.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.writing() as session:
        session.execute(text(
            "INSERT INTO practice_documents VALUES ('note', 'x', 1, '2026-01-01', 'staff')"))
    db.dispose()  # the last connection: SQLite folds the log into the file
    return path


def test_an_unchanged_file_is_checked_once_a_day(tmp_path: Path, checks: list[str]) -> None:
    path = _used_file(tmp_path)
    checks.clear()
    for _ in range(2):
        open_database(f"sqlite:///{path}").dispose()
        assert quick_list.read_first_screen(path, newest_revision() or "") is not None
    assert checks == []
    assert integrity_stamp.check_is_due(path, dt.datetime.now(dt.UTC) + dt.timedelta(hours=25))
    integrity_stamp.stamp_file(path).unlink()  # no stamp (an older app's folder): checked
    assert quick_list.read_first_screen(path, newest_revision() or "") is not None
    open_database(f"sqlite:///{path}").dispose()
    assert checks == ["first screen"]  # and the check it ran counts for the store's open


def test_a_file_changed_behind_the_app_s_back_is_checked_and_refused(
    tmp_path: Path, checks: list[str]
) -> None:
    path = _used_file(tmp_path)
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 6] = os.urandom(4096 * 4)  # same size, same file
    path.write_bytes(bytes(data))
    assert quick_list.read_first_screen(path, newest_revision() or "") is None
    with pytest.raises(DamagedDatabase):
        open_database(f"sqlite:///{path}")
    assert "store" in checks


def test_writes_not_yet_in_the_file_mean_a_check(tmp_path: Path, checks: list[str]) -> None:
    path = _used_file(tmp_path)
    assert not integrity_stamp.check_is_due(path)
    writer = sqlite3.connect(path)  # another program, or an app that was killed mid-work
    writer.execute("INSERT INTO practice_documents VALUES ('b', 'y', 1, '2026-01-02', 'desk')")
    writer.commit()
    try:
        assert Path(f"{path}-wal").stat().st_size > 0
        assert integrity_stamp.check_is_due(path)
        open_database(f"sqlite:///{path}").dispose()
        assert checks[-1:] == ["store"]
    finally:
        writer.close()
    checks.clear()
    assert integrity_stamp.check_is_due(path)  # the other program's last write is not stamped
    open_database(f"sqlite:///{path}").dispose()
    assert checks == ["store"]


def test_a_command_s_audit_entry_is_checked_and_stamped_like_the_app_s_open(
    tmp_path: Path, checks: list[str]
) -> None:
    from desktop_app.storage.audit_sqlite import open_quick_log

    path = _used_file(tmp_path)
    url = f"sqlite:///{path}"
    integrity_stamp.stamp_file(path).unlink()  # no stamp yet: the command checks
    checks.clear()
    log = open_quick_log(url)
    assert log is not None
    log.append(action="letter.exported", user="staff", detail={"format": "pdf"})
    log.close()  # its write is folded into the file and stamped
    assert not integrity_stamp.check_is_due(path)
    open_database(url).dispose()
    assert checks == []  # the command's check (through sqlite3, not counted here) counts
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 6] = os.urandom(4096 * 4)
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase):
        open_quick_log(url)
