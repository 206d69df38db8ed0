"""Records become case evidence items: designs from publication types, duplicates by id."""

from __future__ import annotations

import pytest

from desktop_app.citations.mapping import duplicate_of, identity_keys, to_evidence
from desktop_app.citations.medline import parse_medline
from desktop_app.citations.names import ama_from_inverted
from desktop_app.citations.record import CitationRecord
from desktop_app.domain.case_evidence import ArticleEvidence, GuidelineEvidence, TrialEvidence
from tests.unit.citations.fixtures import text


def _with_types(*types: str) -> CitationRecord:
    return CitationRecord("medline", title="T", journal="Blood", year=2020, pmid="1",
                          publication_types=types)


@pytest.mark.parametrize(("types", "design"), [
    (("Randomized Controlled Trial", "Journal Article"), "randomized"),
    (("Clinical Trial, Phase II", "Randomized Controlled Trial"), "randomized"),
    (("Clinical Trial, Phase II", "Multicenter Study"), "nonrandomized"),
    (("Case Reports",), "case-report"),
    (("Meta-Analysis",), "meta-analysis"),
    (("Systematic Review", "Review"), "meta-analysis"),
    (("Journal Article", "Review"), None),
    (("Clinical Trial, Phase III",), None),  # not indexed as randomized: never claimed so
    (("Observational Study",), None),
    ((), None),
])
def test_design_comes_from_the_publication_type_and_is_marked(types, design) -> None:  # type: ignore[no-untyped-def]
    item = to_evidence(_with_types(*types))
    assert isinstance(item, ArticleEvidence)
    assert item.design == design
    assert item.design_source == ("publication-type" if design else None)


def test_a_practice_guideline_becomes_a_guideline_item_with_its_ids() -> None:
    record = CitationRecord("medline", title="Management of X: ASCO guideline",
                            journal="J Clin Oncol",
                            corporate_author="American Society of Clinical Oncology",
                            year=2024, pmid="38000000", doi="10.1200/JCO.24.00001",
                            publication_types=("Journal Article", "Practice Guideline"))
    item = to_evidence(record)
    assert isinstance(item, GuidelineEvidence)
    assert (item.issuer, item.year, item.pmid) == (
        "American Society of Clinical Oncology", 2024, "38000000")


def test_a_bare_nct_number_becomes_a_trial() -> None:
    item = to_evidence(CitationRecord("identifier", nct="NCT01926236", kind="trial",
                                      identifier_only=True))
    assert isinstance(item, TrialEvidence) and item.nct == "NCT01926236"


def test_the_imported_article_validates_as_a_case_format_item() -> None:
    for record in parse_medline(text("pubmed-three.txt")):
        item = to_evidence(record)
        assert ArticleEvidence.model_validate(item.model_dump()) == item


def test_duplicates_match_by_pmid_or_doi_whatever_the_case_of_the_doi() -> None:
    existing = [ArticleEvidence(title="Typed by hand", journal="JCO", year=2007,
                                doi="10.1200/jco.2006.10.4117"),
                TrialEvidence(nct="nct01926236")]
    maki = to_evidence(parse_medline(text("pubmed-maki-2007.nbib"))[0])
    assert duplicate_of(maki, existing) == 0
    assert duplicate_of(TrialEvidence(nct="NCT01926236"), existing) == 1
    assert duplicate_of(ArticleEvidence(title="No ids"), existing) is None
    assert identity_keys(ArticleEvidence(pmid="0017602081")) == {"pmid:17602081"}


@pytest.mark.parametrize(("written", "ama"), [
    ("Maki, Robert G.", "Maki RG"), ("Wathen, J. Kyle", "Wathen JK"),
    ("Smith, John A., Jr.", "Smith JA Jr"), ("Robert G. Maki", "Maki RG"),
    ("van den Eertwegh, Alfons J M", "van den Eertwegh AJM"), ("Lebbé, Céleste", "Lebbé C"),
    ("Dupont, Jean-Pierre", "Dupont JP"), ("Maki, RG", "Maki RG"),
    ("Sarcoma Alliance for Research through Collaboration",
     "Sarcoma Alliance for Research through Collaboration"),
])
def test_names_print_as_ama_and_nlm_write_them(written: str, ama: str) -> None:
    assert ama_from_inverted(written) == ama
