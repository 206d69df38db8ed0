"""A case's payer section against the directory: what an entry fills, where the case differs
(formatting aside), and a case's numbers put back for the letter kind it is."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.case_parties import Payer
from desktop_app.domain.payers import PayerEntry
from desktop_app.services import payer_section, payers
from desktop_app.storage.payer_directory import PayerDirectoryFile

BAY_STATE = PayerEntry(name="Bay State Health Plan", plan_type="commercial_fully_insured",
                       state="MA", pa_fax="(617) 555-0188", appeals_fax="(617) 555-0199",
                       pa_address="100 Summer St, Boston, MA 02110", phone="(800) 555-0100")


def test_an_entry_fills_the_fax_and_address_of_the_letter_kind() -> None:
    preauth = payer_section.directory_fields(BAY_STATE, "preauth")
    assert (preauth["fax"], preauth["address"]) == ("(617) 555-0188", BAY_STATE.pa_address)
    assert payer_section.directory_fields(BAY_STATE, "appeal")["fax"] == "(617) 555-0199"
    self_funded = BAY_STATE.model_copy(update={"self_funded": True})
    assert payer_section.directory_fields(self_funded, None)["plan_type"] == (
        "commercial_self_funded")


def test_only_real_differences_are_named_not_formatting() -> None:
    same = Payer(name="Bay State Health Plan", fax="617.555.0188",
                 address="100 Summer St,  Boston, MA 02110", phone="(800) 555-0100")
    assert payer_section.differs_from_directory(same, BAY_STATE, "preauth") == []
    moved = same.model_copy(update={"fax": "(617) 555-0177", "address": "1 Elm St"})
    assert payer_section.differs_from_directory(moved, BAY_STATE, "preauth") == [
        "fax", "address"]
    # An appeal is compared with the appeals fax; a blank on either side is no difference.
    assert payer_section.differs_from_directory(same, BAY_STATE, "appeal") == ["fax"]
    assert payer_section.differs_from_directory(Payer(name="Bay State Health Plan"),
                                                BAY_STATE, "appeal") == []


def test_an_appeals_fax_from_a_case_goes_to_the_appeals_fax(tmp_path: Path) -> None:
    store = PayerDirectoryFile(tmp_path / "payers.json")
    payers.save_practice_payers([BAY_STATE], store)
    case_payer = Payer(name="bay state health plan", plan_type="commercial_fully_insured",
                       fax="617-555-0111")
    updated = payer_section.update_from_case(case_payer, "appeal", store)
    assert (updated.appeals_fax, updated.pa_fax) == ("617-555-0111", "(617) 555-0188")
    [saved] = payers.practice_payers(store)
    assert saved.name == "Bay State Health Plan" and saved.appeals_fax == "(617) 555-0111"
