"""The CMS journal list matches exactly after normalising, never by substring."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.knowledge.journals import find_cms_journal, journal_list, normalize_journal


def test_list_has_the_26_cms_journals() -> None:
    assert len(journal_list().journals) == 26


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("The Lancet", "The Lancet"),
        ("Lancet", "The Lancet"),
        ("lancet.", "The Lancet"),
        ("The Lancet Oncology", "The Lancet Oncology"),
        ("Lancet Oncol", "The Lancet Oncology"),
        ("N Engl J Med", "New England Journal of Medicine"),
        ("N. Engl. J. Med.", "New England Journal of Medicine"),
        ("New England Journal of Medicine", "New England Journal of Medicine"),
        ("the new england journal of medicine", "New England Journal of Medicine"),
        ("NEJM", "New England Journal of Medicine"),
        ("Cancer", "Cancer"),
        ("Blood", "Blood"),
        ("J Clin Oncol", "Journal of Clinical Oncology"),
        ("Journal of Clinical Oncology", "Journal of Clinical Oncology"),
        ("JNCI", "Journal of the National Cancer Institute"),
        ("J Natl Compr Canc Netw", "Journal of the National Comprehensive Cancer Network"),
        (
            "Biology of Blood and Marrow Transplantation",
            "Biology of Blood and Marrow Transplantation",
        ),
        ("Transplantation and Cellular Therapy", "Biology of Blood and Marrow Transplantation"),
        ("Transplant Cell Ther", "Biology of Blood and Marrow Transplantation"),
        ("European Journal of Cancer and Clinical Oncology", "European Journal of Cancer"),
        ("Eur J Cancer", "European Journal of Cancer"),
        (
            "International Journal of Radiation Oncology, Biology, Physics",
            "International Journal of Radiation Oncology, Biology, Physics",
        ),
        (
            "International Journal of Radiation Oncology Biology Physics",
            "International Journal of Radiation Oncology, Biology, Physics",
        ),
        (
            "Int J Radiat Oncol Biol Phys",
            "International Journal of Radiation Oncology, Biology, Physics",
        ),
        ("British Medical Journal", "BMJ"),
        ("Journal of the American Medical Association", "JAMA"),
        ("Radiat Oncol", "Radiation Oncology"),
    ],
)
def test_listed_journal_matches(typed: str, title: str) -> None:
    journal = find_cms_journal(typed)
    assert journal is not None
    assert journal.title == title


@pytest.mark.parametrize(
    "typed",
    [
        "Cancer Cell",
        "Cancer Research",
        "Lancet Haematology",
        "The Lancet Haematology",
        "Lancet Oncology Reviews",
        "JAMA Oncology",
        "Blood Advances",
        "Blood Cancer Journal",
        "Annals",
        "Journal",
        "Clinical Cancer",
        "Leukemia & Lymphoma",
        "New England Journal",
        "",
        "   ",
        "The",
        "<b>Blood</b> Advances",
    ],
)
def test_unlisted_journal_does_not_match(typed: str) -> None:
    assert find_cms_journal(typed) is None


@pytest.mark.parametrize("junk", [None, 1, [], {"journal": "Blood"}])
def test_non_text_never_matches(junk: object) -> None:
    assert find_cms_journal(junk) is None


@given(st.sampled_from([n for j in journal_list().journals for n in j.names()]), st.data())
def test_case_and_punctuation_do_not_change_the_match(name: str, data: st.DataObject) -> None:
    expected = find_cms_journal(name)
    flipped = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in name)
    punctuated = flipped.replace(" ", data.draw(st.sampled_from([" ", ". ", ", ", " - ", "  "])))
    assert find_cms_journal(punctuated) == expected


@given(
    st.sampled_from([j.title for j in journal_list().journals]), st.text(min_size=1, max_size=12)
)
def test_extra_words_never_match_by_substring(title: str, extra: str) -> None:
    longer = f"{title} {extra}"
    journal = find_cms_journal(longer)
    if journal is not None:
        # Only when the longer text is itself a listed name ("Lancet" + "Oncology").
        assert normalize_journal(longer) in {normalize_journal(n) for n in journal.names()}


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("British Journal of Hematology", "British Journal of Haematology"),
        (
            "International Journal of Radiation, Oncology, Biology, and Physics",
            "International Journal of Radiation Oncology, Biology, Physics",
        ),
        (
            "Journal of the National Comprehensive Cancer Network (NCCN)",
            "Journal of the National Comprehensive Cancer Network",
        ),
    ],
)
def test_the_manuals_own_spellings_match_mbpm_50_4_5_c(typed: str, title: str) -> None:
    """MBPM ch.15 §50.4.5(C) spells three journals its own way; a citation copied from it
    must still be recognized."""
    journal = find_cms_journal(typed)
    assert journal is not None
    assert journal.title == title


def test_the_list_took_effect_on_2007_10_22_per_cr_5729() -> None:
    assert journal_list().effective == dt.date(2007, 10, 22)
    assert "5729" in journal_list().source
