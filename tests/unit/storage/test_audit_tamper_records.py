"""Attacks on the letters' records behind the app's back: a locked version deleted, a
signature or export record forged, edited or removed. The log check names each by case id."""

from __future__ import annotations

import pytest

from desktop_app.services import audit
from desktop_app.services.cases import CaseStore
from tests.unit.storage.sample import sample_case
from tests.unit.storage.tampering import run_sql as _sql

PDF_SHA = "ab" * 32
FORGED_SHA = "cd" * 32


def _signed_letter(store: CaseStore) -> str:
    case_id = store.create_case(sample_case()).id
    store.set_status(case_id, "ready_for_signature")
    store.record_signature(case_id, signer_name="Avery Testwood, MD", npi="1548723018",
                           template_id="offlabel-preauth", template_version="3",
                           pdf_sha256=PDF_SHA)
    store.record_export(case_id, fmt="pdf", template_id="offlabel-preauth",
                        template_version="3", template_hash="ef" * 32, file_sha256=PDF_SHA)
    store.set_status(case_id, "signed")
    return case_id


def _broken(problem: str, case_id: str, words: str) -> None:
    report = audit.verify_chain()
    assert not report.ok
    assert report.problem == problem, report.message
    assert report.case_id == case_id
    assert words in report.message
    assert "Avery" not in report.message and "Zo" not in report.message


def test_letters_signed_and_exported_through_the_app_verify(store: CaseStore) -> None:
    _signed_letter(store)
    _signed_letter(store)  # two records alike but for their case
    report = audit.verify_chain()
    assert report.ok, report.message


def test_a_deleted_locked_version_is_found(store: CaseStore) -> None:
    case_id = _signed_letter(store)
    _sql("DELETE FROM case_versions")
    _broken("version", case_id, f"locked version 1 of case {case_id} is missing")


def test_a_forged_signature_record_is_found(store: CaseStore) -> None:
    case_id = store.create_case(sample_case()).id
    store.set_status(case_id, "ready_for_signature")
    store.set_status(case_id, "signed")  # signed on paper: no signature record
    _sql("INSERT INTO signatures (case_id, version, signer_name, npi, signed_at, template_id, "
         "template_version, pdf_sha256, \"user\") VALUES (:case, 1, 'Avery Testwood, MD', "
         "'1548723018', '2026-12-01 10:00:00', 'offlabel-preauth', '3', :sha, 'staff')",
         case=case_id, sha=FORGED_SHA)
    _broken("letter", case_id, f"a signature record of version 1 of case {case_id} does not "
            "match the audit log")


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        (f"UPDATE signatures SET pdf_sha256 = '{FORGED_SHA}'", "a signature record of version 1"),
        ("UPDATE signatures SET signer_name = 'Someone Else, MD'", "a signature record"),
        ("UPDATE signatures SET npi = '1234567893'", "a signature record"),
        (f"UPDATE letter_exports SET file_sha256 = '{FORGED_SHA}'", "an export record (pdf)"),
        ("UPDATE letter_exports SET override_reason = 'urgent'", "an export record (pdf)"),
    ],
)
def test_an_edited_letter_record_is_found(store: CaseStore, statement: str, words: str) -> None:
    case_id = _signed_letter(store)
    _sql(statement)
    _broken("letter", case_id, words)


@pytest.mark.parametrize("table", ["signatures", "letter_exports"])
def test_a_deleted_letter_record_is_found(store: CaseStore, table: str) -> None:
    case_id = _signed_letter(store)
    _sql(f"DELETE FROM {table}")
    _broken("letter", case_id, "that the audit log holds is missing")


@pytest.mark.sqlite_only
def test_a_time_that_is_not_a_time_is_named_not_an_unexpected_problem(store: CaseStore) -> None:
    """SQLite keeps times as text: a hand edit to `at` made the check and the listing stop
    with an unexpected ValueError instead of naming the entry."""
    from desktop_app.errors import DatabaseUnusable
    from desktop_app.services.audit_listing import listed_entries
    from desktop_app.storage.audit_listing import EntryChoice

    _signed_letter(store)
    _sql("UPDATE audit_log SET at = 'yesterday' WHERE id = 2")
    report = audit.verify_chain()
    assert not report.ok and report.problem == "entry" and report.first_bad_id == 2
    assert "audit entry 2 has a damaged time in at" in report.message
    with pytest.raises(DatabaseUnusable, match="audit entry 2 has a damaged time in at"):
        list(listed_entries(EntryChoice()))


@pytest.mark.sqlite_only
def test_a_damaged_time_in_a_case_is_named_by_its_id(store: CaseStore) -> None:
    case_id = _signed_letter(store)
    _sql("UPDATE cases SET created_at = 'soon'")
    _broken("case", case_id, f"case {case_id} has a damaged time in created_at")
