"""State off-label laws on file, each with a citation and source."""

from __future__ import annotations

import pytest

from desktop_app.knowledge.state_laws import erisa_exemption, state_law, state_law_data


@pytest.mark.parametrize(
    ("code", "citation"),
    [
        ("MA", "c.175 §47K"),
        ("ME", "§2745-E"),
        ("CO", "10-16-104.6"),
        ("VT", "§4100e"),
    ],
)
def test_named_states_are_on_file(code: str, citation: str) -> None:
    law = state_law(code)
    assert law is not None
    assert citation in law.citation
    assert law.legal_basis and law.source


def test_maine_asks_for_two_articles_and_others_set_no_number() -> None:
    assert state_law("ME").min_articles == 2  # type: ignore[union-attr]
    for code in ("MA", "CO", "VT"):
        assert state_law(code).min_articles is None  # type: ignore[union-attr]


def test_colorado_counts_compendia_only_and_vermont_needs_the_oncologist() -> None:
    assert not state_law("CO").accepts_literature  # type: ignore[union-attr]
    assert state_law("VT").requires_treating_oncologist  # type: ignore[union-attr]


@pytest.mark.parametrize("code", ["ma", " Ma ", "MA"])
def test_state_code_is_read_in_any_case(code: str) -> None:
    law = state_law(code)
    assert law is not None
    assert law.name == "Massachusetts"


@pytest.mark.parametrize("code", ["TX", "ZZ", "", None, 5, "Massachusetts"])
def test_unknown_state_has_no_law(code: object) -> None:
    assert state_law(code) is None


def test_only_sourced_states_are_listed() -> None:
    assert set(state_law_data().states) == {"MA", "ME", "CO", "VT"}


def test_erisa_exemption_is_cited() -> None:
    assert "1144" in erisa_exemption().citation
