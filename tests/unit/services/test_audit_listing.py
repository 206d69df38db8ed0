"""Reading the audit log out: chosen by day, case, action or count, oldest first, in pages;
handed over as CSV a spreadsheet cannot be tricked by, or as JSON; the export itself recorded."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.errors import StorageError
from desktop_app.services import audit
from desktop_app.services.audit_listing import (
    CSV_COLUMNS,
    EntryChoice,
    case_ids_starting_with,
    count_entries,
    export_csv,
    listed_entries,
    local_day_span,
    write_csv,
    write_json,
)
from desktop_app.storage import audit_listing as stored_listing
from desktop_app.storage.audit import append_entry
from desktop_app.storage.audit_chain import GENESIS_HASH, AuditEntry


@pytest.fixture(autouse=True)
def _release_connections() -> Iterator[None]:
    yield
    audit.close()


def _at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour).astimezone()  # this computer's local time


def _log(*rows: tuple[dt.datetime, str, str | None]) -> None:
    """Entries at chosen times, in one valid chain (append_entry takes the time)."""
    with audit.cached_database().writing() as session:
        for at, action, case_id in rows:
            append_entry(session, action=action, user="Rae Kim (admin)", case_id=case_id,
                         detail={"format": "pdf"}, at=at)


def _ids(choice: EntryChoice) -> list[int]:
    return [entry.id for entry in listed_entries(choice)]


def test_days_are_local_and_both_ends_are_included() -> None:
    _log((_at(1, 0), "letter.rendered", "case-a"), (_at(2, 23), "letter.signed", "case-a"),
         (_at(3, 0), "letter.rendered", "case-b"), (_at(4, 9), "case.saved", "case-b"))
    since, until = local_day_span(dt.date(2026, 11, 2), dt.date(2026, 11, 3))
    assert _ids(EntryChoice(since=since, until=until)) == [2, 3]
    assert _ids(EntryChoice(since=local_day_span(dt.date(2026, 11, 4), None)[0])) == [4]
    assert _ids(EntryChoice(until=local_day_span(None, dt.date(2026, 11, 1))[1])) == [1]
    assert audit.verify_chain().ok


def test_one_case_one_action_and_the_newest_n_come_out_oldest_first() -> None:
    _log(*[(_at(day), "letter.rendered" if day % 2 else "case.saved", f"case-{day % 3}")
           for day in range(1, 11)])
    assert _ids(EntryChoice()) == list(range(1, 11))
    assert _ids(EntryChoice(case_id="case-1")) == [1, 4, 7, 10]
    assert _ids(EntryChoice(action="case.saved")) == [2, 4, 6, 8, 10]
    assert _ids(EntryChoice(action="case.saved", newest=2)) == [8, 10]
    assert _ids(EntryChoice(newest=3)) == [8, 9, 10]
    assert _ids(EntryChoice(newest=50)) == list(range(1, 11))
    assert count_entries(EntryChoice(action="case.saved", newest=2)) == 5
    assert _ids(EntryChoice(case_id="no-such-case")) == []


FIRST = "3f2a9c10-5b7e-4c1d-9a2b-000000000001"
SECOND = "3f2a9c10-5b7e-4c1d-9a2b-000000000002"
OTHER = "7b1e22d4-0c9f-4e3a-8d6b-000000000003"


def test_a_case_is_found_by_the_beginning_of_its_id() -> None:
    _log((_at(1), "case.created", FIRST), (_at(2), "case.created", SECOND),
         (_at(3), "case.created", OTHER), (_at(4), "letter.rendered", None),
         (_at(5), "case.saved", OTHER))
    assert case_ids_starting_with("7b1e22") == [OTHER]  # once, however many entries
    assert case_ids_starting_with("7B1E22D4") == [OTHER]  # as typed from a printout
    assert case_ids_starting_with("3f2a9c") == [FIRST, SECOND]
    assert case_ids_starting_with("3f2a9c10-5b7e-4c1d-9a2b-000000000002") == [SECOND]
    assert case_ids_starting_with("000000") == []  # the beginning only


def test_a_whole_case_id_is_that_case_even_when_another_begins_with_it() -> None:
    _log((_at(1), "case.created", "case-a1b2c3"), (_at(2), "case.created", "case-a1b2c3-copy"))
    assert case_ids_starting_with("case-a1b2c3") == ["case-a1b2c3"]
    assert case_ids_starting_with("case-a1") == ["case-a1b2c3", "case-a1b2c3-copy"]


def test_wildcards_in_a_typed_case_id_match_only_themselves() -> None:
    _log((_at(1), "case.created", "ab%_cd-1"), (_at(2), "case.created", "abxycd-2"))
    assert case_ids_starting_with("ab%_cd") == ["ab%_cd-1"]
    assert case_ids_starting_with("ab____") == []


def test_an_empty_log_lists_nothing() -> None:
    assert _ids(EntryChoice()) == [] and count_entries(EntryChoice()) == 0
    assert _ids(EntryChoice(newest=5)) == []


def test_a_long_log_is_read_in_pages_each_entry_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stored_listing, "PAGE_ROWS", 3)
    _log(*[(_at(1 + n // 4), "case.saved", None) for n in range(10)])
    assert _ids(EntryChoice()) == list(range(1, 11))
    assert _ids(EntryChoice(newest=7)) == list(range(4, 11))


def _entry(user: str, detail: dict[str, object] | None = None) -> AuditEntry:
    return AuditEntry(7, dt.datetime(2026, 11, 2, 14, 5, 9, 1234, tzinfo=dt.UTC), user,
                      "letter.signed", "case-7", dict(detail or {"pages": 4}),  # type: ignore[arg-type]
                      GENESIS_HASH, "ab" * 32)


def _parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.no_database  # pure formatting: one run is enough
def test_csv_has_a_header_utc_times_and_the_stored_detail() -> None:
    out = io.StringIO(newline="")
    assert write_csv([_entry("Rae Kim (admin)")], out) == 1
    header, row = _parsed(out.getvalue())
    assert tuple(header) == CSV_COLUMNS
    assert row == ["7", "2026-11-02T14:05:09Z", "Rae Kim (admin)", "letter.signed", "case-7",
                   '{"pages":4}', GENESIS_HASH, "ab" * 32]
    assert out.getvalue().endswith("\r\n")


@pytest.mark.no_database  # pure formatting: one run is enough
@pytest.mark.parametrize("user", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\tTab", "\rReturn"])
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(user: str) -> None:
    out = io.StringIO(newline="")
    write_csv([_entry(user)], out)
    assert _parsed(out.getvalue())[1][2] == "'" + user
    json_out = io.StringIO()
    write_json([_entry(user)], json_out)
    assert json.loads(json_out.getvalue())[0]["user"] == user  # JSON is not for spreadsheets


@pytest.mark.no_database  # pure formatting: one run is enough
@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_user_name_survives_the_csv_round_trip(user: str) -> None:
    out = io.StringIO(newline="")
    write_csv([_entry(user), _entry("second")], out)
    rows = _parsed(out.getvalue())
    assert len(rows) == 3 and rows[2][2] == "second"
    assert rows[1][2] in (user, "'" + user)


@pytest.mark.no_database  # pure formatting: one run is enough
def test_json_is_an_array_of_the_entries() -> None:
    out = io.StringIO()
    assert write_json([_entry("Ana Ruiz (staff)"), _entry("Bo")], out) == 2
    items = json.loads(out.getvalue())
    assert [item["user"] for item in items] == ["Ana Ruiz (staff)", "Bo"]
    assert items[0]["at_utc"] == "2026-11-02T14:05:09Z" and items[0]["detail"] == {"pages": 4}
    empty = io.StringIO()
    assert write_json([], empty) == 0 and json.loads(empty.getvalue()) == []


def test_export_writes_a_private_file_and_records_that_it_did(tmp_path: Path) -> None:
    _log((_at(1), "letter.rendered", "case-a"), (_at(2), "letter.signed", "case-b"))
    target = tmp_path / "log.csv"
    assert export_csv(target) == 2
    assert os.stat(target).st_mode & 0o777 == 0o600
    rows = _parsed(target.read_text(encoding="utf-8"))
    assert [row[3] for row in rows[1:]] == ["letter.rendered", "letter.signed"]
    newest = audit.entries(1)[0]
    assert newest.action == "audit.exported" and newest.detail == {"format": "csv", "entries": 2}
    assert export_csv(tmp_path / "one.csv", EntryChoice(case_id="case-b")) == 1
    assert audit.verify_chain().ok


def test_an_export_that_cannot_be_written_leaves_no_file_and_no_entry(tmp_path: Path) -> None:
    _log((_at(1), "letter.rendered", "case-a"))
    with pytest.raises(StorageError):
        export_csv(tmp_path / "missing-folder" / "log.csv")
    assert [e.action for e in audit.entries(5)] == ["letter.rendered"]
    assert not list(tmp_path.rglob("*.csv")) and not list(tmp_path.rglob(".part-*"))

