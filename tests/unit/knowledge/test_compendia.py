"""Compendium rating scales: ratings compare case-insensitively and tolerate prefixes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.knowledge.compendia import (
    Verdict,
    compendia_data,
    normalize_rating,
    rating_level,
    scale_summary,
    support_standard,
)


@pytest.mark.parametrize(
    ("compendium", "typed", "verdict"),
    [
        ("NCCN", "1", Verdict.SUPPORTIVE),
        ("NCCN", "Category 1", Verdict.SUPPORTIVE),
        ("NCCN", "2a", Verdict.SUPPORTIVE),
        ("NCCN", "category 2A", Verdict.SUPPORTIVE),
        ("NCCN", "NCCN Category 2B", Verdict.SUPPORTIVE),
        ("NCCN", "Category 3", Verdict.NOT_SUPPORTIVE),
        ("NCCN", " 3 ", Verdict.NOT_SUPPORTIVE),
        ("NCCN", "Not Indicated", Verdict.NOT_INDICATED),
        ("DrugDex", "Class I", Verdict.SUPPORTIVE),
        ("DrugDex", "IIa", Verdict.SUPPORTIVE),
        ("DrugDex", "Class IIb", Verdict.SUPPORTIVE),
        ("DrugDex", "class iib", Verdict.SUPPORTIVE),
        ("DrugDex", "Class III", Verdict.NOT_SUPPORTIVE),
        ("DrugDex", "not-indicated", Verdict.NOT_INDICATED),
        ("Lexi-Drugs", "A", Verdict.SUPPORTIVE),
        ("Lexi-Drugs", "Level B", Verdict.NEUTRAL),
        ("Lexi-Drugs", "c", Verdict.NEUTRAL),
        ("Lexi-Drugs", "Use: Unsupported", Verdict.NOT_SUPPORTIVE),
        ("AHFS-DI", "Supportive", Verdict.SUPPORTIVE),
        ("AHFS-DI", "not supportive", Verdict.NOT_SUPPORTIVE),
        ("Clinical Pharmacology", "NOT SUPPORTIVE", Verdict.NOT_SUPPORTIVE),
        ("Clinical Pharmacology", "not indicated", Verdict.NOT_INDICATED),
    ],
)
def test_rating_on_scale(compendium: str, typed: str, verdict: Verdict) -> None:
    level = rating_level(compendium, typed)
    assert level is not None
    assert level.verdict is verdict


@pytest.mark.parametrize(
    ("compendium", "typed"),
    [
        ("NCCN", "IIa"),  # a DrugDex rating is not on NCCN's scale
        ("NCCN", "2C"),
        ("NCCN", "Category"),
        ("DrugDex", "2A"),
        ("DrugDex", "IV"),
        ("Lexi-Drugs", "supportive"),
        ("AHFS-DI", "1"),
        ("NCCN", ""),
        ("NCCN", "<script>alert(1)</script>"),
        ("USP-DI", "1"),  # ceased; not one of the five
        ("", "1"),
    ],
)
def test_rating_off_scale(compendium: str, typed: str) -> None:
    assert rating_level(compendium, typed) is None


@pytest.mark.parametrize("junk", [None, 3, 2.5, [], {}, b"1", object()])
def test_non_text_ratings_are_not_on_any_scale(junk: object) -> None:
    assert normalize_rating(junk) == ""
    assert rating_level("NCCN", junk) is None
    assert rating_level(junk, "1") is None


@given(st.text(max_size=60), st.sampled_from(["NCCN", "DrugDex", "Lexi-Drugs", "AHFS-DI"]))
def test_any_text_is_either_on_the_scale_or_not_never_an_error(text: str, name: str) -> None:
    level = rating_level(name, text)
    assert level is None or level.short.casefold() == normalize_rating(text).casefold()


def test_medicare_standard_follows_the_manual() -> None:
    medicare = support_standard("medicare")
    assert medicare.supportive["NCCN"] == {"1", "2a", "2b"}
    assert medicare.weak_support["NCCN"] == {"2b"}
    assert medicare.supportive["DrugDex"] == {"i", "iia", "iib"}
    assert medicare.supportive["Lexi-Drugs"] == {"a"}
    assert medicare.articles_need_cms_journal
    assert "case-report" in medicare.article_designs_excluded
    assert medicare.not_indicated_defeats_support


def test_scale_summary_lists_ratings_staff_may_type() -> None:
    assert scale_summary("NCCN") == "1, 2A, 2B, 3 or not indicated"
    assert scale_summary("DrugDex") == "I, IIa, IIb, III or not indicated"
    assert scale_summary("nonsense") == ""


def test_five_medicare_compendia_and_usp_di_are_known() -> None:
    """MBPM ch.15 §50.4.5(B) names five; SSA §1927(g)(1)(B)(i) and Maine also name USP-DI."""
    assert set(compendia_data().compendia) == {
        "NCCN",
        "DrugDex",
        "Clinical Pharmacology",
        "AHFS-DI",
        "Lexi-Drugs",
        "USP-DI",
    }
    medicare = compendia_data().support_standards["medicare"].supportive
    assert "USP-DI" not in medicare
