"""Payer lists to and from a spreadsheet: CSV import by line, export that stays text."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app import limits
from desktop_app.domain.payers import PayerEntry
from desktop_app.errors import AppError
from desktop_app.services import payer_csv, payers
from desktop_app.storage.payer_directory import PayerDirectoryFile

BAY_STATE = PayerEntry(name="Bay State Health Plan", plan_type="commercial_fully_insured",
                       state="MA", pa_fax="(617) 555-0188", appeals_fax="617-555-0199",
                       pa_address="100 Summer St, Boston, MA 02110", phone="(800) 555-0100")


def test_csv_round_trip_and_line_numbers_for_bad_rows(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    source = tmp_path / "in.csv"
    source.write_text(
        "name,plan_type,state,pa_fax,appeals_fax,phone,self_funded\n"
        "Bay State Health Plan,Commercial (fully insured),MA,(617) 555-0188,,,no\n"
        "Acme TPA,commercial_self_funded,TX,not a fax,,,yes\n"
        "Acme Plan <b>&amp;</b>,medicaid,tx,214-555-0100,,,\n",
        "utf-8",
    )
    result = payer_csv.import_csv(source, store)
    assert (result.added, result.updated) == (2, 0)
    assert result.problems == [
        "line 3: the PA fax not a fax is not a valid US or Canadian number (10 digits, "
        "a real area code)"
    ]
    own = payers.practice_payers(store)
    assert own[1].name == "Acme Plan <b>&amp;</b>"  # kept as typed, never markup
    assert own[1].state == "TX"
    out = tmp_path / "out.csv"
    rows = payer_csv.export_csv(out, store)
    text = out.read_text("utf-8")
    assert rows == 14 and text.splitlines()[0].startswith("name,plan_type,state")
    again = payer_csv.import_csv(out, PayerDirectoryFile(tmp_path / "other.json"))
    assert again.problems == [] and again.added == 14


def test_a_csv_without_a_header_says_so(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Bay State,MA\n", "utf-8")
    with pytest.raises(AppError, match="first row must name the columns"):
        payer_csv.import_csv(source, PayerDirectoryFile(tmp_path / "p.json"))


def test_a_csv_too_large_for_a_payer_list_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "payers.csv"
    with path.open("wb") as handle:
        handle.write(b"name\n")
        handle.truncate(limits.PRACTICE_LIST_BYTES + 1)
    store = PayerDirectoryFile(tmp_path / "payers.json")
    with pytest.raises(AppError, match="too large to be a payer list") as caught:
        payer_csv.import_csv(path, store)
    assert caught.value.file == str(path)
    assert payers.practice_payers(store) == []


def test_an_import_that_would_make_the_directory_unreadable_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV under the cap can still make a directory over it (its JSON is longer): saved,
    it could never be opened again, and every fax number in it would be out of reach."""
    store = PayerDirectoryFile(tmp_path / "payers.json")
    payers.save_practice_payers([BAY_STATE], store)
    path = tmp_path / "payers.csv"
    path.write_text("name,state\n" + "".join(f"Plan {n},MA\n" for n in range(2_000)), "utf-8")
    monkeypatch.setattr(limits, "PRACTICE_LIST_BYTES", 4 * path.stat().st_size)
    with pytest.raises(AppError, match=r"would be over .* nothing was saved") as caught:
        payer_csv.import_csv(path, store)
    assert caught.value.file == str(tmp_path / "payers.json")
    assert [e.name for e in payers.practice_payers(store)] == [BAY_STATE.name]


def test_a_csv_row_longer_than_a_case_field_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "payers.csv"
    path.write_text("name,pa_fax\nGood Plan,(617) 555-0188\n" + "x" * 150 + ",\n", "utf-8")
    store = PayerDirectoryFile(tmp_path / "payers.json")
    result = payer_csv.import_csv(path, store)
    assert result.added == 1
    assert len(result.problems) == 1
    assert result.problems[0].startswith("line 3: name")
    assert "150 characters" in result.problems[0]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Good Plan,(617) 555-0188\n" + "x" * (5 * 1024 * 1024) + "\n", 3),  # a 5 MB cell
        ("Good Plan,(617) 555-0188\n\"Open Plan,(617) 555-0100\n" + "y" * 2_000_000, 3),
    ],
    ids=["ten-megabyte-line", "quote-never-closed"],
)
def test_a_csv_cell_past_csvs_limit_is_refused_naming_file_and_line(
    tmp_path: Path, body: str, line: int
) -> None:
    path = tmp_path / "payers.csv"
    path.write_text("name,pa_fax\n" + body, "utf-8")
    store = PayerDirectoryFile(tmp_path / "payers.json")
    with pytest.raises(AppError, match="the CSV cannot be read") as caught:
        payer_csv.import_csv(path, store)  # once csv.Error: a crash report, not a message
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert payers.practice_payers(store) == []  # the good row before it is not half-imported


