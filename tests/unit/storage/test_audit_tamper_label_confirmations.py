"""The practice's label confirmations changed behind the app's back. A confirmation lets every
letter for that drug state the catalog's label facts unhedged, so one added, edited or moved to
a newer label revision by SQL must be found by the log check like an edited payer directory."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from desktop_app.services import audit, label_confirmations
from desktop_app.storage.audit_documents import LABEL_ACTIONS, LABEL_CONFIRMATIONS
from desktop_app.storage.label_confirmations import CONFIRMED, DOCUMENT, REMOVED
from tests.unit.storage.tampering import run_sql as _sql

SEPT_2023 = dt.date(2023, 9, 1)
NOW = "2026-12-01 10:00:00"


@pytest.fixture(autouse=True)
def _release_connections() -> Iterator[None]:
    yield
    audit.close()


@pytest.fixture
def confirmed() -> None:
    label_confirmations.confirm_for_practice("pembrolizumab", SEPT_2023, "Ana Ruiz",
                                             dt.date(2026, 11, 30))
    label_confirmations.confirm_for_practice("nivolumab", SEPT_2023, "Ana Ruiz",
                                             dt.date(2026, 11, 30))
    label_confirmations.remove_practice_confirmation("nivolumab", SEPT_2023)


def _broken(*words: str) -> None:
    report = audit.verify_chain()
    assert not report.ok, "the change was not found"
    assert report.problem == "list", report.message
    for part in words:
        assert part in report.message
    assert "Ruiz" not in report.message and "pembrolizumab" not in report.message


def _document() -> dict[str, object]:
    # The stored text, rewritten as someone with the database would: valid JSON the app reads.
    from desktop_app.storage.database import open_database
    from desktop_app.storage.practice_documents import read_document

    db = open_database()
    with db.reading() as session:
        found = read_document(session, DOCUMENT)
    db.dispose()
    assert found is not None
    data = json.loads(found.content)
    assert isinstance(data, dict)
    return data


def _store(data: dict[str, object]) -> None:
    _sql("UPDATE practice_documents SET content = :content WHERE name = :name",
         content=json.dumps(data), name=DOCUMENT)


def test_the_checked_names_are_the_ones_the_app_saves_under() -> None:
    assert LABEL_CONFIRMATIONS[0] == DOCUMENT
    assert set(LABEL_ACTIONS) == {CONFIRMED, REMOVED}


def test_confirmations_made_and_removed_through_the_app_verify(confirmed: None) -> None:
    report = audit.verify_chain()
    assert report.ok, report.message


def test_a_confirmation_moved_to_a_newer_label_by_sql_is_found(confirmed: None) -> None:
    """The catalog now cites a newer label; a stale confirmation edited to it would unhedge."""
    data = _document()
    rows = data["confirmations"]
    assert isinstance(rows, list)
    rows[0]["label_revised"] = "2024-03-01"
    _store(data)
    assert label_confirmations.practice_confirmation("pembrolizumab", dt.date(2024, 3, 1))
    _broken("the practice's list of label confirmations was changed outside the app")


def test_a_confirmation_added_by_sql_is_found(confirmed: None) -> None:
    data = _document()
    rows = data["confirmations"]
    assert isinstance(rows, list)
    rows.append({"drug": "nivolumab", "label_revised": "2023-09-01",
                 "confirmed_by": "Nobody", "confirmed_on": "2026-12-01"})
    _store(data)
    _broken("was changed outside the app")


def test_the_confirmations_deleted_by_sql_are_found(confirmed: None) -> None:
    _sql("DELETE FROM practice_documents WHERE name = :name", name=DOCUMENT)
    _broken("the audit log holds a save of the practice's list of label confirmations, "
            "but it is missing")


def test_confirmations_written_with_no_entry_are_found() -> None:
    from desktop_app.domain.payers import PayerEntry
    from desktop_app.services import payers

    payers.save_practice_payers([PayerEntry(name="Bay State Health Plan")])  # other entries
    _sql("INSERT INTO practice_documents (name, content, revision, updated_at, updated_by) "
         "VALUES (:name, :content, 1, :now, 'sql')", name=DOCUMENT, now=NOW,
         content=json.dumps({"confirmations": []}))
    _broken("the practice's list of label confirmations was written outside the app")


def test_an_earlier_release_s_entry_is_held_to_its_revision(confirmed: None) -> None:
    """Entries written before the SHA-256 was sealed name the revision only: no false alarm,
    and a stored revision that is not the logged one is still found."""
    from desktop_app.services.audit import cached_database
    from desktop_app.storage.audit import append_entry
    from desktop_app.storage.practice_documents import put_document, read_document

    database = cached_database()
    with database.writing() as session:
        found = read_document(session, DOCUMENT, lock=True)
        assert found is not None
        revision = put_document(session, DOCUMENT, found.content, user="staff",
                                expected_revision=found.revision)
        append_entry(session, action=CONFIRMED, user="staff", case_id=None,
                     detail={"drug": "pembrolizumab", "label_revised": "2023-09", "rows": 1,
                             "revision": revision})
    report = audit.verify_chain()
    assert report.ok, report.message
    _sql("UPDATE practice_documents SET revision = revision + 1 WHERE name = :name",
         name=DOCUMENT)
    _broken("was changed outside the app")
