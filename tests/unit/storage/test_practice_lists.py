"""The payer directory and regimens as practice documents: the same text the files hold, and a
save over a list another desk saved since is refused with nothing changed (both databases)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from desktop_app.domain.payers import PayerEntry
from desktop_app.errors import StorageError
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.payer_directory import DirectoryChanged, payers_text
from desktop_app.storage.practice_lists import payer_document, regimen_document

BAY_STATE = PayerEntry(name="Bay State Health Plan", state="MA", pa_fax="(617) 555-0188")
PINE_TREE = PayerEntry(name="Pine Tree Fictional Health", state="ME", pa_fax="(207) 555-0142")


@pytest.fixture
def database(case_database: str) -> Iterator[Database]:
    opened = open_database(case_database)
    yield opened
    opened.dispose()


def test_a_saved_directory_reads_back_as_the_file_would_hold_it(database: Database) -> None:
    store = payer_document(database, "Front desk A")
    assert store.load() == []
    store.save([BAY_STATE])
    assert payer_document(database, "Front desk B").load() == [BAY_STATE]
    from desktop_app.storage.practice_documents import read_document

    with database.reading() as session:
        found = read_document(session, "payer-directory")
    assert found is not None and found.content == payers_text([BAY_STATE])
    assert found.updated_by == "Front desk A"


def test_the_second_desk_to_save_is_refused_and_the_first_list_stands(database: Database) -> None:
    desk_a, desk_b = payer_document(database, "A"), payer_document(database, "B")
    opened_a, opened_b = desk_a.version(), desk_b.version()
    desk_a.save([BAY_STATE], expected_version=opened_a)
    assert desk_b.version() != opened_b  # the change shows
    with pytest.raises(DirectoryChanged, match="another desk saved the payer directory"):
        desk_b.save([PINE_TREE], expected_version=opened_b)
    assert payer_document(database, "C").load() == [BAY_STATE]


def test_a_store_saves_over_the_list_it_read_not_over_a_newer_one(database: Database) -> None:
    payer_a, payer_b = payer_document(database, "A"), payer_document(database, "B")
    payer_a.load()
    payer_b.load()
    payer_a.save([BAY_STATE])
    with pytest.raises(DirectoryChanged):
        payer_b.save([PINE_TREE])
    regimens = regimen_document(database, "A")
    regimens.load()
    regimens.save([])
    regimens.save([])  # its own save since is no other desk's
    assert regimen_document(database, "B").load() == []


def test_a_list_is_put_in_only_when_the_database_has_none(database: Database) -> None:
    assert payer_document(database, "A").adopt([BAY_STATE]) is True
    assert payer_document(database, "B").adopt([PINE_TREE]) is False
    assert payer_document(database, "C").load() == [BAY_STATE]


def test_a_damaged_document_is_named_not_a_traceback(database: Database) -> None:
    from desktop_app.storage.practice_documents import put_document

    with database.writing() as session:
        put_document(session, "payer-directory",
                     json.dumps({"payers": [{"name": "X", "state": "Ohio"}]}), user="t")
    with pytest.raises(StorageError, match="payer directory is damaged") as caught:
        payer_document(database, "A").load()
    assert caught.value.field == "0.state"
    assert "database" in (caught.value.file or "")


def test_a_list_over_the_file_s_cap_is_not_stored(database: Database,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app import limits

    store = payer_document(database, "Front desk A")
    store.save([BAY_STATE])
    monkeypatch.setattr(limits, "PRACTICE_LIST_BYTES", len(payers_text([BAY_STATE])) + 10)
    with pytest.raises(StorageError, match="nothing was saved"):
        store.save([BAY_STATE, PINE_TREE])
    assert payer_document(database, "Front desk B").load() == [BAY_STATE]
