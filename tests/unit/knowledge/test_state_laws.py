"""State off-label laws on file: citation, compendia named, article count, plans bound, source."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop_app.errors import StorageError
from desktop_app.knowledge.compendia import compendia_data
from desktop_app.knowledge.reference import BUNDLED_DIR, reload_reference_data
from desktop_app.knowledge.state_laws import (
    HHS,
    StateLawData,
    law_compendia,
    research_note,
    state_law,
    state_law_data,
)

MEDICARE_FIVE = {"NCCN", "DrugDex", "Clinical Pharmacology", "AHFS-DI", "Lexi-Drugs"}


@pytest.mark.parametrize(
    ("code", "citation", "compendia", "articles", "literature"),
    [
        ("ME", "§2745-E", {"USP-DI", "AHFS-DI"}, 2, True),  # 24-A M.R.S. §2745-E(1)(C)-(D)
        ("MS", "83-9-8", {"USP-DI", "AHFS-DI"}, 2, True),
        ("NV", "695B.1908", {"USP-DI", "AHFS-DI"}, 2, True),
        ("IL", "356z.7", MEDICARE_FIVE, 2, True),  # named four plus the HHS-recognized ones
        ("MI", "500.3406q", {"AHFS-DI", "USP-DI"}, 2, True),
        ("GA", "33-53-2", {"USP-DI", "AHFS-DI"}, 1, True),
        ("IN", "27-8-20-7", {"USP-DI", "AHFS-DI"}, 1, True),
        ("NJ", "17B:27-46.1g", {"AHFS-DI", "USP-DI"}, 1, True),
        ("CO", "10-16-104.6", MEDICARE_FIVE, None, False),  # compendia only
        ("NC", "58-51-59", MEDICARE_FIVE, None, False),  # compendia only
        ("FL", "627.4239", MEDICARE_FIVE, None, True),
        ("LA", "22:999", MEDICARE_FIVE, None, True),
        ("MD", "15-804", MEDICARE_FIVE, None, True),
        ("VT", "§4095f", {"AHFS-DI", "USP-DI"}, None, True),  # recodified by 2025 Act 11
        ("KS", "40-2,168", {"USP-DI", "AHFS-DI"}, None, True),  # K.S.A. 40-2,167(c)
        ("MN", "62Q.525", MEDICARE_FIVE, 1, True),  # subd. 2(d), subd. 3: one article
        ("SD", "58-17-101", {"USP-DI", "DrugDex", "AHFS-DI"}, None, True),  # SDCL 58-17-100(5)
        ("RI", "27-55-2", None, 2, True),  # §27-55-1: two articles; current compendia unread
        # Cal. H&S §1367.21(a)(3), Ins. §10123.195(a)(3): AHFS-DI, the CMS-recognized three,
        # or two articles.
        ("CA", "1367.21", {"AHFS-DI", "Clinical Pharmacology", "NCCN", "DrugDex"}, 2, True),
        ("OH", "1751.66", MEDICARE_FIVE, 2, True),  # ORC 1751.66(A)-(B): HHS compendia
        ("DE", "§3566", None, None, True),  # compendia the Commissioner approves: not named
        # 13.10.13.10(A) NMAC: an open list ("including") naming AHFS-DI; no literature path.
        ("NM", "13.10.13.10 NMAC", {"AHFS-DI"}, None, False),
    ],
)
def test_each_state_law_names_its_compendia_and_article_count(
    code: str, citation: str, compendia: set[str], articles: int | None, literature: bool
) -> None:
    law = state_law(code)
    assert law is not None
    assert citation in law.citation
    assert law_compendia(law) == compendia
    assert law.min_articles == articles
    assert law.accepts_literature is literature
    assert law.verified and law.source and law.url.startswith("http")
    assert isinstance(law.effective, dt.date)


@pytest.mark.parametrize(
    ("code", "citation"),
    [
        ("AL", "27-1-10.1"),  # only the legislative findings were read
        ("AR", "23-79-147"),  # compendia list read in part
        ("AZ", "20-2326"),  # subsection B (compendia, literature) not read
        ("NE", "44-788"),  # 'medical literature' not read
        ("TN", "56-7-2352"),  # only the findings were read
        ("VA", "38.2-3407.5"),  # definition of the compendia not read
        ("WA", "WAC 284-30-450"),  # a regulation, read only through its definitions
    ],
)
def test_laws_found_but_not_read_in_full_are_on_file_and_unverified(
    code: str, citation: str
) -> None:
    law = state_law(code)
    assert law is not None
    assert citation in law.citation
    assert not law.verified
    assert "not" in law.note  # says what was not read or cannot be decided
    assert law.url.startswith("http")


def test_maine_names_only_usp_di_and_ahfs_di_so_nccn_is_not_among_them() -> None:
    """24-A M.R.S. §2745-E(1)(D): 'standard reference compendia' are USP-DI and AHFS-DI."""
    law = state_law("ME")
    assert law is not None
    assert "NCCN" not in (law_compendia(law) or set())


def test_new_mexico_binds_managed_care_plans_only_and_says_so() -> None:
    """13.10.13.10 NMAC is a rule for managed health care plans: staff confirm the plan is one."""
    law = state_law("NM")
    assert law is not None
    assert "managed health care plan" in law.also_requires
    assert "including" in law.compendia_text  # the rule's list is open
    assert "NCCN" not in (law_compendia(law) or set())


def test_vermont_moved_to_4095f_and_needs_the_treating_oncologist() -> None:
    law = state_law("VT")
    assert law is not None
    assert law.citation == "8 V.S.A. §4095f"
    assert "4100e" in law.legal_basis  # the former section is named for readers of old letters
    assert law.requires_treating_oncologist


@pytest.mark.parametrize("code", ["NH", "NY", "OR"])
def test_laws_whose_terms_were_not_read_are_marked_unverified(code: str) -> None:
    law = state_law(code)
    assert law is not None
    assert not law.verified
    assert law.note  # says what was not read


@pytest.mark.parametrize("code", ["MA", "NY", "TX", "NH", "RI", "DE", "AZ"])
def test_an_unread_compendia_list_is_none_not_a_guess(code: str) -> None:
    law = state_law(code)
    assert law is not None
    assert law.compendia is None
    assert law_compendia(law) is None


@pytest.mark.parametrize("code", ["ma", " Ma ", "MA"])
def test_state_code_is_read_in_any_case(code: str) -> None:
    law = state_law(code)
    assert law is not None
    assert law.name == "Massachusetts"


@pytest.mark.parametrize("code", ["WY", "ZZ", "", None, 5, "Massachusetts"])
def test_unknown_state_has_no_law(code: object) -> None:
    assert state_law(code) is None


def test_every_law_on_file_has_a_citation_source_and_words() -> None:
    states = state_law_data().states
    assert len(states) >= 36
    for code, law in states.items():
        assert law.citation and law.legal_basis and law.covers, code
        assert law.compendia_text, code
        assert law.url.startswith("http"), code


def test_every_compendium_a_law_names_is_one_the_case_format_knows() -> None:
    """A misspelt name ('AHFS') would silently never match a case's listing."""
    known = set(compendia_data().compendia) | {HHS}
    for code, law in state_law_data().states.items():
        assert set(law.compendia or ()) <= known, code


