"""References from imported records print in AMA style, with the PMID and DOI."""

from __future__ import annotations

import pytest

from desktop_app.citations.formats import read_citations
from desktop_app.citations.mapping import to_evidence
from desktop_app.domain.case_evidence import ArticleEvidence, GuidelineEvidence
from desktop_app.letters.citations import article_runs, full_page_range, guideline_runs
from desktop_app.letters.document import runs_text
from tests.unit.citations.fixtures import text


def _reference(name: str, index: int = 0) -> str:
    item = to_evidence(read_citations(text(name), name)[index])
    assert isinstance(item, ArticleEvidence)
    return runs_text(article_runs(item))


def test_the_rct_prints_in_ama_with_three_authors_et_al_and_full_pages() -> None:
    assert _reference("pubmed-maki-2007.nbib") == (
        "Maki RG, Wathen JK, Patel SR, et al. Randomized phase II study of gemcitabine and "
        "docetaxel compared with gemcitabine alone in patients with metastatic soft tissue "
        "sarcomas: results of sarcoma alliance for research through collaboration study 002 "
        "[corrected]. J Clin Oncol. 2007;25(19):2755-2763. doi:10.1200/JCO.2006.10.4117. "
        "PMID: 17602081"
    )


def test_five_authors_are_all_listed() -> None:
    assert _reference("pubmed-porter-2011.nbib").startswith(
        "Porter DL, Levine BL, Kalos M, Bagg A, June CH. Chimeric antigen receptor-modified T "
        "cells in chronic lymphoid leukemia. N Engl J Med. 2011;365(8):725-733.")


@pytest.mark.parametrize("name", ["zotero.bib", "pubmed.csv", "zotero-csl.json"])
def test_the_same_article_prints_the_same_from_every_format(name: str) -> None:
    assert _reference(name).startswith("Maki RG, Wathen JK, Patel SR")
    assert "2007;25(19):2755-2763. doi:10.1200/JCO.2006.10.4117. PMID: 17602081" in (
        _reference(name))


def test_the_journal_title_is_italic_and_abbreviated() -> None:
    item = to_evidence(read_citations(text("zotero-heracles.ris"), "x.ris")[0])
    assert isinstance(item, ArticleEvidence)
    italic = [run.text for run in article_runs(item) if run.italic]
    assert italic == ["Lancet Oncol."]


def test_a_typed_article_without_an_abbreviation_prints_the_journal_as_typed() -> None:
    item = ArticleEvidence(title="T", journal="Journal of Clinical Oncology", year=2007,
                           pages="2755–63")
    assert runs_text(article_runs(item)) == "T. Journal of Clinical Oncology. 2007:2755-2763."


@pytest.mark.parametrize(("given", "printed"), [
    ("2755-63", "2755-2763"), ("725-33", "725-733"), ("1359-1369", "1359-1369"),
    ("99-101", "99-101"), ("e1001", "e1001"), ("1359–69", "1359-1369"), ("S12-4", "S12-4"),
])
def test_page_ranges_are_given_in_full(given: str, printed: str) -> None:
    assert full_page_range(given) == printed


def test_a_guideline_from_pubmed_prints_its_year_and_ids() -> None:
    item = GuidelineEvidence(title="Management of X", issuer="ASCO", year=2024,
                             pmid="38000000", doi="10.1200/JCO.24.00001")
    assert runs_text(guideline_runs(item)) == (
        "ASCO. Management of X. Published 2024. doi:10.1200/JCO.24.00001. PMID: 38000000")
