"""`pa-letter audit verify`, `backup list`, `backup restore`, and a damaged or busy database,
run as processes the way staff and scripts run them."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.services import audit
from desktop_app.services.backups import daily_backup_if_due
from desktop_app.services.cases import open_case_store
from tests.e2e.conftest import Result, _command
from tests.unit.storage.sample import sample_case

Run = Callable[..., Result]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "commercial-preauth.json"


def _cases_and_a_backup(home: Path) -> Path:
    with open_case_store() as store:
        case_id = store.create_case(sample_case()).id
        store.set_status(case_id, "ready_for_signature")
        store.set_status(case_id, "signed")
        made = daily_backup_if_due(store.database)
    audit.close()
    assert made is not None
    return made


def test_audit_verify_says_ok_then_names_a_missing_tail(pa_letter: Run,
                                                        pa_letter_home: Path) -> None:
    _cases_and_a_backup(pa_letter_home)
    ok = pa_letter("audit", "verify")
    assert ok.code == 0, ok.err
    assert "intact" in ok.out
    conn = sqlite3.connect(pa_letter_home / "cases.sqlite3")
    last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE id = ?", (last,))
    conn.commit()
    conn.close()
    broken = pa_letter("audit", "verify")
    assert broken.code == 1
    assert f"newest 1 audit entry is missing: the log ends at entry {last - 1}" in broken.out


def test_a_database_emptied_to_zero_bytes_stops_render_and_names_the_backup(
    pa_letter: Run, pa_letter_home: Path, tmp_path: Path
) -> None:
    backup = _cases_and_a_backup(pa_letter_home)
    (pa_letter_home / "cases.sqlite3").write_bytes(b"")
    out = tmp_path / "letter.pdf"
    for args in (("render", EXAMPLE, "-o", out), ("batch", EXAMPLE, "-o", tmp_path / "many"),
                 ("audit", "verify")):
        result = pa_letter(*args)
        assert result.code == 2, (args, result.err)
        assert "empty (0 bytes)" in result.err
        assert f"pa-letter backup restore '{backup}'" in result.err
        assert "Traceback" not in result.err
    assert not out.exists() and not (tmp_path / "many").exists()
    assert (pa_letter_home / "cases.sqlite3").read_bytes() == b""  # never replaced


def _flip_byte_of(path: Path, needle: bytes) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(needle)
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_one_flipped_byte_in_a_case_is_found_by_case_id(pa_letter: Run,
                                                        pa_letter_home: Path) -> None:
    _cases_and_a_backup(pa_letter_home)
    _flip_byte_of(pa_letter_home / "cases.sqlite3", b"pembrolizumab")
    result = pa_letter("audit", "verify")
    assert result.code == 1
    assert "was changed outside the app" in result.out or "changed after it was locked" in (
        result.out)
    assert "pembrolizumab" not in result.out and "Zo" not in result.out


def test_a_flipped_page_header_makes_the_database_unusable(pa_letter: Run,
                                                           pa_letter_home: Path) -> None:
    _cases_and_a_backup(pa_letter_home)
    path = pa_letter_home / "cases.sqlite3"
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(1, len(data) // page):  # every b-tree page's type byte, after page 1
        data[n * page] ^= 0xFF
    path.write_bytes(bytes(data))
    result = pa_letter("audit", "verify")
    assert result.code == 2
    assert "damaged" in result.err


def test_backup_list_and_restore_bring_back_the_cases(pa_letter: Run, pa_letter_home: Path,
                                                      tmp_path: Path) -> None:
    backup = _cases_and_a_backup(pa_letter_home)
    listed = pa_letter("backup", "list")
    assert listed.code == 0 and str(backup) in listed.out and "daily" in listed.out
    (pa_letter_home / "cases.sqlite3").write_bytes(b"\x00" * 100)
    restored = pa_letter("backup", "restore", backup)
    assert restored.code == 0, restored.err
    assert "Restored" in restored.out and "replaced database is kept" in restored.out
    assert pa_letter("audit", "verify").code == 0
    with open_case_store() as store:
        assert [s.status for s in store.list_cases()] == ["signed"]
    audit.close()
    kinds = pa_letter("backup", "list").out
    assert "replaced" in kinds
    rendered = pa_letter("render", EXAMPLE, "-o", tmp_path / "after.pdf")
    assert rendered.code == 0, rendered.err


def test_restore_refuses_a_damaged_backup_and_changes_nothing(pa_letter: Run,
                                                              pa_letter_home: Path) -> None:
    backup = _cases_and_a_backup(pa_letter_home)
    data = bytearray(backup.read_bytes())
    data[4096 * 2: 4096 * 3] = b"\xff" * 4096
    backup.write_bytes(bytes(data))
    before = (pa_letter_home / "cases.sqlite3").stat().st_mtime_ns
    result = pa_letter("backup", "restore", backup)
    assert result.code == 1
    assert "not restored" in result.err
    assert (pa_letter_home / "cases.sqlite3").stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("copy", "words"),
    [
        ("missing", "is not a backup file"),
        ("text", "is damaged (file is not a database)"),
    ],
)
def test_restore_of_what_is_not_a_backup_exits_1_and_changes_nothing(
    pa_letter: Run, pa_letter_home: Path, tmp_path: Path, copy: str, words: str,
) -> None:
    _cases_and_a_backup(pa_letter_home)
    database = pa_letter_home / "cases.sqlite3"
    before = database.read_bytes()
    given = tmp_path / "copy.sqlite3"
    if copy == "text":
        given.write_text("not a database\n", "utf-8")
    result = pa_letter("backup", "restore", given)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"pa-letter: not restored: copy.sqlite3 {words}\n"
    assert database.read_bytes() == before


def test_restore_on_a_desk_with_no_database_file_exits_2_and_changes_nothing(
    pa_letter: Run, pa_letter_home: Path,
) -> None:
    backup = _cases_and_a_backup(pa_letter_home)
    database = pa_letter_home / "cases.sqlite3"
    before = database.read_bytes()
    # A desk on a shared server (nothing listens on port 1): there is no file to put back.
    shared = {"PA_LETTER_DB_URL": "postgresql://pa@127.0.0.1:1/cases"}
    result = pa_letter("backup", "restore", backup, env_extra=shared)
    assert result.code == 2, result.err
    assert "backups are made only of a database file on this computer" in result.err
    assert "Traceback" not in result.err and "Restored" not in result.out
    assert database.read_bytes() == before
    assert pa_letter("backup", "list").code == 0  # the desk's own file is as it was


def _hold_write_lock(home: Path) -> sqlite3.Connection:
    """Another program in the middle of a write: the command waits for its audit entry."""
    conn = sqlite3.connect(home / "cases.sqlite3", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _kill_once_a_part_appears(args: list[str], folder: Path, home: Path) -> None:
    env = dict(os.environ, PA_LETTER_HOME=str(home))
    proc = subprocess.Popen([*_command(), *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not list(folder.glob(".part-*")):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "no .part file appeared"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.slow
def test_kill_during_render_leaves_the_old_letter_and_no_part_after_the_next_start(
    pa_letter: Run, pa_letter_home: Path, tmp_path: Path
) -> None:
    _cases_and_a_backup(pa_letter_home)
    out = tmp_path / "letter.pdf"
    out.write_bytes(b"%PDF-1.4 last week's letter")
    lock = _hold_write_lock(pa_letter_home)
    try:
        _kill_once_a_part_appears(["render", str(EXAMPLE), "-o", str(out)], tmp_path,
                                  pa_letter_home)
    finally:
        lock.rollback()
        lock.close()
    assert out.read_bytes() == b"%PDF-1.4 last week's letter"
    [part] = tmp_path.glob(".part-*")
    assert oct(part.stat().st_mode & 0o777) == "0o600"
    assert pa_letter("audit", "verify").code == 0  # the next start
    assert list(tmp_path.glob(".part-*")) == []


@pytest.mark.slow
def test_kill_during_batch_leaves_no_letter_and_no_part_after_the_next_start(
    pa_letter: Run, pa_letter_home: Path, tmp_path: Path
) -> None:
    _cases_and_a_backup(pa_letter_home)
    out = tmp_path / "letters"
    lock = _hold_write_lock(pa_letter_home)
    try:
        _kill_once_a_part_appears(["batch", str(EXAMPLE), "-o", str(out)], out, pa_letter_home)
    finally:
        lock.rollback()
        lock.close()
    assert oct(out.stat().st_mode & 0o777) == "0o700"
    assert [p for p in out.iterdir() if not p.name.startswith(".part-")] == []
    assert pa_letter("backup", "list").code == 0  # the next start
    assert list(out.iterdir()) == []


def test_audit_verify_checks_the_chain_after_directory_and_regimen_saves(
    pa_letter: Run, tmp_path: Path
) -> None:
    from desktop_app.domain.case_treatment import Drug
    from desktop_app.domain.payers import PayerEntry
    from desktop_app.services import payer_csv, payers, regimens

    payers.save_practice_payers([PayerEntry(name="Bay State Health Plan", state="MA",
                                            pa_fax="(617) 555-0188")])
    source = tmp_path / "payers.csv"
    source.write_text("name,state,pa_fax\nPine Tree Fictional Health,ME,(207) 555-0142\n",
                      "utf-8")
    payer_csv.import_csv(source)
    regimens.save_regimen("Gemcitabine + docetaxel", Drug(generic_name="gemcitabine"), [])
    audit.close()
    result = pa_letter("audit", "verify")
    assert result.code == 0, result.out + result.err
    assert "all 3 audit entries are intact" in result.out