def test_an_exported_cell_never_runs_as_a_spreadsheet_formula(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    sly = BAY_STATE.model_copy(update={"notes": '=HYPERLINK("http://x.example","call")',
                                       "phone": "+1 617 555 0100"})
    payers.save_practice_payers([sly], store)
    out = tmp_path / "payers.csv"
    payer_csv.export_csv(out, store)
    text = out.read_text("utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    # Read back, the notes are the words staff typed, not the guard.
    other = PayerDirectoryFile(tmp_path / "other.json")
    payer_csv.import_csv(out, other)
    [back] = [e for e in payers.practice_payers(other) if e.name == BAY_STATE.name]
    assert back.notes == '=HYPERLINK("http://x.example","call")'
    assert back.phone == "(617) 555-0100"


@pytest.mark.parametrize(
    ("cell", "code_point"),
    [("Bay State \u202eHealth", "U+202E"), ("Bay\x00State", "U+0000"),
     ("Bay State\x1b[31m", "U+001B"), ("Bay\u200bState", "U+200B")],
    ids=["right-to-left-override", "nul", "escape", "zero-width-space"],
)
def test_a_hidden_character_in_a_name_is_reported_by_line(tmp_path: Path, cell: str,
                                                          code_point: str) -> None:
    """A case that picks such an entry could not be sent (text.hidden_characters)."""
    path = tmp_path / "payers.csv"
    path.write_text(f"name,pa_fax\nGood Plan,(617) 555-0188\n{cell},(617) 555-0199\n", "utf-8")
    store = PayerDirectoryFile(tmp_path / "payers.json")
    result = payer_csv.import_csv(path, store)
    assert result.added == 1
    assert result.problems == [f"line 3: the name has a hidden character ({code_point} "
                               + result.problems[0].split(f"({code_point} ", 1)[1]]
    assert "Bay" not in result.problems[0]
    assert [e.name for e in payers.practice_payers(store)] == ["Good Plan"]


def test_a_row_whose_cells_moved_is_reported_by_line(tmp_path: Path) -> None:
    """An address with a comma and no quotes: the fax would land in the notes column."""
    path = tmp_path / "payers.csv"
    path.write_text("name,pa_address,notes,pa_fax\n"
                    "Bay State,100 Summer St, Boston MA,call first,(617) 555-0188\n", "utf-8")
    store = PayerDirectoryFile(tmp_path / "payers.json")
    result = payer_csv.import_csv(path, store)
    assert result.added == 0
    assert result.problems[0].startswith("line 2: the row has more cells than the first row")


def test_a_column_named_twice_is_refused_naming_the_header(tmp_path: Path) -> None:
    path = tmp_path / "payers.csv"
    path.write_text("name,pa_fax,pa_fax\nBay State,(617) 555-0188,(617) 555-0199\n", "utf-8")
    store = PayerDirectoryFile(tmp_path / "payers.json")
    with pytest.raises(AppError, match="'pa_fax' is named twice") as caught:
        payer_csv.import_csv(path, store)
    assert (caught.value.file, caught.value.line) == (str(path), 1)
    assert payers.practice_payers(store) == []


def test_a_csv_with_mac_line_ends_imports_every_row(tmp_path: Path) -> None:
    """Excel for Mac saves "CSV (Macintosh)" with a CR alone at each line end."""
    path = tmp_path / "payers.csv"
    path.write_bytes(b"name,state\rBay State Health Plan,MA\rPine Tree Health,ME\r")
    store = PayerDirectoryFile(tmp_path / "payers.json")
    result = payer_csv.import_csv(path, store)
    assert (result.added, result.problems) == (2, [])
    assert [e.state for e in payers.practice_payers(store)] == ["MA", "ME"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=120), notes=st.text(max_size=200))
def test_any_cell_imports_as_typed_or_is_reported_by_line(tmp_path: Path, name: str,
                                                          notes: str) -> None:
    """Whatever a spreadsheet holds: kept as text (a formula stays text after an export and
    an import), or the row is reported by its line; never a traceback."""
    store = PayerDirectoryFile(tmp_path / f"p-{uuid.uuid4().hex}.json")
    path = tmp_path / f"in-{uuid.uuid4().hex}.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["name", "notes"], [name, notes]])
    path.write_text(buffer.getvalue(), "utf-8")
    try:
        result = payer_csv.import_csv(path, store)
    except AppError as exc:
        assert exc.file == str(path)
        return
    if result.added == 0:
        assert len(result.problems) == 1 and result.problems[0].startswith("line 2: ")
        return
    [kept] = payers.practice_payers(store)
    assert kept.name == name.strip() and kept.notes == notes.strip()
    out = tmp_path / f"out-{uuid.uuid4().hex}.csv"
    payer_csv.export_csv(out, store)
    again = PayerDirectoryFile(tmp_path / f"q-{uuid.uuid4().hex}.json")
    assert payer_csv.import_csv(out, again).problems == []
    # The export holds the shipped entries too (the whole list): ours is among them, as kept.
    assert kept in [e.model_copy(update={"builtin": False}) for e in
                    payers.practice_payers(again) if e.name == kept.name]


def test_notes_with_a_lone_carriage_return_survive_an_export_and_an_import(
        tmp_path: Path) -> None:
    """A note pasted from an old Mac file keeps its CR; the export must not split its row."""
    store = PayerDirectoryFile(tmp_path / "payers.json")
    path = tmp_path / "in.csv"
    path.write_bytes(b'name,notes\nBay State Health Plan,"Fax cover first\rthen the form"\n')
    assert payer_csv.import_csv(path, store).problems == []
    out = tmp_path / "out.csv"
    payer_csv.export_csv(out, store)
    again = PayerDirectoryFile(tmp_path / "again.json")
    result = payer_csv.import_csv(out, again)
    assert result.problems == [] and result.updated == 0
    [kept] = [e for e in payers.practice_payers(again) if e.name == "Bay State Health Plan"]
    assert kept.notes == "Fax cover first\rthen the form"
