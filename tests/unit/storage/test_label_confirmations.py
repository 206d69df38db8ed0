"""The practice's label confirmations as a practice document (SQLite and PostgreSQL): one per
drug and label revision, a stale revision never offered, every change audited in its commit,
and nothing about a patient kept."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from desktop_app.errors import StorageError
from desktop_app.storage.audit import latest_entries
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.label_confirmations import (
    CONFIRMED,
    DOCUMENT,
    REMOVED,
    LabelConfirmation,
    PracticeLabelConfirmations,
    parse_confirmations,
)
from desktop_app.storage.practice_documents import put_document, read_document

SEPT_2023 = dt.date(2023, 9, 1)
PEMBRO = LabelConfirmation("pembrolizumab", SEPT_2023, "Ana Ruiz", dt.date(2026, 11, 30))


@pytest.fixture
def database(case_database: str) -> Iterator[Database]:
    opened = open_database(case_database)
    yield opened
    opened.dispose()


def test_a_confirmation_reads_back_for_its_drug_and_revision(database: Database) -> None:
    PracticeLabelConfirmations(database, user="Ana Ruiz (staff)").confirm(PEMBRO)
    other_desk = PracticeLabelConfirmations(database, user="Front desk B")
    # Any day of the cited month names the same revision; the drug's case does not matter.
    assert other_desk.for_label("Pembrolizumab", dt.date(2023, 9, 15)) == PEMBRO
    assert other_desk.for_label("nivolumab", SEPT_2023) is None
    with database.reading() as session:
        found = read_document(session, DOCUMENT)
    assert found is not None and found.updated_by == "Ana Ruiz (staff)"


def test_a_confirmation_for_another_revision_is_not_offered(database: Database) -> None:
    store = PracticeLabelConfirmations(database, user="A")
    store.confirm(PEMBRO)
    assert store.for_label("pembrolizumab", dt.date(2024, 3, 1)) is None
    assert store.for_label("pembrolizumab", None) is None


def test_confirming_again_replaces_only_the_same_drug_and_revision(database: Database) -> None:
    store = PracticeLabelConfirmations(database, user="A")
    store.confirm(PEMBRO)
    newer = LabelConfirmation("pembrolizumab", dt.date(2024, 3, 1), "Ben Ode", dt.date(2026, 12, 1))
    again = LabelConfirmation("pembrolizumab", SEPT_2023, "Ben Ode", dt.date(2026, 12, 1))
    store.confirm(newer)
    store.confirm(again)
    assert sorted(store.all(), key=lambda c: c.label_revised) == [again, newer]


def test_each_change_is_audited_with_ids_and_counts_only(database: Database) -> None:
    store = PracticeLabelConfirmations(database, user="Ana Ruiz (staff)")
    store.confirm(PEMBRO)
    assert store.remove("pembrolizumab", dt.date(2023, 9, 20)) is True
    assert store.remove("pembrolizumab", SEPT_2023) is False  # nothing left: no entry
    with database.reading() as session:
        entries = latest_entries(session, limit=10)
    assert [e.action for e in entries] == [REMOVED, CONFIRMED]
    sealed = entries[1].detail.pop("sha256")
    assert entries[1].detail == {"drug": "pembrolizumab", "label_revised": "2023-09",
                                 "rows": 1, "revision": 1}
    assert isinstance(sealed, str) and len(sealed) == 64
    assert entries[0].detail["rows"] == 0 and entries[0].case_id is None
    assert store.for_label("pembrolizumab", SEPT_2023) is None


def test_the_document_holds_only_the_drug_revision_and_who_confirmed(database: Database) -> None:
    PracticeLabelConfirmations(database, user="A").confirm(PEMBRO)
    with database.reading() as session:
        found = read_document(session, DOCUMENT)
    assert found is not None
    data = json.loads(found.content)
    assert data == {"format": "pa-letter-label-confirmations/1", "confirmations": [
        {"drug": "pembrolizumab", "label_revised": "2023-09-01", "confirmed_by": "Ana Ruiz",
         "confirmed_on": "2026-11-30"}]}


def test_a_damaged_document_is_named_and_left_as_it_is(database: Database) -> None:
    with database.writing() as session:
        put_document(session, DOCUMENT, '{"confirmations": [{"drug": "x"}]}', user="hand edit")
    store = PracticeLabelConfirmations(database, user="A")
    with pytest.raises(StorageError, match="entry 1 is damaged") as caught:
        store.for_label("x", SEPT_2023)
    assert caught.value.field == "confirmations[0]"
    with pytest.raises(StorageError):
        store.confirm(PEMBRO)  # nothing is written over a document it cannot read
    with database.reading() as session:
        found = read_document(session, DOCUMENT)
    assert found is not None and found.updated_by == "hand edit"


def test_a_confirmation_without_a_name_is_refused(database: Database) -> None:
    store = PracticeLabelConfirmations(database, user="A")
    with pytest.raises(StorageError, match="who confirmed"):
        store.confirm(LabelConfirmation("pembrolizumab", SEPT_2023, " ", dt.date(2026, 1, 2)))
    assert store.all() == []


def test_text_that_is_not_json_or_a_newer_format_is_a_clear_error() -> None:
    with pytest.raises(StorageError, match="not valid JSON"):
        parse_confirmations("{")
    with pytest.raises(StorageError, match="newer version") as caught:
        parse_confirmations('{"format": "pa-letter-label-confirmations/2", "confirmations": []}')
    assert caught.value.field == "format"
