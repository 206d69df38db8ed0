"""An audit log from the release before keyed hashes opens, is re-keyed once, and says so."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.domain.casefile import case_to_dict
from desktop_app.services import audit
from desktop_app.services.cases import open_case_store
from desktop_app.storage.audit import GENESIS_HASH, entry_hash
from desktop_app.storage.database_schema import alembic_config, head_revision
from tests.unit.storage.sample import sample_case

pytestmark = pytest.mark.sqlite_only  # builds SQLite files of the earlier release

CASE_ID = "3f1c2a9e-0000-4000-8000-000000000004"


def _previous_release_database(path: Path, *, tamper: bool = False) -> str:
    """Revision 0003 with a signed case, its version and three plain-SHA-256 audit entries."""
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
    data = json.dumps(case_to_dict(sample_case()))
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO cases (id, data, patient_name, drug_name, payer_name, letter_kind, "
            "status, created_at, updated_at, revision, version, locked, search_text) VALUES "
            "(:id, :data, 'Zoë', 'pembrolizumab', 'Bluebird', 'preauth', 'signed', "
            "'2026-01-05 10:00:00', '2026-01-06 11:30:00', 3, 1, 1, '')"), {"id": CASE_ID,
                                                                          "data": data})
        conn.execute(text(
            "INSERT INTO case_versions (case_id, version, data, data_sha256, locked_at, reason, "
            "user) VALUES (:id, 1, :data, :sha, '2026-01-06 11:30:00', 'signed', 'desk')"),
            {"id": CASE_ID, "data": data, "sha": hashlib.sha256(data.encode()).hexdigest()})
        prev = GENESIS_HASH
        for n, action in enumerate(("case.created", "case.status", "letter.exported"), 1):
            at = dt.datetime(2026, 1, 6, 11, n, tzinfo=dt.UTC)
            detail = {"n": n}
            digest = entry_hash(prev, entry_id=n, at=at, user="desk", action=action,
                                case_id=CASE_ID, detail=detail)
            conn.execute(text(
                "INSERT INTO audit_log (id, at, user, action, case_id, detail, prev_hash, "
                "entry_hash) VALUES (:id, :at, 'desk', :action, :case, :detail, :prev, :hash)"),
                {"id": n, "at": at.replace(tzinfo=None), "action": action, "case": CASE_ID,
                 "detail": json.dumps(detail), "prev": prev, "hash": digest})
            prev = digest
        if tamper:
            conn.execute(text("UPDATE audit_log SET user = 'someone' WHERE id = 2"))
    engine.dispose()
    return url


def test_a_plain_chain_is_rekeyed_once_and_then_verifies(tmp_path: Path) -> None:
    url = _previous_release_database(tmp_path / "cases.sqlite3")
    with open_case_store(url) as store:
        report = audit.verify_chain(url=url)
        assert report.ok, report.message
        entries = list(reversed(audit.entries(20, url=url)))
        assert [e.action for e in entries[:3]] == ["case.created", "case.status",
                                                   "letter.exported"]
        assert entries[0].detail == {"n": 1} and entries[0].user == "desk"
        rekeyed = entries[3]
        assert rekeyed.action == "audit.rekeyed"
        assert rekeyed.detail["legacy_entries"] == 3 and rekeyed.detail["legacy_intact"] is True
        # The signed version opens, checked against the fingerprint the upgrade sealed.
        assert store.version_case(CASE_ID, 1) == sample_case()
        store.set_status(CASE_ID, "sent")
        assert audit.verify_chain(url=url).ok
    audit.close()
    # Opening again does not re-key a second time.
    with open_case_store(url):
        actions = [e.action for e in audit.entries(50, url=url)]
        assert actions.count("audit.rekeyed") == 1
    audit.close()


def test_the_upgrade_first_backs_up_the_database_as_it_was(tmp_path: Path) -> None:
    from desktop_app.storage.backups import integrity_problem, list_backups

    path = tmp_path / "cases.sqlite3"
    url = _previous_release_database(path)
    open_case_store(url).close()
    audit.close()
    [backup] = list_backups(path)
    assert backup.kind == f"before-{head_revision()}"  # named after the version upgraded to
    assert integrity_problem(backup.path) is None
    assert oct(backup.path.stat().st_mode & 0o777) == "0o600"
    engine = create_engine(f"sqlite:///{backup.path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == 3
    engine.dispose()


def test_an_old_chain_already_broken_stays_reported_after_the_upgrade(tmp_path: Path) -> None:
    url = _previous_release_database(tmp_path / "cases.sqlite3", tamper=True)
    with open_case_store(url):
        report = audit.verify_chain(url=url)
    audit.close()
    assert not report.ok
    assert report.first_bad_id == 2
    assert "already broken at entry 2" in report.message


def test_the_upgrade_can_be_rolled_back_to_the_plain_chain(tmp_path: Path) -> None:
    url = _previous_release_database(tmp_path / "cases.sqlite3")
    open_case_store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003")
        rows = conn.execute(text("SELECT id, prev_hash, entry_hash FROM audit_log ORDER BY id"))
        links = [(r.prev_hash, r.entry_hash) for r in rows]
    engine.dispose()
    assert links[0][0] == GENESIS_HASH
    assert all(links[i][1] == links[i + 1][0] for i in range(len(links) - 1))
