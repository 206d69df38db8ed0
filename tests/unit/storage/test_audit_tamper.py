"""Attacks on the records: each change made behind the app's back is named by the log check."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.errors import StorageError
from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.storage.audit import GENESIS_HASH, entry_body
from desktop_app.storage.database import open_database
from tests.unit.storage.sample import sample_case
from tests.unit.storage.tampering import run_sql as _sql


def _signed_case(store: CaseStore) -> str:
    case_id = store.create_case(sample_case()).id
    store.set_status(case_id, "ready_for_signature")
    store.set_status(case_id, "signed")
    store.set_status(case_id, "sent")
    return case_id


def test_an_untouched_log_with_cases_and_versions_verifies(store: CaseStore) -> None:
    _signed_case(store)
    report = audit.verify_chain()
    assert report.ok, report.message
    assert report.checked >= 5


def test_deleting_the_newest_entries_is_found(store: CaseStore) -> None:
    _signed_case(store)
    total = audit.verify_chain().checked
    _sql(f"DELETE FROM audit_log WHERE id > {total - 2}")
    report = audit.verify_chain()
    assert not report.ok and report.problem == "tail"
    assert "newest 2 audit entries are missing" in report.message
    assert report.first_bad_id == total - 1


def test_deleting_every_entry_is_found(store: CaseStore) -> None:
    _signed_case(store)
    _sql("DELETE FROM audit_log")
    report = audit.verify_chain()
    assert not report.ok and report.problem == "tail"
    assert "log ends at entry 0" in report.message


def test_a_forged_entry_with_a_recomputed_plain_hash_is_found(store: CaseStore) -> None:
    # What an attacker could do to an earlier release's log: change an entry, then
    # recompute sha256(prev + entry) for it and every later entry.
    _signed_case(store)
    db = open_database()
    with db.writing() as session:
        conn = session.connection()
        rows = conn.execute(
            text('SELECT id, at, "user", action, case_id, detail FROM audit_log ORDER BY id')
        ).all()
        prev = GENESIS_HASH
        for row in rows:
            detail = json.loads(row.detail)
            if row.id == 2:
                detail["after"] = "approved"
            at = dt.datetime.fromisoformat(str(row.at)).replace(tzinfo=dt.UTC)
            body = entry_body(entry_id=row.id, at=at, user=row.user, action=row.action,
                              case_id=row.case_id, detail=detail)
            digest = hashlib.sha256((prev + body).encode()).hexdigest()
            conn.execute(
                text("UPDATE audit_log SET detail = :detail, prev_hash = :prev, "
                     "entry_hash = :digest WHERE id = :id"),
                {"detail": json.dumps(detail, sort_keys=True, separators=(",", ":")),
                 "prev": prev, "digest": digest, "id": row.id},
            )
            prev = digest
    db.dispose()
    report = audit.verify_chain()
    assert not report.ok and report.problem == "entry" and report.first_bad_id == 1


def test_an_edited_locked_version_is_found_on_open_and_by_the_check(store: CaseStore) -> None:
    case_id = _signed_case(store)
    db = open_database()
    with db.writing() as session:
        conn = session.connection()
        data = conn.execute(text("SELECT data FROM case_versions")).scalar_one()
        edited = data.replace('"amount": 200.0', '"amount": 975.0')
        assert edited != data  # the signed dose, 200 mg, becomes 975 mg
        # The attacker also recomputes the stored plain hash.
        conn.execute(
            text("UPDATE case_versions SET data = :data, data_sha256 = :sha"),
            {"data": edited, "sha": hashlib.sha256(edited.encode()).hexdigest()},
        )
    db.dispose()
    report = audit.verify_chain()
    assert not report.ok and report.problem == "version" and report.case_id == case_id
    assert f"locked version 1 of case {case_id}" in report.message
    assert "changed after it was locked" in report.message
    with pytest.raises(StorageError, match="changed after it was locked"):
        store.version_case(case_id, 1)


def test_a_changed_byte_in_a_case_row_is_found_by_case_id(store: CaseStore) -> None:
    case_id = store.create_case(sample_case()).id
    _sql("UPDATE cases SET data = replace(data, 'pembrolizumab', 'pembrolizumaB')")
    report = audit.verify_chain()
    assert not report.ok and report.problem == "case" and report.case_id == case_id
    assert "pembrolizumab" not in report.message.lower()
    assert "Zo" not in report.message


def test_a_hand_edited_head_record_is_found(store: CaseStore, pa_letter_home: Path) -> None:
    _signed_case(store)
    [head] = (pa_letter_home / "audit-heads").glob("*.json")
    record = json.loads(head.read_text())
    record["count"] = 1
    head.write_text(json.dumps(record))
    report = audit.verify_chain()
    assert not report.ok and report.problem == "head"
    assert "changed by hand" in report.message


def test_a_missing_key_is_said_and_no_new_one_is_made(store: CaseStore,
                                                     pa_letter_home: Path) -> None:
    _signed_case(store)
    audit.close()
    store.close()
    (pa_letter_home / "audit.key").unlink()
    with open_case_store() as reopened:
        report = audit.verify_chain()
        assert not report.ok and report.problem == "key"
        with pytest.raises(StorageError, match="key is missing"):
            reopened.create_case(sample_case())
    assert not (pa_letter_home / "audit.key").exists()


@pytest.mark.sqlite_only
def test_the_key_file_is_private_and_outside_the_database(store: CaseStore,
                                                          pa_letter_home: Path) -> None:
    store.create_case(sample_case())
    key_file = pa_letter_home / "audit.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    key = key_file.read_text().strip()
    database = (pa_letter_home / "cases.sqlite3").read_bytes()
    assert key.encode() not in database and bytes.fromhex(key) not in database


APPENDER = """
import sys
from desktop_app.services import audit
for n in range(int(sys.argv[1])):
    audit.record("letter.rendered", detail={"n": n, "writer": sys.argv[2]})
"""


def test_two_processes_appending_at_once_keep_one_chain(pa_letter_home: Path) -> None:
    audit.record("cases.imported", detail={"count": 0})  # the key exists before they start
    env = dict(os.environ, PA_LETTER_HOME=str(pa_letter_home))
    writers = [
        subprocess.Popen([sys.executable, "-c", APPENDER, "25", name], env=env,
                         stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err[-500:]
    report = audit.verify_chain()
    assert report.ok, report.message
    assert report.checked == 51
    writers_seen = {e.detail.get("writer") for e in audit.entries(60)}
    assert writers_seen == {"a", "b", None}


def test_the_intact_message_counts_in_words() -> None:
    from desktop_app.storage.audit_verify import intact_words

    assert intact_words(0) == "the audit log has no entries yet"
    assert intact_words(1) == "the one audit entry is intact"
    assert intact_words(12) == "all 12 audit entries are intact"
