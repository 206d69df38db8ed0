"""The case store as the desktop app uses it: list, autosave, workflow, versions, letters."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_denial import Denial
from desktop_app.domain.casefile import dump_case
from desktop_app.errors import StorageError
from desktop_app.rules.deadlines import AppealDeadline
from desktop_app.services import appeals, audit, cases
from desktop_app.services.cases import (
    STATUSES,
    CaseLocked,
    CaseStore,
    EditConflict,
    open_case_store,
)
from tests.unit.storage.sample import sample_case


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


def _utc(value: dt.datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() == dt.timedelta(0)


def test_a_new_case_is_a_draft_that_reads_back_exactly(store: CaseStore) -> None:
    stored = store.create_case(sample_case())
    assert stored.status == "draft" and stored.revision == 1 and not stored.locked
    again = store.get_case(stored.id)
    assert again.case == sample_case()
    assert again.id == stored.id and len(stored.id) == 36
    assert _utc(again.updated_at)


def test_unknown_case_is_a_storage_error(store: CaseStore) -> None:
    with pytest.raises(StorageError, match="no such case"):
        store.get_case("00000000-0000-4000-8000-000000000000")


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("", 3),
        ("zoë", 1),
        ("ZOË ÅNGSTRÖM", 1),  # case-insensitive beyond ASCII
        ("nivolumab", 1),
        ("bluebird", 2),
        ("bluebird pembro", 1),  # every word must match somewhere
        ("%", 0),  # wildcards are literal characters
        ("_", 0),
        ("'; DROP TABLE cases; --", 0),
        ("nobody", 0),
    ],
)
def test_search_matches_patient_drug_and_payer(store: CaseStore, search: str, found: int) -> None:
    store.create_case(sample_case())
    store.create_case(sample_case(patient="Li Wei Example", drug="nivolumab"))
    store.create_case(sample_case(patient="Sam O'Fiction", payer="Northwind Mutual"))
    assert len(store.list_cases(search)) == found
    assert len(store.list_cases()) == 3  # the table survived the hostile search


def test_list_is_newest_first_and_filters_by_status(store: CaseStore) -> None:
    first = store.create_case(sample_case(patient="First Example"))
    second = store.create_case(sample_case(patient="Second Example"))
    store.save_case(first.id, sample_case(patient="First Example, edited"), 1)
    listed = store.list_cases()
    assert [c.patient_name for c in listed] == ["First Example, edited", "Second Example"]
    store.set_status(second.id, "ready_for_signature")
    assert [c.id for c in store.list_cases(status="ready_for_signature")] == [second.id]
    with pytest.raises(StorageError, match="unknown case status"):
        store.list_cases(status="archived")


def test_autosave_bumps_the_revision_and_keeps_the_text(store: CaseStore) -> None:
    stored = store.create_case(sample_case())
    edited = sample_case(patient="Zoë <b>&amp; {{x}} **y**")
    saved = store.save_case(stored.id, edited, stored.revision)
    assert saved.revision == 2
    assert store.get_case(stored.id).case.patient.name == "Zoë <b>&amp; {{x}} **y**"


def test_two_windows_on_one_file_conflict_instead_of_overwriting(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    with open_case_store(url) as front_desk, open_case_store(url) as nurse:
        created = front_desk.create_case(sample_case())
        opened_here = front_desk.get_case(created.id)
        opened_there = nurse.get_case(created.id)
        nurse.save_case(created.id, sample_case(drug="nivolumab"), opened_there.revision)
        with pytest.raises(EditConflict) as caught:
            front_desk.save_case(created.id, sample_case(drug="olaparib"), opened_here.revision)
        assert isinstance(caught.value, StorageError)
        assert caught.value.current.case.drug.generic_name == "nivolumab"
        assert caught.value.current.revision == 2
        # Nothing was corrupted: both see the nurse's save, and the audit chain holds.
        assert front_desk.get_case(created.id).case.drug.generic_name == "nivolumab"
        assert [c.drug_name for c in nurse.list_cases()] == ["nivolumab"]
    assert audit.verify_chain(url=url).ok
    audit.close()


def test_duplicate_makes_an_independent_draft(store: CaseStore) -> None:
    stored = store.create_case(sample_case())
    store.set_status(stored.id, "ready_for_signature")
    copy = store.duplicate_case(stored.id)
    assert copy.id != stored.id and copy.status == "draft" and copy.case == stored.case
    store.save_case(copy.id, sample_case(patient="Other Example"), copy.revision)
    assert store.get_case(stored.id).case.patient.name == sample_case().patient.name


def test_delete_is_undoable(store: CaseStore) -> None:
    stored = store.create_case(sample_case())
    store.delete_case(stored.id)
    assert store.list_cases() == []
    [binned] = store.list_cases(include_deleted=True)
    assert binned.deleted
    store.undelete_case(stored.id)
    assert [c.id for c in store.list_cases()] == [stored.id]
    assert store.get_case(stored.id).case == sample_case()


LEGAL = [
    ("draft", "ready_for_signature"),
    ("ready_for_signature", "draft"),
    ("ready_for_signature", "signed"),
    ("signed", "sent"),
    ("sent", "approved"),
    ("sent", "denied"),
]
PATH_TO = {
    "draft": [],
    "ready_for_signature": ["ready_for_signature"],
    "signed": ["ready_for_signature", "signed"],
    "sent": ["ready_for_signature", "signed", "sent"],
    "approved": ["ready_for_signature", "signed", "sent", "approved"],
    "denied": ["ready_for_signature", "signed", "sent", "denied"],
}


def _case_at(store: CaseStore, status: str) -> str:
    case_id = store.create_case(sample_case()).id
    for step in PATH_TO[status]:
        store.set_status(case_id, step)
    return case_id


@pytest.mark.parametrize(
    ("start", "target"),
    [(a, b) for a in STATUSES for b in STATUSES if a != b],
)
def test_workflow_allows_only_the_documented_moves(
    store: CaseStore, start: str, target: str
) -> None:
    case_id = _case_at(store, start)
    if (start, target) in LEGAL:
        assert store.set_status(case_id, target).status == target
    else:
        with pytest.raises(StorageError, match="cannot become"):
            store.set_status(case_id, target)
        assert store.get_case(case_id).status == start


def test_signing_locks_the_case_and_a_new_version_unlocks_it(store: CaseStore) -> None:
    case_id = _case_at(store, "signed")
    signed = store.get_case(case_id)
    assert signed.locked
    with pytest.raises(CaseLocked) as caught:
        store.save_case(case_id, sample_case(drug="olaparib"), signed.revision)
    assert isinstance(caught.value, StorageError)
    fresh = store.new_version(case_id)
    assert (fresh.version, fresh.status, fresh.locked) == (2, "draft", False)
    store.save_case(case_id, sample_case(drug="olaparib"), fresh.revision)
    # The signed content is kept exactly as it was signed.
    assert store.version_case(case_id, 1).drug.generic_name == "pembrolizumab"
    [info] = store.versions(case_id)
    assert (info.version, info.reason) == (1, "signed") and _utc(info.locked_at)


def test_lock_version_numbers_each_snapshot(store: CaseStore) -> None:
    case_id = store.create_case(sample_case()).id
    assert store.lock_version(case_id, "sent for review") == 1
    with pytest.raises(CaseLocked):
        store.lock_version(case_id, "again")
    store.new_version(case_id)
    assert store.lock_version(case_id, "signed") == 2
    assert [v.version for v in store.versions(case_id)] == [1, 2]
    unlocked = store.create_case(sample_case()).id
    with pytest.raises(StorageError, match="not locked"):
        store.new_version(unlocked)


def test_appeal_from_a_denied_case_carries_everything_over(store: CaseStore) -> None:
    denied = _case_at(store, "denied")
    appeal = store.appeal_from_denied(denied)
    assert appeal.parent_case_id == denied and appeal.status == "draft"
    assert appeal.case.letter.kind == "appeal"
    assert appeal.case.letter.date == dt.date.today()
    assert appeal.case.denial == Denial(reference_number="", reason="")
    original = sample_case()
    assert appeal.case.patient == original.patient and appeal.case.evidence == original.evidence
    assert store.get_case(denied).status == "denied"


@pytest.mark.parametrize("status", ["draft", "signed", "sent", "approved"])
def test_only_a_denied_case_can_be_appealed(store: CaseStore, status: str) -> None:
    with pytest.raises(StorageError, match="only a denied case"):
        store.appeal_from_denied(_case_at(store, status))


def test_appeal_due_date_comes_from_the_deadline_rules(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    due = dt.date(2026, 6, 30)

    def fake_deadline(case: Case) -> AppealDeadline | None:
        if case.letter.kind != "appeal":
            return None
        return AppealDeadline(due, 10, "fictional rule", "fictional source")

    monkeypatch.setattr(appeals, "appeal_deadline", fake_deadline)
    appeal = sample_case()
    appeal.letter = Letter(kind="appeal", date=dt.date(2026, 6, 20))
    stored = store.create_case(appeal)
    preauth = store.create_case(sample_case(patient="Other Example"))
    by_id = {c.id: c.appeal_due for c in store.list_cases()}
    assert by_id == {stored.id: due, preauth.id: None}


def test_a_failing_deadline_rule_never_blocks_saving(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(case: Case) -> AppealDeadline | None:
        raise ZeroDivisionError

    monkeypatch.setattr(appeals, "appeal_deadline", broken)
    stored = store.create_case(sample_case())
    assert store.save_case(stored.id, sample_case(), 1).revision == 2


def test_exports_and_signatures_are_recorded_per_version(store: CaseStore) -> None:
    case_id = store.create_case(sample_case()).id
    store.record_export(
        case_id,
        fmt="pdf",
        template_id="offlabel-preauth",
        template_version="3",
        template_hash="t" * 64,
        file_sha256="f" * 64,
        override_reason="payer portal is down",
    )
    store.record_signature(
        case_id,
        signer_name="Dr. Ada Fictional",
        npi="1234567893",
        template_id="offlabel-preauth",
        template_version="3",
        pdf_sha256="f" * 64,
    )
    [export] = store.exports(case_id)
    assert (export.fmt, export.template_version, export.case_version) == ("pdf", "3", 1)
    assert export.override_reason == "payer portal is down" and _utc(export.exported_at)
    [signature] = store.signatures(case_id)
    assert (signature.version, signature.npi) == (1, "1234567893")


def test_audit_log_records_changes_without_patient_data(store: CaseStore) -> None:
    stored = store.create_case(sample_case())
    store.save_case(stored.id, sample_case(), 1)
    store.record_export(
        stored.id,
        fmt="docx",
        template_id="offlabel-preauth",
        template_version="3",
        template_hash="t" * 64,
        file_sha256="f" * 64,
        override_reason="Zoë asked for it",
    )
    store.record_signature(
        stored.id,
        signer_name="Dr. Ada Fictional",
        npi="1234567893",
        template_id="offlabel-preauth",
        template_version="3",
        pdf_sha256="f" * 64,
    )
    actions = [e.action for e in reversed(audit.entries(10))]
    assert actions == ["case.created", "case.saved", "letter.exported", "letter.signed"]
    with store.database.reading() as session:
        dump = json.dumps(
            [list(r) for r in session.execute(text("SELECT * FROM audit_log"))], default=str
        )
    for secret in ("Zoë", "Ångström", "Ada Fictional", "XQZ000111", "Bluebird", "asked"):
        assert secret not in dump
    assert audit.verify_chain().ok


def test_examples_import_skips_files_that_are_not_cases(store: CaseStore, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(dump_case(sample_case()), encoding="utf-8")
    (tmp_path / "not-json.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "typo.json").write_text('{"format": "pa-letter-case/1", "pateint": {}}')
    assert store.is_empty()
    count = store.import_examples(sorted(tmp_path.glob("*.json")))
    assert count == 1 and not store.is_empty()
    assert [c.patient_name for c in store.list_cases()] == [sample_case().patient.name]


def test_shipped_examples_load(store: CaseStore) -> None:
    paths = cases.example_case_paths()
    assert paths, "the examples folder should ship sample cases"
    assert 0 < store.import_examples(paths) <= len(paths)


@pytest.mark.sqlite_only
def test_quarantine_moves_a_damaged_default_database_aside(pa_letter_home: Path) -> None:
    target = pa_letter_home / "cases.sqlite3"
    target.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(StorageError, match="damaged"):
        open_case_store()
    moved = cases.quarantine_damaged_database()
    assert moved.parent == pa_letter_home and moved.exists() and not target.exists()
    with open_case_store() as fresh:
        assert fresh.is_empty()


def test_quarantine_refuses_a_database_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PA_LETTER_DB_URL", "postgresql://clinic-db/cases")
    with pytest.raises(StorageError, match="only a database file"):
        cases.quarantine_damaged_database()


def test_prescriber_sections_skip_deleted_cases_and_come_newest_first(store: CaseStore) -> None:
    older = sample_case()
    newer = sample_case()
    newer.prescriber.name = "Dr. Newer Fictional"
    gone = sample_case()
    gone.prescriber.name = "Dr. Deleted Fictional"
    store.create_case(older)
    store.create_case(newer)
    store.delete_case(store.create_case(gone).id)
    names = [section["name"] for section in store.prescriber_sections()]
    assert names == ["Dr. Newer Fictional", "Dr. Ada Fictional"]


@pytest.mark.parametrize(
    "search",
    [
        "XQZ000111",  # member ID as typed
        "xqz-000-111",  # … with dashes where the case has none: not found
        "1EG4TE5MK73",  # Medicare number without dashes
        "1eg4-te5-mk73",  # … and with them
        "PTM-UM-2026-118842",  # the denial's reference number, as the payer quotes it
        "PTMUM2026118842",
        "07/14/1961",  # date of birth, US style
        "1961-07-14",
    ],
)
def test_the_front_desk_finds_a_case_from_what_a_caller_quotes(
    store: CaseStore, search: str
) -> None:
    case = sample_case()
    case.patient.mbi = "1EG4-TE5-MK73"
    case.denial = Denial(reference_number="PTM-UM-2026-118842", reason="Not covered")
    stored = store.create_case(case)
    # Another case with the fixture's member ID and birth date, but no MBI or denial.
    store.create_case(sample_case(patient="Someone Else"))
    found = [s.id for s in store.list_cases(search)]
    if search == "xqz-000-111":
        assert found == []
    elif search in ("XQZ000111", "07/14/1961", "1961-07-14"):
        assert stored.id in found and len(found) == 2  # both sample cases share these
    else:
        assert found == [stored.id]
    summary = next(s for s in store.list_cases() if s.id == stored.id)
    assert "ptm-um-2026-118842" in summary.search_text
