"""The deadlines of every stored case are read in one go, not case by case: with a practice's
10,000 imported cases, one read per case made the first start hang for seconds."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desktop_app.domain.case_records import Approval
from desktop_app.errors import StorageError
from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.services.deadlines import deadlines_from_store
from tests.unit.storage.sample import sample_case


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


def _with_renewal(store: CaseStore, name: str, days: int) -> str:
    ends = dt.date(2027, 5, 1) + dt.timedelta(days=days)
    case = sample_case(name).model_copy(
        update={"approval": Approval(authorization_number=f"AUTH-{days}", end=ends)})
    return store.create_case(case).id


def _statements(store: CaseStore) -> list[str]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    event.listen(store.database.engine, "before_cursor_execute", count)
    return seen


def test_the_statements_read_do_not_grow_with_the_cases(store: CaseStore) -> None:
    _with_renewal(store, "Ana Sousa", 0)
    seen = _statements(store)
    deadlines_from_store(store)
    few = len(seen)
    ids = [_with_renewal(store, f"Kwame Mensah {n}", n) for n in range(1, 21)]
    store.delete_case(ids[0])  # the bin is not read
    seen.clear()
    report = deadlines_from_store(store)
    assert len(seen) == few <= 4, seen  # one transaction: the list and the cases' JSON
    assert report.read == 20 and not report.problems
    assert {d.case_ref for d in report.deadlines} == set(ids[1:]) | {
        s.id for s in store.list_cases() if s.patient_name == "Ana Sousa"}


def test_the_one_read_gives_what_reading_each_case_gives(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        _with_renewal(store, f"Mei Lê {n}", n * 10)
    ready = store.create_case(sample_case("Olga Ivanova"))  # no deadline of its own
    store.set_status(ready.id, "ready_for_signature")
    together = deadlines_from_store(store)

    def fail(*_args: Any) -> Any:
        raise StorageError("read as a whole failed")

    monkeypatch.setattr(store, "listed_with_data", fail)  # the case-by-case way
    assert deadlines_from_store(store) == together
    assert [d.item.due for d in together.deadlines] == sorted(
        d.item.due for d in together.deadlines)


@pytest.mark.sqlite_only  # writes bytes behind the app's back; PostgreSQL refuses them
def test_a_damaged_case_is_named_and_the_others_still_listed(
    store: CaseStore, pa_letter_home: Path
) -> None:
    kept = _with_renewal(store, "Priya Ramanathan", 3)
    damaged = _with_renewal(store, "Zoë Secretname", 4)
    conn = sqlite3.connect(pa_letter_home / "cases.sqlite3")
    conn.execute("UPDATE cases SET data = CAST(? AS TEXT) WHERE id = ?",
                 (b"Zo\xc3\xab Secretname \xff\xfe", damaged))
    conn.commit()
    conn.close()
    report = deadlines_from_store(store)
    assert [d.case_ref for d in report.deadlines] == [kept]
    assert len(report.problems) == 1 and damaged in report.problems[0]
    assert "Secretname" not in report.problems[0]
