"""Where the audit key lives, how backups are kept, and half-written files after a kill."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import audit
from desktop_app.services.cases import open_case_store
from desktop_app.storage import audit_key, backups, part_files
from tests.unit.storage.sample import sample_case


class FakeKeyring:
    """A system keyring as keyring's backends behave: passwords by service and user."""

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.secrets.get((service, user))

    def set_password(self, service: str, user: str, value: str) -> None:
        self.secrets[(service, user)] = value


def test_the_key_goes_to_the_system_keyring_where_there_is_one(
    monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path
) -> None:
    ring = FakeKeyring()
    monkeypatch.setattr(audit_key, "usable_keyring", lambda: ring)
    with open_case_store() as store:
        store.create_case(sample_case())
        assert audit.verify_chain().ok
    audit.close()
    assert list(ring.secrets) == [(audit_key.KEYRING_SERVICE, audit_key.KEYRING_USER)]
    assert not (pa_letter_home / "audit.key").exists()


def test_a_key_in_the_keyring_is_found_again_by_the_next_run(
    monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path
) -> None:
    ring = FakeKeyring()
    monkeypatch.setattr(audit_key, "usable_keyring", lambda: ring)
    made = audit_key.create_key()
    assert not (pa_letter_home / "audit.key").exists()
    assert audit_key.load_key() == made


def test_a_key_file_is_read_without_asking_for_the_keyring(
    monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path
) -> None:
    made = audit_key.create_key()  # no keyring here: the private file holds it
    assert (pa_letter_home / "audit.key").exists()

    def no_keyring() -> object:
        raise AssertionError("the keyring was probed although the key file was there")

    monkeypatch.setattr(audit_key, "usable_keyring", no_keyring)
    assert audit_key.load_key() == made


def test_headless_linux_has_no_keyring_and_keeps_the_key_in_a_private_file() -> None:
    # No backend here; keyring's "fail" backend must not be taken for one.
    assert audit_key.usable_keyring() is None


@pytest.mark.parametrize("module", ["keyrings.alt.file", "keyring.backends.fail",
                                    "keyring.backends.null"])
def test_plain_text_and_placeholder_keyrings_are_never_used(
    monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    import keyring

    backend_class: Any = type("Backend", (), {"__module__": module})
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend_class())
    assert audit_key.usable_keyring() is None


def _backup_named(db: Path, when: dt.datetime, kind: str = "daily") -> Path:
    path = backups.backups_folder() / backups.backup_name(db, kind, when)
    path.write_bytes(b"copy")
    return path


@pytest.mark.sqlite_only  # a server's backups are the server's own
def test_backups_keep_seven_daily_and_four_weekly(pa_letter_home: Path) -> None:
    db = pa_letter_home / "cases.sqlite3"
    start = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC)
    made = [_backup_named(db, start + dt.timedelta(days=n)) for n in range(60)]
    upgrade = _backup_named(db, start, "before-0004")
    replaced = _backup_named(db, start, "replaced")
    backups.prune(db)
    kept = {b.path for b in backups.list_backups(db)}
    newest_days = set(made[-7:])
    assert newest_days <= kept
    weekly = kept - newest_days - {upgrade, replaced}
    assert len(weekly) <= 4 and len(kept & set(made)) <= 11
    assert {upgrade, replaced} <= kept  # kept apart from the daily rotation


@pytest.mark.sqlite_only  # a server's backups are the server's own
def test_a_backup_is_made_once_a_day_and_is_private(pa_letter_home: Path) -> None:
    from desktop_app.services.backups import daily_backup_if_due

    with open_case_store() as store:
        store.create_case(sample_case())
        first = daily_backup_if_due(store.database)
        again = daily_backup_if_due(store.database)
    audit.close()
    assert first is not None and again is None
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    assert backups.integrity_problem(first) is None


KEEPER = """
import sys, time
from pathlib import Path
from desktop_app.storage.part_files import new_part
print(new_part(Path(sys.argv[1])), flush=True)
time.sleep(float(sys.argv[2]))
"""


def _part_from_process(target: Path, home: Path, linger: float) -> tuple[Path, Any]:
    env = dict(os.environ, PA_LETTER_HOME=str(home))
    proc = subprocess.Popen([sys.executable, "-c", KEEPER, str(target), str(linger)],
                            env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return Path(proc.stdout.readline().strip()), proc


def test_leftover_parts_of_dead_processes_go_and_live_ones_stay(
    tmp_path: Path, pa_letter_home: Path
) -> None:
    dead, proc = _part_from_process(tmp_path / "a.pdf", pa_letter_home, 0)
    proc.wait(timeout=60)
    alive, running = _part_from_process(tmp_path / "b.pdf", pa_letter_home, 60)
    try:
        assert dead.exists() and alive.exists()
        assert oct(alive.stat().st_mode & 0o777) == "0o600"
        assert part_files.remove_leftovers() == 1
        assert not dead.exists() and alive.exists()  # another program is still writing it
    finally:
        running.kill()
        running.wait(timeout=30)
    assert part_files.remove_leftovers() == 1
    assert list(tmp_path.iterdir()) == []
    assert list((pa_letter_home / "pending-writes").iterdir()) == []


def test_a_run_killed_before_its_part_file_existed_leaves_nothing_and_others_parts_stay(
    tmp_path: Path, pa_letter_home: Path
) -> None:
    # The note is written before the file: a kill in between leaves a note and no file.
    dead, proc = _part_from_process(tmp_path / "a.pdf", pa_letter_home, 0)
    proc.wait(timeout=60)
    dead.unlink()
    # Another program's half-written file in the same folder is not this run's to remove.
    stranger = tmp_path / ".part-0123456789abcdef-x"
    stranger.write_text("someone else's letter")
    assert part_files.remove_leftovers() == 0
    assert stranger.exists()
    assert list((pa_letter_home / "pending-writes").iterdir()) == []


def test_a_forged_note_never_removes_files_outside_its_own_parts(
    tmp_path: Path, pa_letter_home: Path
) -> None:
    keep = tmp_path / "letter.pdf"
    keep.write_text("a finished letter")
    pending = pa_letter_home / "pending-writes"
    pending.mkdir(mode=0o700, exist_ok=True)
    for prefix in ("", "letter", "../", ".part-/../letter"):
        note = {"folder": str(tmp_path), "prefix": prefix, "pid": 2**22 + 1, "started": None}
        (pending / f"forged{len(prefix)}.json").write_text(json.dumps(note))
    (pending / "garbled.json").write_text("{not json")
    assert part_files.remove_leftovers() == 0
    assert keep.read_text() == "a finished letter"
    assert list(pending.iterdir()) == []
