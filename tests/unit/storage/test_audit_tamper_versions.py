"""Attacks on a locked (signed) version's record behind the app's back: its lock time, the
reason or who locked it edited by SQL. Version history shows them as evidence of the signing,
so the log check names the version by case id; entries of earlier releases, which sealed the
content only, raise no false alarm."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.services import audit
from desktop_app.services.audited_store import AuditedStore
from desktop_app.services.cases import CaseStore
from desktop_app.storage.seals import VERSION_ACTION, sha256_text
from tests.unit.storage.sample import sample_case
from tests.unit.storage.tampering import run_sql as _sql


def _signed(store: CaseStore) -> str:
    case_id = store.create_case(sample_case()).id
    store.set_status(case_id, "ready_for_signature")
    store.set_status(case_id, "signed")
    return case_id


EDITS = [
    "UPDATE case_versions SET locked_at = '2026-01-02 03:04:05'",
    "UPDATE case_versions SET reason = 'signed on paper'",
    "UPDATE case_versions SET \"user\" = 'someone else'",
]


def test_versions_locked_through_the_app_verify(store: CaseStore) -> None:
    _signed(store)
    case_id = _signed(store)
    store.new_version(case_id)
    store.lock_version(case_id, "sent to the plan")
    report = audit.verify_chain()
    assert report.ok, report.message


@pytest.mark.parametrize("statement", EDITS)
def test_an_edited_lock_record_is_found(store: CaseStore, statement: str) -> None:
    case_id = _signed(store)
    _sql(statement)
    report = audit.verify_chain()
    assert not report.ok and report.problem == "version", report.message
    assert report.case_id == case_id
    assert f"locked version 1 of case {case_id} has a lock time, reason or locking " in (
        report.message)


def _seal_as_earlier_releases_did(self: AuditedStore, session: Any, row: Any,
                                  version: int) -> None:
    self._audit(session, VERSION_ACTION, row.id, row, version=version,
                sha256=sha256_text(row.data))


@pytest.mark.parametrize("statement", EDITS)
def test_an_earlier_release_s_entry_checks_the_content_only(
        store: CaseStore, monkeypatch: pytest.MonkeyPatch, statement: str) -> None:
    """Entries written before the lock record was sealed name no lock time: none is made up."""
    with monkeypatch.context() as earlier:
        earlier.setattr(AuditedStore, "_seal_version", _seal_as_earlier_releases_did)
        case_id = store.create_case(sample_case()).id
        store.lock_version(case_id, "signed")
    _sql(statement)
    state = audit.verify_chain()
    assert state.ok, state.message
    _sql("UPDATE case_versions SET data = data || ' '")
    report = audit.verify_chain()
    assert not report.ok and report.problem == "version"
    assert "was changed after it was locked" in report.message
