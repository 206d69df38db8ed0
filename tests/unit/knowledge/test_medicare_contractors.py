"""The shipped Medicare Part B contractors: every filled fax dials, every filled value says
the page it was read on and that page's date, and a case's state gets its own address."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.payers import is_valid_nanp_fax
from desktop_app.errors import StorageError
from desktop_app.knowledge.medicare_contractors import (
    contractor_data,
    contractor_entries,
    contractor_for_state,
)
from desktop_app.knowledge.reference import BUNDLED_DIR, OVERRIDE_FOLDER, reload_reference_data
from desktop_app.services.payer_section import directory_fields

BUNDLED = json.loads((BUNDLED_DIR / "medicare_contractors.json").read_text(encoding="utf-8"))


def _reads() -> list[Any]:
    found = []
    for mac in contractor_data().contractors:
        found += [(mac.jurisdiction, g, g.read_at) for g in mac.redetermination]
        if mac.contact_center is not None:
            found.append((mac.jurisdiction, mac.contact_center, mac.contact_center.read_at))
    return found


def test_every_filled_fax_and_phone_is_a_dialable_nanp_number() -> None:
    entries = contractor_entries()
    faxes = [e.appeals_fax for e in entries if e.appeals_fax]
    phones = [e.phone for e in entries if e.phone]
    assert faxes and phones  # the release ships some
    assert all(is_valid_nanp_fax(n) for n in faxes + phones)


def test_every_filled_value_names_its_page_and_the_pages_date() -> None:
    reads = _reads()
    assert len(reads) >= 6
    for jurisdiction, _value, read in reads:
        assert read.url.startswith("https://"), jurisdiction
        assert read.read is not None
        # The page's own date, or a note saying the page shows none.
        assert read.page_date is not None or "no date" in read.note, jurisdiction
        if not read.verified:  # a copy elsewhere, or the wrong section: the note says where
            assert read.note.strip(), jurisdiction
    for entry in contractor_entries():
        if entry.appeals_fax or entry.appeals_address or entry.phone:
            assert "https://" in entry.source and "read 2026-12-01" in entry.source


def test_a_copy_seen_off_the_contractors_site_stays_unconfirmed() -> None:
    by_jurisdiction = {e.jurisdiction: e for e in contractor_entries()}
    jm, jj = by_jurisdiction["JM"], by_jurisdiction["JJ"]
    assert jm.verified and "palmettogba.com/palmetto/jmb.nsf/DID/8BZLLT0553" in jm.source
    assert not jj.verified and "dmepdac.com" in jj.source and "Not confirmed" in jj.notes


@pytest.mark.parametrize(("state", "jurisdiction", "fax", "address_line"), [
    ("SC", "JM", "(803) 699-2427", "P.O. Box 100190"),
    ("wv", "JM", "(803) 699-2427", "Columbia, SC 29202-3190"),
    ("GA", "JJ", "(803) 870-0139", "P.O. Box 100306"),
    ("PR", "JN", "(904) 361-0595", ""),
])
def test_a_case_in_a_state_gets_its_jurisdictions_appeals_address_and_fax(
        state: str, jurisdiction: str, fax: str, address_line: str) -> None:
    entry = contractor_for_state(state)
    assert entry is not None and entry.jurisdiction == jurisdiction
    filled = directory_fields(entry, "appeal")
    assert filled["fax"] == fax and address_line in filled["address"]
    assert filled["plan_type"] == "medicare_part_b"


def test_no_contractor_invents_a_prior_authorization_fax() -> None:
    for entry in contractor_entries():
        assert entry.pa_fax == "" and entry.pa_address == ""
        assert "no prior authorization for Part B drugs" in entry.notes
        assert directory_fields(entry, "preauth")["fax"] == ""
    data = contractor_data()
    assert "ecfr.gov" in data.pa_note and "419.83" in data.pa_note
    assert any("noridianmedicare.com" in s for s in data.pa_sources)


def test_a_jurisdiction_with_addresses_per_state_gives_one_entry_per_state_group(
        pa_letter_home: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    jl = next(c for c in data["contractors"] if c["jurisdiction"] == "JL")
    read = {"url": "https://www.novitas-solutions.com/example", "page_date": "2026-01-05",
            "read": "2026-12-01", "verified": True}
    jl["redetermination"] = [
        {"states": ["PA"], "address": "Appeals\nPO Box 1\nCamp Hill, PA 17001",
         "fax": "717-555-0101", "read_at": read},
        {"states": ["NJ", "DE"], "address": "Appeals\nPO Box 2\nCamp Hill, PA 17001",
         "read_at": read},
    ]
    _override(pa_letter_home, data)
    entries = [e for e in contractor_entries() if e.jurisdiction == "JL"]
    assert [e.states for e in entries] == [["PA"], ["NJ", "DE"], ["DC", "MD"]]
    assert [e.name for e in entries] == [
        "Novitas Solutions (Jurisdiction L: PA)", "Novitas Solutions (Jurisdiction L: NJ, DE)",
        "Novitas Solutions (Jurisdiction L: DC, MD)"]
    pa = contractor_for_state("PA")
    assert pa is not None and pa.appeals_fax == "(717) 555-0101"
    maryland = contractor_for_state("MD")
    assert maryland is not None and maryland.appeals_address == ""
    assert "not read from the contractor's own page" in maryland.notes


@pytest.mark.parametrize(("change", "complaint"), [
    (lambda jm: jm["redetermination"][0].update(fax="(123) 456-7890"), "not a valid US"),
    (lambda jm: jm["redetermination"][0]["read_at"].update(url="palmettogba.com"), "url"),
    (lambda jm: jm["redetermination"][0]["read_at"].update(page_date=None), "needs a note"),
    (lambda jm: jm["redetermination"][0].update(states=["OH"]), "OH is not one of"),
    (lambda jm: jm["redetermination"].append(copy.deepcopy(jm["redetermination"][0])),
     "two redetermination addresses"),
    (lambda jm: jm["contact_center"].update(phone="call us"), "not a valid US"),
])
def test_a_bad_admin_copy_is_refused_naming_the_file(
        pa_letter_home: Path, change: Any, complaint: str) -> None:
    data = copy.deepcopy(BUNDLED)
    jm = next(c for c in data["contractors"] if c["jurisdiction"] == "JM")
    change(jm)
    _override(pa_letter_home, data)
    with pytest.raises(StorageError) as caught:
        contractor_entries()
    message = str(caught.value)
    assert "medicare_contractors.json" in message and complaint in message


def _override(home: Path, data: dict[str, Any]) -> None:
    folder = home / OVERRIDE_FOLDER
    folder.mkdir(exist_ok=True)
    (folder / "medicare_contractors.json").write_text(json.dumps(data), encoding="utf-8")
    reload_reference_data()


@pytest.fixture(autouse=True)
def _bundled_data_after_each_test() -> Iterator[None]:
    yield
    reload_reference_data()  # an admin copy a test wrote must not outlive it


def test_an_admin_note_too_long_for_the_directory_is_refused_naming_the_jurisdiction(
        pa_letter_home: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    jj = next(c for c in data["contractors"] if c["jurisdiction"] == "JJ")
    jj["redetermination"][0]["read_at"]["note"] = "seen on a copy " * 80
    _override(pa_letter_home, data)
    with pytest.raises(StorageError, match="JJ: its directory entry's notes"):
        contractor_entries()


def test_northern_virginia_part_b_is_flagged_as_novitas_not_palmetto() -> None:
    # CMS's JL fact sheet: Arlington and Fairfax counties and Alexandria city, VA, are JL for
    # Part B. A state lookup cannot see counties, so both entries say so.
    virginia = contractor_for_state("VA")
    assert virginia is not None and virginia.jurisdiction == "JM"
    jl = next(e for e in contractor_entries() if e.jurisdiction == "JL")
    for entry in (virginia, jl):
        assert "Arlington and Fairfax" in entry.notes and "Alexandria" in entry.notes
