"""State off-label laws on file: citation, compendia named, article count, plans bound, source."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.knowledge.state_laws import (
    binds_plan_type,
    erisa_exemption,
    law_compendia,
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


def test_maine_names_only_usp_di_and_ahfs_di_so_nccn_is_not_among_them() -> None:
    """24-A M.R.S. §2745-E(1)(D): 'standard reference compendia' are USP-DI and AHFS-DI."""
    law = state_law("ME")
    assert law is not None
    assert "NCCN" not in (law_compendia(law) or set())


def test_vermont_moved_to_4095f_and_needs_the_treating_oncologist() -> None:
    law = state_law("VT")
    assert law is not None
    assert law.citation == "8 V.S.A. §4095f"
    assert "4100e" in law.legal_basis  # the former section is named for readers of old letters
    assert law.requires_treating_oncologist


@pytest.mark.parametrize("code", ["KS", "MN", "NH", "NY", "OR", "RI", "SD"])
def test_laws_whose_terms_were_not_read_are_marked_unverified(code: str) -> None:
    law = state_law(code)
    assert law is not None
    assert not law.verified
    assert law.note  # says what was not read


@pytest.mark.parametrize("code", ["MA", "NY", "TX", "NH"])
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
    assert len(states) >= 25
    for code, law in states.items():
        assert law.citation and law.legal_basis and law.covers, code
        assert law.compendia_text, code


@pytest.mark.parametrize(
    ("plan", "bound"),
    [
        ("commercial_fully_insured", True),
        ("commercial_self_funded", False),  # ERISA §514
        ("medicare_part_b", False),
        ("medicaid", False),
        (None, False),
    ],
)
def test_only_fully_insured_plans_are_bound(plan: object, bound: bool) -> None:
    assert binds_plan_type(plan) is bound


def test_erisa_exemption_is_cited() -> None:
    assert "1144" in erisa_exemption().citation
