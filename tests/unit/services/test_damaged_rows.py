"""A damaged row is reported by case id and field, never by quoting what it holds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.storage.database_errors import DamagedValue
from tests.unit.storage.sample import sample_case

# Writes bytes into the SQLite file behind the app's back; PostgreSQL refuses text that is not
# UTF-8 before it is stored.
pytestmark = pytest.mark.sqlite_only

SECRET = "Zoë Secretname 1961-07-14"


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


def _write_raw(home: Path, column: str, value: bytes) -> None:
    conn = sqlite3.connect(home / "cases.sqlite3")
    conn.execute(f"UPDATE cases SET {column} = CAST(? AS TEXT)", (value,))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("column", ["data", "patient_name"])
def test_bytes_that_are_not_text_are_named_by_case_and_column(
    store: CaseStore, pa_letter_home: Path, column: str
) -> None:
    case_id = store.create_case(sample_case()).id
    _write_raw(pa_letter_home, column, SECRET.encode() + b"\xff\xfe")
    readers = [lambda: store.get_case(case_id)]
    if column != "data":  # the list reads its own columns, not the case itself
        readers.append(store.list_cases)
    for read in readers:
        with pytest.raises(DamagedValue) as caught:
            read()
        text = str(caught.value)
        assert f"case {case_id}: {column}" in text
        assert "Secretname" not in text and "1961" not in text
    report = audit.verify_chain()
    assert not report.ok and report.case_id == case_id
    assert "Secretname" not in report.message


def test_a_row_that_is_not_a_case_any_more_is_named_by_field(store: CaseStore,
                                                             pa_letter_home: Path) -> None:
    case_id = store.create_case(sample_case()).id
    _write_raw(pa_letter_home, "data",
               b'{"format": "pa-letter-case/1", "patient": {"name": 12345, "dob": "x"}}')
    with pytest.raises(Exception) as caught:
        store.get_case(case_id)
    assert case_id in str(caught.value) and "patient" in str(caught.value)
    assert "12345" not in str(caught.value)
