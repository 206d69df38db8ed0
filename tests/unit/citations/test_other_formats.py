"""RIS (Zotero, EndNote), BibTeX, CSL-JSON, PubMed CSV and identifier lists, as exported."""

from __future__ import annotations

import json
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.citations.bibtex import parse_bibtex
from desktop_app.citations.csl_json import parse_csl_json
from desktop_app.citations.formats import detect_format, read_citations
from desktop_app.citations.identifier_list import parse_identifier_list
from desktop_app.citations.pubmed_csv import parse_pubmed_csv
from desktop_app.citations.record import MAX_RECORDS, CitationProblem
from desktop_app.citations.ris import parse_ris
from tests.unit.citations.fixtures import CITATIONS, text


def test_zotero_ris_keeps_journal_abbreviation_and_the_pmid_from_extra() -> None:
    [heracles] = parse_ris(text("zotero-heracles.ris"))
    assert heracles.journal == "The Lancet. Oncology"
    assert heracles.journal_abbreviation == "Lancet Oncol"
    assert heracles.pmid == "27108243"
    assert heracles.pages == "738-746"
    assert heracles.authors[0] == "Sartore-Bianchi A"
    assert heracles.publication_types == ()  # RIS has no PT: the design stays unknown


def test_endnote_ris_with_bom_and_crlf_is_read_not_silently_dropped() -> None:
    raw = (CITATIONS / "endnote-kunz-2023.ris").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    [kunz] = parse_ris(raw.decode("utf-8"))  # the BOM kept, as a paste would keep it
    assert (kunz.pmid, kunz.journal, kunz.journal_abbreviation) == (
        "36260828", "J Clin Oncol", "")
    assert kunz.authors[:2] == ("Kunz PL", "Graham NT")


def test_a_ris_record_cut_short_before_er_is_still_read() -> None:
    [record] = parse_ris("TY  - JOUR\nTI  - Cut short\nAU  - Doe, Jane\n")
    assert (record.title, record.authors) == ("Cut short", ("Doe J",))


def test_bibtex_decodes_latex_and_gives_hyphenated_pages() -> None:
    maki, porter = parse_bibtex(text("zotero.bib"))
    assert maki.title.startswith("Randomized phase II study")
    assert maki.pages == "2755-2763" and maki.pmid == "17602081"
    assert len(maki.authors) == 14
    assert porter.pmcid == "PMC3387277"
    [accent] = parse_bibtex('@article{k, title={T}, author={M{\\"u}ller, Hans}, year=2019}')
    assert accent.authors == ("Müller H",)


def test_reading_bibtex_leaves_the_parser_s_logging_as_it_was(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # It was once set to ERROR for the rest of the process, on the first .bib file read.
    logger = logging.getLogger("bibtexparser")
    before = logger.level
    with caplog.at_level(logging.DEBUG):
        parse_bibtex("@article{ok, title={Fine}, year={2020}}\n@article{bad, title={open\n")
    assert logger.level == before
    assert not [r for r in caplog.records if r.name.startswith("bibtexparser")]


def test_a_broken_bibtex_entry_does_not_hide_the_good_ones() -> None:
    records = parse_bibtex("@article{ok, title={Fine}, year={2020}}\n@article{bad, title={open\n")
    assert [r.title for r in records] == ["Fine"]
    with pytest.raises(CitationProblem, match="line 1"):
        parse_bibtex("@article{bad, title={open\n")


def test_csl_json_and_a_crossref_answer_read_alike() -> None:
    [maki] = parse_csl_json(text("zotero-csl.json"))
    assert (maki.year, maki.journal_abbreviation, maki.pmid) == (2007, "J Clin Oncol", "17602081")
    [heracles] = parse_csl_json(text("lookups/crossref-heracles.json"))
    assert heracles.year == 2016 and heracles.authors[0] == "Sartore-Bianchi A"


def test_pubmed_csv_reads_volume_issue_and_pages_from_the_citation_column() -> None:
    maki, porter = parse_pubmed_csv(text("pubmed.csv"))
    assert (maki.volume, maki.issue, maki.pages) == ("25", "19", "2755-63")
    assert maki.authors[-1] == "Hensley ML"
    assert porter.pmcid == "PMC3387277"


def test_identifier_lists_take_labels_and_links_and_name_a_bad_line() -> None:
    records = parse_identifier_list(text("identifiers.txt"))
    assert [(r.pmid, r.doi, r.nct) for r in records] == [
        ("17602081", "", ""), ("21830940", "", ""),
        ("", "10.1016/S1470-2045(16)00150-9", ""), ("", "", "NCT01926236")]
    with pytest.raises(CitationProblem) as problem:
        parse_identifier_list("17602081\nsee attached\n")
    assert problem.value.line == 2


@pytest.mark.parametrize(("name", "expected"), [
    ("pubmed-three.txt", "medline"), ("zotero-heracles.ris", "ris"), ("zotero.bib", "bibtex"),
    ("zotero-csl.json", "csl-json"), ("pubmed.csv", "pubmed-csv"),
    ("identifiers.txt", "identifier"),
])
def test_pasted_text_is_recognised_without_a_file_name(name: str, expected: str) -> None:
    assert detect_format(text(name)) == expected


def test_text_that_is_no_citation_says_which_formats_are_read() -> None:
    with pytest.raises(CitationProblem, match="MEDLINE"):
        read_citations("Patient seen today, doing well.")


def test_a_pasted_library_of_thousands_is_refused_in_words() -> None:
    many = "\n".join(str(10000000 + n) for n in range(MAX_RECORDS + 1))
    with pytest.raises(CitationProblem, match=f"more than {MAX_RECORDS}"):
        read_citations(many)


def test_deeply_nested_json_is_a_problem_not_a_crash() -> None:
    with pytest.raises(CitationProblem):
        read_citations("[" * 100000 + "]" * 100000, "x.json")
    assert read_citations(json.dumps([{"title": "T", "DOI": "10.1200/JCO.22.01013"}]))


def test_a_number_thousands_of_digits_long_is_a_problem_not_a_crash() -> None:
    """Python's int() refuses over 4,300 digits with a ValueError: once a crash report."""
    text = '[{"title": "T", "issued": {"date-parts": [[' + "9" * 5_000 + "]]}}]"
    with pytest.raises(CitationProblem, match="5,000 digits long"):
        read_citations(text, "x.json")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["", "a.ris", "a.bib", "a.json", "a.csv", "a.txt"]))
def test_any_text_in_any_reader_gives_records_or_a_citation_problem(junk: str, name: str) -> None:
    try:
        records = read_citations(junk, name)
    except CitationProblem as problem:
        assert str(problem)
        return
    assert all("\n" not in r.title for r in records)


def test_pubmed_csv_with_mac_line_ends_reads_like_the_original() -> None:
    """Excel for Mac saves "CSV (Macintosh)" with a CR alone at each line end."""
    original = text("pubmed.csv")
    mac = original.replace("\r\n", "\n").replace("\n", "\r")
    assert [r.pmid for r in parse_pubmed_csv(mac)] == [r.pmid for r in
                                                       parse_pubmed_csv(original)]


def test_a_pubmed_csv_cell_past_csvs_limit_is_named_by_its_line_in_words() -> None:
    header = text("pubmed.csv").splitlines()[0]
    body = f'{header}\n17602081,A title,Maki RG\n"17602082,' + "x" * (1 << 21) + "\n"
    with pytest.raises(CitationProblem) as caught:
        parse_pubmed_csv(body)
    assert caught.value.line == 3
    assert "far longer than any citation's" in str(caught.value)
    assert "field limit" not in str(caught.value)
