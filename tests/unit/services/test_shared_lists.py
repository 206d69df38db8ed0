"""The payer directory and practice regimens on a shared database: every desk sees the same
lists, the second desk to save over the other's is told, and a desk's earlier file is moved
in once without either list being lost. With the SQLite file they stay files, as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop_app.domain.case_parties import Payer
from desktop_app.domain.case_treatment import Drug
from desktop_app.domain.payers import PayerEntry
from desktop_app.services import payer_section, payers, regimens
from desktop_app.services.shared_lists import regimen_store
from desktop_app.storage.payer_directory import payers_text

BAY_STATE = PayerEntry(name="Bay State Health Plan", plan_type="commercial_fully_insured",
                       state="MA", pa_fax="(617) 555-0188")
PINE_TREE = PayerEntry(name="Pine Tree Fictional Health", state="ME", pa_fax="(207) 555-0142")
DRUG = Drug(generic_name="gemcitabine", start_date=dt.date(2026, 12, 3))


@pytest.fixture
def desks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path):  # type: ignore[no-untyped-def]
    """Two desks' data folders on the same database."""
    monkeypatch.setenv("PA_LETTER_AUDIT_KEY_FILE", str(tmp_path / "practice-audit.key"))
    other = tmp_path / "desk-b"
    other.mkdir()

    def at(desk: str) -> Path:
        home = pa_letter_home if desk == "a" else other
        monkeypatch.setenv("PA_LETTER_HOME", str(home))
        return home

    return at


def _own_names() -> list[str]:
    return [e.name for e in payers.practice_payers()]


@pytest.mark.postgresql_only
def test_a_payer_saved_at_one_desk_is_offered_at_another(desks) -> None:  # type: ignore[no-untyped-def]
    home_a = desks("a")
    payers.save_practice_payers([BAY_STATE])
    assert not (home_a / "payers.json").exists()  # in the database, not a desk's file
    desks("b")
    assert [e.name for e in payers.search_payers("bay state")] == ["Bay State Health Plan"]
    entry = payer_section.directory_entry_for(Payer(name="bay state health plan"))
    assert entry is not None and entry.pa_fax == "(617) 555-0188"


@pytest.mark.postgresql_only
def test_the_second_desk_to_save_the_directory_is_told_and_the_first_save_stands(desks) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    opened_a = payers.directory_version()
    desks("b")
    opened_b = payers.directory_version()
    desks("a")
    payers.save_practice_payers([BAY_STATE], opened=opened_a)
    desks("b")
    with pytest.raises(payers.DirectoryChanged, match="yours was not saved"):
        payers.save_practice_payers([PINE_TREE], opened=opened_b)
    assert _own_names() == ["Bay State Health Plan"]
    # Opened again, the second desk sees the first's list and saves over it.
    payers.save_practice_payers([BAY_STATE, PINE_TREE], opened=payers.directory_version())
    desks("a")
    assert _own_names() == ["Bay State Health Plan", "Pine Tree Fictional Health"]


@pytest.mark.postgresql_only
def test_a_case_payer_put_in_the_directory_keeps_the_other_desks_entries(desks) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    payers.save_practice_payers([BAY_STATE])
    desks("b")
    payer_section.update_from_case(
        Payer(name="Pine Tree Fictional Health", fax="207-555-0142"), "preauth")
    desks("a")
    assert sorted(_own_names()) == ["Bay State Health Plan", "Pine Tree Fictional Health"]


@pytest.mark.postgresql_only
def test_the_first_desks_own_list_is_moved_in_once_and_kept(desks) -> None:  # type: ignore[no-untyped-def]
    home_a = desks("a")
    (home_a / "payers.json").write_text(payers_text([BAY_STATE]), "utf-8")
    assert _own_names() == ["Bay State Health Plan"]
    assert not (home_a / "payers.json").exists()
    moved = json.loads((home_a / "payers.moved-to-database.json").read_text("utf-8"))
    assert [p["name"] for p in moved["payers"]] == ["Bay State Health Plan"]
    assert payers.earlier_desk_list() is None

    home_b = desks("b")
    (home_b / "payers.json").write_text(payers_text([PINE_TREE]), "utf-8")
    assert _own_names() == ["Bay State Health Plan"]  # the practice's list, not merged
    assert (home_b / "payers.json").read_text("utf-8") == payers_text([PINE_TREE])
    assert payers.earlier_desk_list() == home_b / "payers.json"


@pytest.mark.postgresql_only
def test_a_damaged_local_list_is_left_for_someone_to_fix(desks) -> None:  # type: ignore[no-untyped-def]
    home_a = desks("a")
    (home_a / "payers.json").write_text("{not json", "utf-8")
    assert _own_names() == []
    assert (home_a / "payers.json").read_text("utf-8") == "{not json"
    assert payers.earlier_desk_list() == home_a / "payers.json"


@pytest.mark.postgresql_only
def test_a_regimen_saved_at_one_desk_is_offered_at_another(desks) -> None:  # type: ignore[no-untyped-def]
    home_a = desks("a")
    regimens.save_regimen("Gem/doce", DRUG, [])
    assert not (home_a / "regimens.json").exists()
    desks("b")
    regimens.save_regimen("Gem alone", DRUG, [])
    desks("a")
    assert [r.name for r in regimens.practice_regimens()] == ["Gem alone", "Gem/doce"]
    assert [label for label, _r in regimens.regimen_choices("gem alone")]


@pytest.mark.postgresql_only
def test_a_regimen_save_over_a_list_changed_since_it_was_read_is_refused(desks) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    store = regimen_store()
    store.load()
    desks("b")
    regimens.save_regimen("Gem alone", DRUG, [])
    with pytest.raises(payers.DirectoryChanged, match="practice regimens"):
        store.save([])
    assert [r.name for r in regimens.practice_regimens()] == ["Gem alone"]


@pytest.mark.sqlite_only
def test_with_the_sqlite_file_the_lists_stay_files_in_the_data_folder(pa_letter_home: Path) -> None:
    payers.save_practice_payers([BAY_STATE])
    regimens.save_regimen("Gem/doce", DRUG, [])
    saved = json.loads((pa_letter_home / "payers.json").read_text("utf-8"))
    assert [p["name"] for p in saved["payers"]] == ["Bay State Health Plan"]
    assert (pa_letter_home / "regimens.json").exists()


@pytest.mark.sqlite_only
def test_with_the_file_a_save_over_a_changed_list_is_refused_too(pa_letter_home: Path) -> None:
    opened = payers.directory_version()
    payers.save_practice_payers([BAY_STATE])  # say, another desk on the shared folder
    with pytest.raises(payers.DirectoryChanged):
        payers.save_practice_payers([PINE_TREE], opened=opened)
    assert _own_names() == ["Bay State Health Plan"]
