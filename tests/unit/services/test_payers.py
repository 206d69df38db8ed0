"""The payer directory: shipped Medicare contractors, the practice's own entries, NANP faxes,
and the checklist's fax findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app import limits
from desktop_app.domain.case_parties import Payer
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
