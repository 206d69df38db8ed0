"""AMA-style references (AMA Manual of Style, 11th ed., §3.11 and trial registries)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.case_evidence import (
    ArticleEvidence,
    CompendiumEvidence,
    GuidelineEvidence,
    TrialEvidence,
)
from desktop_app.errors import TemplateError
from desktop_app.letters import citations
from desktop_app.letters.citations import build_citations, rating_words, reference_runs
from desktop_app.letters.context import make_cite
from desktop_app.letters.document import runs_text

SEVEN = [
    "Perren TJ",
    "Swart AM",
    "Pfisterer J",
    "Ledermann JA",
    "Pujade-Lauraine E",
    "Kristensen G",
    "Carey MS",
]
ICON7 = dict(
    title="A phase 3 trial of bevacizumab in ovarian cancer",
    journal="N Engl J Med",
    year=2011,
    volume="365",
    issue="26",
    pages="2484-2496",
    pmid="22204724",
    doi="10.1056/NEJMoa1104390",
)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            ArticleEvidence(authors=SEVEN, **ICON7),  # type: ignore[arg-type]
            "Perren TJ, Swart AM, Pfisterer J, et al. A phase 3 trial of bevacizumab in ovarian "
            "cancer. N Engl J Med. 2011;365(26):2484-2496. doi:10.1056/NEJMoa1104390. "
            "PMID: 22204724",
        ),
        (
            ArticleEvidence(authors=SEVEN[:6], **ICON7),  # type: ignore[arg-type]
            "Perren TJ, Swart AM, Pfisterer J, Ledermann JA, Pujade-Lauraine E, Kristensen G. "
            "A phase 3 trial",
        ),
        (
            ArticleEvidence(title="Is it useful?", journal="Cancer", year=2019),
            "Is it useful? Cancer. 2019.",
        ),
        (
            ArticleEvidence(
                authors=["Lee A"], title="T", journal="Blood", year=2020, volume="3", pmid="123"
            ),
            "Lee A. T. Blood. 2020;3. PMID: 123",
        ),
        (
            CompendiumEvidence(
                compendium="NCCN", version="2.2026", rating="category 2a", listing="Ovarian cancer"
            ),
            "National Comprehensive Cancer Network. NCCN Drugs & Biologics Compendium. "
            "Version 2.2026. Category 2A: Ovarian cancer.",
        ),
        (
            CompendiumEvidence(compendium="DrugDex", rating="Class IIa"),
            "Merative. Micromedex DRUGDEX System. Class IIa.",
        ),
        (
            CompendiumEvidence(compendium="Lexi-Drugs", version="Version 2026", rating="A"),
            "Wolters Kluwer. Lexi-Drugs. Version 2026. Evidence Level A.",
        ),
        (
            CompendiumEvidence(compendium="AHFS-DI", rating="Supportive"),
            "American Society of Health-System Pharmacists. AHFS Drug Information. "
            "Narrative: supportive.",
        ),
        (
            TrialEvidence(nct="NCT01234567", title="ICON7"),
            "ICON7. ClinicalTrials.gov identifier: NCT01234567.",
        ),
        (TrialEvidence(nct="NCT01234567"), "ClinicalTrials.gov identifier: NCT01234567."),
        (
            GuidelineEvidence(
                issuer="American Society of Clinical Oncology", title="Guideline", version="1"
            ),
            "American Society of Clinical Oncology. Guideline. Version 1.",
        ),
    ],
)
def test_reference_text(item: object, expected: str) -> None:
    assert runs_text(reference_runs(item)).startswith(expected)  # type: ignore[arg-type]


def test_journal_is_italic() -> None:
    runs = reference_runs(ArticleEvidence(authors=SEVEN, **ICON7))  # type: ignore[arg-type]
    assert [r.text for r in runs if r.italic] == ["N Engl J Med."]


@pytest.mark.parametrize(
    ("compendium", "rating", "words"),
    [
        ("NCCN", "2b", "Category 2B"),
        ("NCCN", "Category 3", "Category 3"),
        ("DrugDex", "III", "Class III"),
        ("Lexi-Drugs", "unsupported", "Use: Unsupported"),
        ("Clinical Pharmacology", "not supportive", "Narrative: not supportive"),
        ("NCCN", "Not Indicated", "Not indicated"),
        ("NCCN", "", ""),
    ],
)
def test_rating_words(compendium: str, rating: str, words: str) -> None:
    item = CompendiumEvidence(compendium=compendium, rating=rating)  # type: ignore[arg-type]
    assert rating_words(item) == words


def test_cite_numbers_follow_the_evidence_order() -> None:
    citations = build_citations([TrialEvidence(nct="NCT00000001"), ArticleEvidence(title="x")])
    cite = make_cite(citations)
    assert (cite(0), cite(1), cite([1, 0]), cite([])) == ("[1]", "[2]", "[2, 1]", "")
    with pytest.raises(TemplateError, match="2 evidence item"):
        cite(2)


_LISTING_WORDS = st.sampled_from([
    "Gemcitabine", "and", "docetaxel", "category", "Category", "2A", "2a", "1", "class", "IIa",
    "NCCN", "Evidence Level", "A", "unsupported", "(", ")", ":", ",", ".", "—", "ſ", "K", "ı",
])


@settings(deadline=None, max_examples=200)
@given(
    st.sampled_from(["NCCN", "DrugDex", "Lexi-Drugs", "AHFS-DI"]),
    st.sampled_from(["2A", "Category 1", "class IIa", "IIa", "A", "unsupported", "not indicated",
                     "ſ", "K"]),
    st.lists(_LISTING_WORDS, max_size=8).map(" ".join),
)
def test_a_listing_without_its_rating_is_the_patterns_answer(
    compendium: str, rating: str, listing: str
) -> None:
    # Listings that plainly hold no spelling of the rating skip the patterns: the same text.
    item = CompendiumEvidence(compendium=compendium, rating=rating, listing=listing)
    quick = citations.listing_without_rating(item)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(citations, "_rating_not_in", lambda listing, ratings: False)
        assert quick == citations.listing_without_rating(item)
