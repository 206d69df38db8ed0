"""The payer directory: shipped Medicare contractors, the practice's own entries, NANP faxes,
CSV in and out, and the checklist's fax findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app import limits
from desktop_app.domain.case import Payer
from desktop_app.domain.payers import PayerEntry, is_valid_nanp_fax, same_fax
from desktop_app.errors import AppError, StorageError
from desktop_app.letters.samples import full_case
from desktop_app.services import payers
from desktop_app.services.check import check_case
from desktop_app.storage.payer_directory import PayerDirectoryFile

BAY_STATE = PayerEntry(name="Bay State Health Plan", plan_type="commercial_fully_insured",
                       state="MA", pa_fax="(617) 555-0188", appeals_fax="617-555-0199",
                       pa_address="100 Summer St, Boston, MA 02110", phone="(800) 555-0100")


@pytest.mark.parametrize(("number", "valid"), [
    ("(701) 277-7886", True), ("701.277.7886", True), ("+1 701 277 7886", True),
    ("1-866-352-6158", True), ("(123) 456-7890", False), ("555-0199", False),
    ("+44 20 7946 0958", False), ("call the office", False), ("", False),
])
def test_fax_numbers_are_checked_as_nanp_numbers(number: str, valid: bool) -> None:
    assert is_valid_nanp_fax(number) is valid


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_fax_checks_never_raise(text: str) -> None:
    is_valid_nanp_fax(text)
    assert same_fax(text, text)


def test_the_medicare_contractors_ship_with_the_directory(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    entries = payers.payer_directory(store)
    macs = [e for e in entries if e.builtin]
    assert len(macs) == 12
    assert {e.plan_type for e in macs} == {"medicare_part_b"}
    oregon = [e for e in macs if "OR" in e.states]
    assert [e.jurisdiction for e in oregon] == ["JF"]
    assert all(e.source for e in macs)
    # Each state is served by exactly one contractor, DC and the territories included.
    served = [s for e in macs for s in e.states]
    assert len(served) == len(set(served)) and {"DC", "PR", "GU"} <= set(served)
    # Where a contractor's appeals page was read, staff find it in the entry's notes, and a
    # fax shipped with a contractor is a dialable NANP number.
    assert "med.noridianmedicare.com/web/jfb/" in oregon[0].notes
    assert all(is_valid_nanp_fax(e.appeals_fax) for e in macs if e.appeals_fax)
    florida = next(e for e in macs if "FL" in e.states)
    assert florida.fax_for("appeal") == "(904) 361-0595" and florida.verified
    assert "medicare.fcso.com/wrapped/0508625.asp" in florida.source


def test_a_practice_entry_replaces_the_shipped_one_of_that_name(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    jf = next(e for e in payers.payer_directory(store) if e.jurisdiction == "JF")
    mine = jf.model_copy(update={"builtin": False, "pa_fax": "(701) 277-7886"})
    payers.save_practice_payers([mine], store)
    entries = payers.payer_directory(store)
    named = [e for e in entries if e.name == jf.name]
    assert len(named) == 1 and named[0].pa_fax == "(701) 277-7886"
    assert (tmp_path / "payers.json").stat().st_mode & 0o077 == 0  # the user's alone


def test_a_bad_fax_is_refused_with_the_payer_named(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    bad = BAY_STATE.model_copy(update={"pa_fax": "(123) 456-7890"})
    with pytest.raises(AppError, match="Bay State Health Plan: the PA fax"):
        payers.save_practice_payers([bad], store)


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
    result = payers.import_csv(source, store)
    assert (result.added, result.updated) == (2, 0)
    assert result.problems == [
        "line 3: the PA fax not a fax is not a valid US or Canadian number (10 digits, "
        "a real area code)"
    ]
    own = payers.practice_payers(store)
    assert own[1].name == "Acme Plan <b>&amp;</b>"  # kept as typed, never markup
    assert own[1].state == "TX"
    out = tmp_path / "out.csv"
    rows = payers.export_csv(out, store)
    text = out.read_text("utf-8")
    assert rows == 14 and text.splitlines()[0].startswith("name,plan_type,state")
    again = payers.import_csv(out, PayerDirectoryFile(tmp_path / "other.json"))
    assert again.problems == [] and again.added == 14


def test_a_csv_without_a_header_says_so(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Bay State,MA\n", "utf-8")
    with pytest.raises(AppError, match="first row must name the columns"):
        payers.import_csv(source, PayerDirectoryFile(tmp_path / "p.json"))


def test_the_checklist_warns_when_the_case_fax_differs_from_the_directory() -> None:
    payers.save_practice_payers([BAY_STATE])
    case = full_case("preauth")
    case = case.model_copy(update={"payer": Payer(
        name="bay state health plan", plan_type="commercial_fully_insured",
        member_id="X1", fax="(617) 555-0177")})
    found = [f for f in check_case(case).findings if f.code == "payer.fax_differs_from_directory"]
    assert [f.field for f in found] == ["payer.fax"]
    assert "(617) 555-0188" in found[0].message
    same = case.model_copy(update={"payer": case.payer.model_copy(update={"fax": "617.555.0188"})})
    assert not [f for f in check_case(same).findings
                if f.code == "payer.fax_differs_from_directory"]
    appeal = full_case("appeal")
    appeal = appeal.model_copy(update={"payer": same.payer})
    assert [f for f in check_case(appeal).findings  # an appeal goes to the appeals fax
            if f.code == "payer.fax_differs_from_directory"]


def test_an_invalid_fax_on_the_case_is_an_error() -> None:
    case = full_case("preauth")
    case = case.model_copy(update={"payer": case.payer.model_copy(update={"fax": "555-0188"})})
    found = [f for f in check_case(case).findings if f.code == "fax.invalid"]
    assert [f.field for f in found] == ["payer.fax"]


def test_an_entry_the_file_could_not_hold_is_refused_before_saving(tmp_path: Path) -> None:
    # Typed in the directory table: a pasted page as the name, "Ohio" as the state. Saved as
    # they are, the directory would no longer load at the next start.
    store = PayerDirectoryFile(tmp_path / "payers.json")
    payers.save_practice_payers([BAY_STATE], store)
    long_name = BAY_STATE.model_copy(update={"name": "Plan " * 400})
    with pytest.raises(AppError, match="holds 2,000 characters"):
        payers.save_practice_payers([long_name], store)
    ohio = BAY_STATE.model_copy(update={"state": "Ohio"})
    assert payers.payer_problems(ohio) == ["the state must be a two-letter code such as OH"]
    with pytest.raises(AppError, match="two-letter code"):
        payers.save_practice_payers([ohio], store)
    assert [e.name for e in payers.practice_payers(store)] == ["Bay State Health Plan"]


def test_a_huge_or_deeply_nested_directory_file_is_named_not_read(tmp_path: Path) -> None:
    path = tmp_path / "payers.json"
    with path.open("wb") as handle:
        handle.truncate(limits.PRACTICE_LIST_BYTES + 1)
    with pytest.raises(StorageError, match="over 10 MB") as caught:
        PayerDirectoryFile(path).load()
    assert caught.value.file == str(path)
    path.write_text("[" * 5000 + "]" * 5000, "utf-8")
    with pytest.raises(StorageError, match="damaged"):
        PayerDirectoryFile(path).load()


def test_a_csv_too_large_for_a_payer_list_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "payers.csv"
    with path.open("wb") as handle:
        handle.write(b"name\n")
        handle.truncate(limits.PRACTICE_LIST_BYTES + 1)
    store = PayerDirectoryFile(tmp_path / "payers.json")
    with pytest.raises(AppError, match="too large to be a payer list") as caught:
        payers.import_csv(path, store)
    assert caught.value.file == str(path)
    assert payers.practice_payers(store) == []


def test_a_csv_row_longer_than_a_case_field_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "payers.csv"
    path.write_text("name,pa_fax\nGood Plan,(617) 555-0188\n" + "x" * 150 + ",\n", "utf-8")
    store = PayerDirectoryFile(tmp_path / "payers.json")
    result = payers.import_csv(path, store)
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
        payers.import_csv(path, store)  # once csv.Error: a crash report, not a message
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert payers.practice_payers(store) == []  # the good row before it is not half-imported


def test_an_exported_cell_never_runs_as_a_spreadsheet_formula(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    sly = BAY_STATE.model_copy(update={"notes": '=HYPERLINK("http://x.example","call")',
                                       "phone": "+1 617 555 0100"})
    payers.save_practice_payers([sly], store)
    out = tmp_path / "payers.csv"
    payers.export_csv(out, store)
    text = out.read_text("utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    # Read back, the notes are the words staff typed, not the guard.
    other = PayerDirectoryFile(tmp_path / "other.json")
    payers.import_csv(out, other)
    [back] = [e for e in payers.practice_payers(other) if e.name == BAY_STATE.name]
    assert back.notes == '=HYPERLINK("http://x.example","call")'
    assert back.phone == "(617) 555-0100"


def test_a_shipped_fax_not_read_on_the_contractors_own_page_asks_to_be_confirmed() -> None:
    jj = next(e for e in payers.payer_directory() if e.jurisdiction == "JJ")
    jm = next(e for e in payers.payer_directory() if e.jurisdiction == "JM")
    appeal = full_case("appeal")

    def findings(entry: PayerEntry, fax: str) -> list[str]:
        case = appeal.model_copy(update={"payer": Payer(
            name=entry.name, plan_type="medicare_part_b", member_id="1EG4TE5MK73",
            fax=fax, address=entry.appeals_address)})
        return [f.field or "" for f in check_case(case).findings
                if f.code == "payer.directory_unconfirmed"]

    # JJ's page was read on a copy off palmettogba.com: staff are asked to check it there.
    assert sorted(findings(jj, "803.870.0139")) == ["payer.address", "payer.fax"]
    # JM's was read on Palmetto GBA's own page; a fax staff typed themselves is theirs.
    assert findings(jm, jm.appeals_fax) == []
    assert findings(jj, "(803) 555-0100") == ["payer.address"]


def test_a_directory_file_saved_with_a_byte_order_mark_keeps_its_payers(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    payers.save_practice_payers([BAY_STATE], store)
    store.path.write_bytes(b"\xef\xbb\xbf" + store.path.read_bytes())  # fixed in Notepad
    assert [e.name for e in PayerDirectoryFile(store.path).load()] == [BAY_STATE.name]
