"""Every file storage creates is 0600 and every folder 0700, whatever the process umask.

Each test runs under umask 022, the usual default, under which a plain `open()` makes files
0644: readable by every account on the computer.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.errors import StorageError
from desktop_app.storage import cache_pruning
from desktop_app.storage.audit_head import ChainHead, HeadFile
from desktop_app.storage.backups import copy_database
from desktop_app.storage.part_files import new_part
from desktop_app.storage.paths import (
    atomic_writer,
    ensure_private_dir,
    open_private,
    write_private,
)
from desktop_app.storage.payer_directory import PayerDirectoryFile
from desktop_app.storage.regimen_library import RegimenFile

pytestmark = pytest.mark.no_database  # files only; the database's own: test_database.py

KEY = b"k" * 32


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_the_audit_head_and_its_lock_file_are_private(tmp_path: Path) -> None:
    head = HeadFile("sqlite:////somewhere/cases.sqlite3", folder=tmp_path / "audit-heads")
    head.advance(KEY, ChainHead(3, "a" * 64))
    lock = head.path.with_suffix(".lock")
    assert lock.is_file()
    assert (_mode(head.folder), _mode(head.path), _mode(lock)) == (0o700, 0o600, 0o600)
    assert head.read(KEY) == ChainHead(3, "a" * 64)


def test_a_lock_file_an_older_release_left_readable_is_narrowed(tmp_path: Path) -> None:
    head = HeadFile("sqlite:////somewhere/cases.sqlite3", folder=tmp_path)
    lock = head.path.with_suffix(".lock")
    lock.write_bytes(b"")
    lock.chmod(0o644)
    head.reset(KEY, ChainHead(1, "b" * 64))
    assert _mode(lock) == 0o600


def test_a_link_in_place_of_the_lock_file_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "someone-elses-file"
    elsewhere.write_bytes(b"not ours")
    elsewhere.chmod(0o644)
    head = HeadFile("sqlite:////somewhere/cases.sqlite3", folder=tmp_path / "heads")
    head.folder.mkdir(mode=0o700)
    head.path.with_suffix(".lock").symlink_to(elsewhere)
    with pytest.raises(StorageError, match="cannot lock the audit log's head record"):
        head.reset(KEY, ChainHead(1, "c" * 64))
    assert _mode(elsewhere) == 0o644  # the link was not followed
    assert not head.path.exists()


def test_every_folder_made_for_a_private_folder_is_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    # As a denial letter's folder, attachments/<case id>/, in a new data folder.
    made = ensure_private_dir(tmp_path / "home" / "attachments" / "case-1")
    chain = [tmp_path / "home", tmp_path / "home" / "attachments", made]
    assert [_mode(folder) for folder in chain] == [0o700, 0o700, 0o700]
    assert _mode(tmp_path) == 0o755  # a folder that was there is not the app's to change
    (tmp_path / "a-file").write_bytes(b"")
    with pytest.raises(StorageError):
        ensure_private_dir(tmp_path / "a-file")


def test_open_private_creates_the_file_private(tmp_path: Path) -> None:
    fd = open_private(tmp_path / "marker", os.O_WRONLY)
    os.close(fd)
    assert _mode(tmp_path / "marker") == 0o600


def test_whole_file_writes_and_part_files_are_private(tmp_path: Path) -> None:
    write_private(tmp_path / "settings.json", b"{}")
    with atomic_writer(tmp_path / "letter.pdf") as stream:
        stream.write(b"%PDF-")
        parts = list(tmp_path.glob(".part-*"))
        assert [_mode(p) for p in parts] == [0o600]
    part = new_part(tmp_path / "other.pdf")
    assert _mode(part) == 0o600
    assert _mode(tmp_path / "settings.json") == 0o600
    assert _mode(tmp_path / "letter.pdf") == 0o600


def test_a_backup_copy_is_private(tmp_path: Path) -> None:
    source = sqlite3.connect(":memory:")
    source.execute("CREATE TABLE cases (id TEXT)")
    target = copy_database(source, tmp_path / "backups" / "cases-daily.sqlite3")
    source.close()
    assert (_mode(target.parent), _mode(target)) == (0o700, 0o600)
    # The copy is left in rollback-journal mode, its journal gone with the transaction.
    assert not list(target.parent.glob("*-journal")) and not list(target.parent.glob("*-wal"))


def test_practice_lists_saved_into_a_new_folder_are_private(tmp_path: Path) -> None:
    regimens = RegimenFile(tmp_path / "shared" / "regimens.json")
    regimens.save([])
    payers = PayerDirectoryFile(tmp_path / "directory" / "payers.json")
    payers.save([])
    assert (_mode(regimens.path.parent), _mode(regimens.path)) == (0o700, 0o600)
    assert (_mode(payers.path.parent), _mode(payers.path)) == (0o700, 0o600)


def test_the_cache_folders_checked_marker_is_private(tmp_path: Path) -> None:
    cache_pruning.note_checked(tmp_path)
    assert _mode(tmp_path / cache_pruning.CHECKED_MARKER) == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("through_a_link", [False, True], ids=["the-pipe", "a-link-to-it"])
def test_a_device_or_pipe_is_never_renamed_over(tmp_path: Path, through_a_link: bool) -> None:
    # As root, `-o /dev/full` once replaced the device itself with the export (and the same
    # with /dev/stdout, a link to the terminal). A pipe stands in for the device here.
    pipe = tmp_path / "pipe.ics"
    os.mkfifo(pipe)
    target = pipe
    if through_a_link:
        target = tmp_path / "link.ics"
        target.symlink_to(pipe)
    with pytest.raises(StorageError, match="a device or a pipe, not a file") as caught:
        write_private(target, b"BEGIN:VCALENDAR")
    assert caught.value.file == str(target)
    assert stat.S_ISFIFO(os.stat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"pipe.ics", target.name})
