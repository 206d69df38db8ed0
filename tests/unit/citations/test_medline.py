"""PubMed MEDLINE records read as PubMed writes them: wrapped lines, repeated tags, pastes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.citations.medline import looks_like_medline, parse_medline
from desktop_app.citations.record import CitationProblem
from tests.unit.citations.fixtures import text


def test_rct_record_keeps_every_field_staff_would_otherwise_type() -> None:
    [maki] = parse_medline(text("pubmed-maki-2007.nbib"))
    assert maki.title == (
        "Randomized phase II study of gemcitabine and docetaxel compared with gemcitabine "
        "alone in patients with metastatic soft tissue sarcomas: results of sarcoma alliance "
        "for research through collaboration study 002 [corrected]."
    )
    assert len(maki.authors) == 14
    assert maki.authors[:3] == ("Maki RG", "Wathen JK", "Patel SR")
    assert maki.authors[-1] == "Hensley ML"
    assert maki.journal == (
        "Journal of clinical oncology : official journal of the American Society of "
        "Clinical Oncology"
    )
    assert maki.journal_abbreviation == "J Clin Oncol"
    assert (maki.year, maki.volume, maki.issue, maki.pages) == (2007, "25", "19", "2755-63")
    assert (maki.pmid, maki.doi) == ("17602081", "10.1200/JCO.2006.10.4117")
    assert "Randomized Controlled Trial" in maki.publication_types


def test_case_report_keeps_its_pmcid_and_publication_type() -> None:
    [porter] = parse_medline(text("pubmed-porter-2011.nbib"))
    assert porter.pmcid == "PMC3387277"
    assert porter.publication_types[0] == "Case Reports"
    assert porter.journal == "The New England journal of medicine"


def test_three_pasted_records_are_three_even_without_a_final_newline() -> None:
    pasted = text("pubmed-three.txt")
    assert not pasted.endswith("\n")
    records = parse_medline(pasted)
    assert [r.pmid for r in records] == ["17602081", "21830940", "27108243"]
    assert records[2].doi == "10.1016/S1470-2045(16)00150-9"  # LID [doi] after LID [pii]


def test_records_with_au_but_no_fau_keep_their_authors() -> None:
    old = "PMID- 1234567\nDP  - 1985 Spring\nTI  - An old record.\nAU  - Smith J\nAU  - Doe A\n"
    [record] = parse_medline(old)
    assert record.authors == ("Smith J", "Doe A")
    assert record.year == 1985


def test_a_pasted_heading_and_odd_dates_are_skipped_not_fatal() -> None:
    pasted = "Results from PubMed\n\nPMID- 1\nTI  - x\nPHST- 1985/13/45 00:00 [pubmed]\n"
    [record] = parse_medline(pasted)
    assert (record.pmid, record.title) == ("1", "x")


def test_records_without_a_blank_line_between_them_are_split() -> None:
    joined = "PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\n"
    assert [r.title for r in parse_medline(joined)] == ["One", "Two"]


def test_no_record_is_a_clear_problem() -> None:
    with pytest.raises(CitationProblem, match="no MEDLINE record"):
        parse_medline("Dear colleague,\nplease find attached.")


def test_crlf_and_tabs_are_read() -> None:
    crlf = text("pubmed-porter-2011.nbib").replace("\n", "\r\n")
    assert parse_medline(crlf)[0].pmid == "21830940"
    assert looks_like_medline(crlf)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_records_or_one_citation_problem(junk: str) -> None:
    try:
        records = parse_medline(junk)
    except CitationProblem:
        return
    assert all(isinstance(r.title, str) and "\n" not in r.title for r in records)
