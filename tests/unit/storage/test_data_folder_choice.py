"""The folder PA_LETTER_HOME names: the app makes its own folder private, refuses the top of a
disk or a home folder, and leaves the permissions of a folder the user keeps other things in.

Pointing PA_LETTER_HOME at / once made the disk's top folder readable by one user (mode 0700)
and filled it with the app's files; a database file named in Documents made Documents 0700.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.errors import StorageError
from desktop_app.storage import paths
from desktop_app.storage.database_files import prepare_sqlite_file

pytestmark = pytest.mark.no_database  # folders only


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _readable_folder(path: Path) -> Path:
    """A folder as most are made: others may read it (0755)."""
    path.mkdir(mode=0o755)
    path.chmod(0o755)
    return path


@pytest.fixture(autouse=True)
def fresh_choice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setattr(paths, "_tighten", {})
    monkeypatch.setenv("HOME", str(tmp_path / "users" / "avery"))
    (tmp_path / "users" / "avery").mkdir(parents=True)
    old = os.umask(0o022)
    yield
    os.umask(old)


def _refuse_chmod(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record any chmod instead of doing it: a test of '/' must never change '/'."""
    tried: list[Path] = []
    monkeypatch.setattr(Path, "chmod", lambda self, mode: tried.append(self))
    return tried


@pytest.mark.parametrize("named", ["/", "~", "~/..", "~/."])
def test_the_top_of_a_disk_or_a_home_folder_is_refused_untouched(
    named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried = _refuse_chmod(monkeypatch)
    monkeypatch.setenv("PA_LETTER_HOME", named)
    with pytest.raises(StorageError) as refused:
        paths.data_home()
    assert "PA_LETTER_HOME names a folder that holds far more than this app's data" in str(
        refused.value)
    assert refused.value.hint and "a folder of its own" in refused.value.hint
    assert tried == []


def test_a_folder_holding_other_things_keeps_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = _readable_folder(tmp_path / "users" / "avery" / "Documents")
    (documents / "budget.ods").write_bytes(b"not the app's")
    monkeypatch.setenv("PA_LETTER_HOME", str(documents))
    assert paths.data_home() == documents
    assert _mode(documents) == 0o755
    assert _mode(paths.ensure_private_dir(paths.data_home() / "backups")) == 0o700


@pytest.mark.parametrize("app_entry", ["cases.sqlite3", "pending-writes"])
def test_the_apps_own_folder_left_readable_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_entry: str
) -> None:
    folder = _readable_folder(tmp_path / "pa-data")
    (folder / app_entry).touch()
    monkeypatch.setenv("PA_LETTER_HOME", str(folder))
    paths.data_home()
    assert _mode(folder) == 0o700


def test_a_new_or_empty_data_folder_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = _readable_folder(tmp_path / "empty")
    monkeypatch.setenv("PA_LETTER_HOME", str(empty))
    paths.data_home()
    assert _mode(empty) == 0o700
    monkeypatch.setenv("PA_LETTER_HOME", str(tmp_path / "new" / "data"))
    assert _mode(paths.data_home()) == 0o700
    assert _mode(tmp_path / "new") == 0o700


def test_a_database_file_named_in_a_folder_of_the_users_leaves_the_folder_as_it_was(
    tmp_path: Path,
) -> None:
    documents = _readable_folder(tmp_path / "Documents")
    prepare_sqlite_file(documents / "cases.sqlite3")
    assert _mode(documents) == 0o755
    assert _mode(documents / "cases.sqlite3") == 0o600
    prepare_sqlite_file(tmp_path / "made" / "cases.sqlite3")  # a folder made for it: private
    assert _mode(tmp_path / "made") == 0o700


def test_the_entries_that_mark_the_apps_own_folder_are_the_ones_it_writes() -> None:
    """paths.py cannot import the modules that name them (they import it), so it lists them;
    this keeps the list in step with those names."""
    from desktop_app.storage.audit_key import KEY_FILE
    from desktop_app.storage.database_address import DB_FILE
    from desktop_app.storage.part_files import PENDING_DIR
    from desktop_app.storage.settings_plain import SETTINGS_FILE

    assert paths._APP_ENTRIES == (DB_FILE, SETTINGS_FILE, KEY_FILE, PENDING_DIR)
