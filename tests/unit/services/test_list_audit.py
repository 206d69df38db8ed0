"""Saving the payer directory or the practice regimens leaves an audit entry (who, when, which
change, how many rows; no names), on the SQLite file and on the shared database alike, and the
hash chain still checks afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.case_evidence import ArticleEvidence
from desktop_app.domain.case_parties import Payer
from desktop_app.domain.case_treatment import Drug
from desktop_app.domain.payers import PayerEntry
from desktop_app.services import audit, payer_csv, payer_section, payers, people, regimens
from desktop_app.services.cases import open_case_store

BAY_STATE = PayerEntry(name="Bay State Health Plan", plan_type="commercial_fully_insured",
                       state="MA", pa_fax="(617) 555-0188")
PINE_TREE = PayerEntry(name="Pine Tree Fictional Health", state="ME", pa_fax="(207) 555-0142")
DRUG = Drug(generic_name="gemcitabine", start_date=dt.date(2026, 12, 3))
ARTICLE = ArticleEvidence(title="SARC002", authors=["Maki RG"], journal="J Clin Oncol",
                          year=2007, pmid="17602081", design="randomized")


@pytest.fixture(autouse=True)
def _release_connections() -> Iterator[None]:
    yield
    audit.close()


def _list_entries() -> list[audit.AuditEntry]:
    wanted = {"payer_directory.saved", "practice_regimens.saved"}
    return [e for e in reversed(audit.entries(50)) if e.action in wanted]


def _chain_checks() -> None:
    report = audit.verify_chain()
    assert report.ok, report.message


def test_a_directory_save_is_logged_with_its_row_count_and_no_names() -> None:
    payers.save_practice_payers([BAY_STATE, PINE_TREE])
    [entry] = _list_entries()
    assert entry.action == "payer_directory.saved"
    assert entry.detail["change"] == "edited" and entry.detail["rows"] == 2
    assert entry.user and entry.at.tzinfo is not None
    assert "Bay State" not in str(entry.detail) and "Pine Tree" not in str(entry.detail)
    _chain_checks()


def test_a_csv_import_is_logged_with_what_it_added_updated_and_skipped(tmp_path: Path) -> None:
    payers.save_practice_payers([BAY_STATE])
    source = tmp_path / "in.csv"
    source.write_text(
        "name,state,pa_fax\n"
        "Bay State Health Plan,MA,(617) 555-0199\n"
        "Acme Plan <b>&amp;</b>,TX,214-555-0100\n"
        "Broken Fax Plan,TX,not a fax\n",
        "utf-8",
    )
    payer_csv.import_csv(source)
    imported = _list_entries()[-1]
    assert imported.detail["change"] == "csv_import"
    assert (imported.detail["added"], imported.detail["updated"],
            imported.detail["skipped"], imported.detail["rows"]) == (1, 1, 1, 2)
    assert "Acme" not in str(imported.detail)
    _chain_checks()


def test_a_payer_filled_in_from_a_case_is_logged() -> None:
    payer_section.update_from_case(
        Payer(name="Pine Tree Fictional Health", fax="207-555-0142"), "preauth")
    [entry] = _list_entries()
    assert entry.detail["change"] == "from_case" and entry.detail["rows"] == 1
    _chain_checks()


def test_regimen_saves_and_removals_are_logged() -> None:
    regimens.save_regimen("Gemcitabine + docetaxel", DRUG, [ARTICLE])
    regimens.save_regimen("Gemcitabine alone", DRUG, [])
    regimens.remove_regimen("Gemcitabine alone")
    logged = _list_entries()
    assert [e.action for e in logged] == ["practice_regimens.saved"] * 3
    assert [(e.detail["change"], e.detail["rows"]) for e in logged] == [
        ("saved", 1), ("saved", 2), ("removed", 1)]
    assert all("Gemcitabine" not in str(e.detail) for e in logged)
    _chain_checks()


def test_a_refused_directory_save_leaves_no_entry() -> None:
    bad = BAY_STATE.model_copy(update={"pa_fax": "(123) 456-7890"})
    with pytest.raises(payers.AppError, match="Bay State Health Plan"):
        payers.save_practice_payers([bad])
    assert _list_entries() == []
    _chain_checks()


def test_the_entry_names_the_person_signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people, "os_login", lambda: "frontdesk")
    with open_case_store() as store:
        admin = people.save_person(store, "Maria Admin", "admin", login="frontdesk")
        people.sign_in(store, admin)
    try:
        payers.save_practice_payers([BAY_STATE])
        regimens.save_regimen("Gemcitabine alone", DRUG, [])
    finally:
        people.sign_out()
    assert {e.user for e in _list_entries()} == {"Maria Admin (admin)"}
    _chain_checks()


@pytest.mark.postgresql_only
def test_on_the_shared_database_the_entry_commits_with_the_list() -> None:
    opened = payers.directory_version()
    payers.save_practice_payers([BAY_STATE])
    with pytest.raises(payers.DirectoryChanged):
        payers.save_practice_payers([PINE_TREE], opened=opened)  # stale: refused, nothing kept
    [entry] = _list_entries()
    assert entry.detail["revision"] == 1 and entry.detail["rows"] == 1
    _chain_checks()
