"""The app's first screen read without opening the store: the same list and deadlines the
store gives, or None (the full open) whenever the start has anything else to do."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.case_denial import Denial
from desktop_app.services import audit, casefiles, first_screen
from desktop_app.services.backups import daily_backup_if_due
from desktop_app.services.cases import CaseStore, example_case_paths, open_case_store
from desktop_app.services.deadlines import deadlines_from_store
from desktop_app.services.first_screen import FirstScreen, StoreOnFirstUse
from desktop_app.services.people import save_person
from desktop_app.storage.database_address import database_url, plain_sqlite_file
from tests.unit.storage.sample import sample_case


def _on_sqlite() -> bool:
    return plain_sqlite_file(database_url()) is not None


def _used_before(home: Path, store: CaseStore) -> None:
    """What an office's earlier day leaves: examples offered, today's backup taken."""
    (home / casefiles.EXAMPLES_MARKER).write_bytes(b"examples offered\n")
    daily_backup_if_due(store.database)


def _fill(store: CaseStore) -> None:
    """Cases the list must show exactly: names in several scripts, a deleted case, an appeal
    under its request, a denied request with a filing deadline, different statuses."""
    store.create_case(sample_case("José Núñez"))
    gone = store.create_case(sample_case("Olga Ivanova"))
    store.delete_case(gone.id)
    request = store.create_case(sample_case("Nguyễn Thị Lê", drug="nivolumab"))
    denied_case = sample_case("Nguyễn Thị Lê", drug="nivolumab").model_copy(
        update={"denial": Denial(date=dt.date.today() - dt.timedelta(days=3),
                                 reason="not medically necessary", reference_number="DN-1")}
    )
    store.save_case(request.id, denied_case, expected_revision=request.revision)
    store.create_case(denied_case, parent_case_id=request.id)
    ready = store.create_case(sample_case("Kwame Mensah"))
    store.set_status(ready.id, "ready_for_signature")
    store.import_examples(example_case_paths())  # appeals and approvals with their deadlines


@pytest.fixture
def used_store(pa_letter_home: Path) -> CaseStore:
    store = open_case_store()
    _fill(store)
    _used_before(pa_letter_home, store)
    return store


def _quick() -> FirstScreen:
    found = first_screen.first_screen()
    assert found is not None, "a start with nothing else to do reads the file directly"
    return found


def test_the_first_list_and_deadlines_are_what_the_store_gives(used_store: CaseStore) -> None:
    if not _on_sqlite():
        assert first_screen.first_screen() is None  # a shared server: always the full way
        return
    quick = _quick()
    assert quick.summaries == used_store.list_cases()
    assert quick.read_deadlines() == deadlines_from_store(used_store)
    assert quick.read_deadlines().deadlines, "the examples' deadlines are in the notice"
    used_store.close()
    audit.close()


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    max_size=40))
def test_any_typed_name_lists_the_same_both_ways(used_store: CaseStore, name: str) -> None:
    if not _on_sqlite():
        return
    used_store.create_case(sample_case(name))
    assert _quick().summaries == used_store.list_cases()


def _full_way_needed() -> None:
    assert first_screen.first_screen() is None


def test_a_first_run_takes_the_full_way(pa_letter_home: Path) -> None:
    _full_way_needed()  # no database file yet: the full open creates it and offers examples
    store = open_case_store()
    store.close()
    audit.close()
    _full_way_needed()  # examples not offered yet


def test_a_start_that_owes_the_days_backup_takes_the_full_way(
    used_store: CaseStore, pa_letter_home: Path
) -> None:
    for backup in (pa_letter_home / "backups").glob("*"):
        backup.unlink()
    _full_way_needed()


def test_a_practice_with_people_signs_in_the_full_way(used_store: CaseStore) -> None:
    save_person(used_store, "Ada Fictional", "admin", login="nobody-here")
    _full_way_needed()


def _after_changing_the_file(store: CaseStore, change: Callable[[Path], object]) -> None:
    """Change the SQLite file behind `store` (closed first) and expect the full way; on
    PostgreSQL there is no file and the full way is taken anyway."""
    path = plain_sqlite_file(database_url())
    if path is not None:
        store.close()
        change(path)
    _full_way_needed()


def _run_sql(statement: str) -> Callable[[Path], object]:
    def run(path: Path) -> None:
        with sqlite3.connect(path) as conn:
            conn.execute(statement)

    return run


def _overwrite_pages(path: Path) -> None:
    with path.open("r+b") as damaged:
        damaged.seek(4096)
        damaged.write(b"\xff" * 8192)


def test_an_older_schema_is_migrated_the_full_way(used_store: CaseStore) -> None:
    _after_changing_the_file(used_store,
                             _run_sql("UPDATE alembic_version SET version_num = '0001'"))


def test_a_damaged_file_is_reported_the_full_way(used_store: CaseStore) -> None:
    _after_changing_the_file(used_store, _overwrite_pages)


def test_a_value_that_is_not_text_is_reported_the_full_way(used_store: CaseStore) -> None:
    _after_changing_the_file(
        used_store, _run_sql("UPDATE cases SET patient_name = CAST(X'FF00FE' AS TEXT)"))


class _Opened:
    def __init__(self) -> None:
        self.closed = False
        self.listed = 0

    def list_cases(self) -> list[str]:
        self.listed += 1
        return ["a case"]

    def close(self) -> None:
        self.closed = True


def test_the_store_opens_on_first_use_and_only_once() -> None:
    opened: list[_Opened] = []

    def open_store() -> _Opened:
        opened.append(_Opened())
        return opened[-1]

    store = StoreOnFirstUse(open_store)  # type: ignore[arg-type]
    assert not opened and not store.opened
    store.close()  # quitting before anything was used: nothing to open, nothing to close
    assert not opened
    assert store.list_cases() == ["a case"] and store.list_cases() == ["a case"]
    assert len(opened) == 1 and opened[0].listed == 2
    store.close()
    assert opened[0].closed


def test_the_first_screen_looks_for_the_marker_the_examples_leave() -> None:
    assert first_screen.EXAMPLES_MARKER == casefiles.EXAMPLES_MARKER