# fmt: off
US_AND_DC = frozenset([
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID",
    "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO",
    "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
])
# fmt: on


def test_every_state_and_dc_was_researched() -> None:
    """Each state has a law on file or a note saying it was searched; Idaho turned up
    nothing either way and is named in the file's about text instead."""
    data = state_law_data()
    listed = set(data.states) | set(data.researched_without_mandate)
    assert US_AND_DC - listed == {"ID"}
    assert "Idaho" in data.about
    assert not set(data.states) & set(data.researched_without_mandate)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("PA", "HB 784"),  # the Off-label Use of Drugs Coverage Act was only introduced
        ("WI", "632.867"),  # oral chemotherapy parity, not off-label coverage
        ("dc", "48-841"),  # informed consent, not coverage
        ("MO", "376.1257"),
        ("SC", "38-71-275"),
    ],
)
def test_states_without_a_mandate_say_what_was_found_and_where(code: str, words: str) -> None:
    note = research_note(code)
    assert note is not None
    assert words in note.note
    assert note.url.startswith("http")
    assert isinstance(note.checked, dt.date)
    assert state_law(code) is None


@pytest.mark.parametrize("code", ["MA", "ID", "ZZ", None, 7])
def test_states_with_a_law_or_unknown_have_no_research_note(code: object) -> None:
    assert research_note(code) is None


def _data_with() -> dict[str, object]:
    return state_law_data().model_dump(mode="json")


def _note(name: str) -> dict[str, str]:
    return {"name": name, "note": "searched", "url": "https://example.org", "checked": "2026-12-01"}


def test_a_state_cannot_be_both_with_a_law_and_without_one() -> None:
    raw = _data_with()
    raw["researched_without_mandate"] = {"MA": _note("Massachusetts")}
    with pytest.raises(ValueError, match="MA listed both"):
        StateLawData.model_validate(raw)


def test_the_research_list_is_optional_and_checks_its_codes() -> None:
    raw = _data_with()
    del raw["researched_without_mandate"]
    assert StateLawData.model_validate(raw).researched_without_mandate == {}
    raw["researched_without_mandate"] = {"Penn": _note("Pennsylvania")}
    with pytest.raises(ValueError, match="two-letter"):
        StateLawData.model_validate(raw)


def test_a_bad_research_note_in_an_admin_copy_names_the_file_and_field(
    pa_letter_home: Path,
) -> None:
    """An admin's edited copy with a note missing its date is refused, with a clear message."""
    raw = json.loads((BUNDLED_DIR / "state_laws.json").read_text(encoding="utf-8"))
    del raw["researched_without_mandate"]["PA"]["checked"]
    folder = pa_letter_home / "reference"
    folder.mkdir(exist_ok=True)
    (folder / "state_laws.json").write_text(json.dumps(raw), encoding="utf-8")
    reload_reference_data()
    try:
        with pytest.raises(StorageError) as caught:
            state_law_data()
    finally:
        (folder / "state_laws.json").unlink()
        reload_reference_data()
    message = str(caught.value)
    assert "state_laws.json" in message
    assert "researched_without_mandate" in message
    assert "\n" not in message


def test_a_confirmed_law_can_be_met_by_something_a_case_can_show() -> None:
    """A confirmed law with an unread compendia list must count articles, or no case meets it."""
    for code, law in state_law_data().states.items():
        if law.verified:
            assert law.compendia or law.accepts_literature, code
