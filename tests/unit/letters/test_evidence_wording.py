"""Each evidence item in one sentence: authors in AMA form, the mark before the full stop."""

from __future__ import annotations

from desktop_app.domain.case_evidence import ArticleEvidence, TrialEvidence
from desktop_app.letters.citations import build_citations
from desktop_app.letters.evidence_wording import evidence_sentence, summarize_evidence
from desktop_app.letters.samples import full_case


def test_an_article_names_its_authors_as_ama_asks() -> None:
    three = ArticleEvidence(title="Bevacizumab in ovarian cancer.", year=2011,
                            authors=["Perren TJ", "Swart AM", "Pfisterer J"],
                            journal="N Engl J Med", design="randomized")
    assert evidence_sentence(three) == (
        "Perren et al, “Bevacizumab in ovarian cancer” (N Engl J Med, 2011), "
        "a randomized controlled trial."
    )  # no period after "et al" (AMA 11th ed.)
    two = ArticleEvidence(title="X", authors=["Perren TJ", "Swart AM"])
    assert evidence_sentence(two).startswith("Perren and Swart, ")


def test_a_trial_record_without_a_title_is_named_by_its_number() -> None:
    assert evidence_sentence(TrialEvidence(nct="NCT00483782")) == (
        "ClinicalTrials.gov record NCT00483782."
    )


def test_each_summary_carries_its_number_and_whether_the_rules_count_it() -> None:
    case = full_case("preauth")
    citations = build_citations(list(case.evidence))
    summaries = summarize_evidence(case, citations, supporting=[0])
    assert [s.cite for s in summaries] == [f"[{n}]" for n in range(1, len(case.evidence) + 1)]
    assert [s.supportive for s in summaries] == [True] + [False] * (len(summaries) - 1)
    for summary in summaries:
        assert summary.cited == f"{summary.text.removesuffix('.')} {summary.cite}."
