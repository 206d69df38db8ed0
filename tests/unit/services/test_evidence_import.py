"""Importing evidence files into a case: preview, duplicates, problems named, full texts."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from desktop_app.citations.record import CitationProblem
from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence
from desktop_app.domain.casefile import load_case
from desktop_app.services.evidence_import import (
    MAX_CITATION_FILE_BYTES,
    add_to_case,
    preview_files,
    preview_text,
    read_citation_file,
)
from desktop_app.services.full_text import full_text_attachment, match_full_texts
from tests.unit.citations.fixtures import CITATIONS, text

pytestmark = pytest.mark.no_database  # runs once: opens no case database


def _pdf(path: Path, words: str) -> Path:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 720, words)
    canvas.save()
    path.write_bytes(out.getvalue())
    return path


def test_the_preview_marks_what_the_case_already_cites(examples_dir: Path) -> None:
    case = load_case(examples_dir / "medicare-part-b-preauth.json")  # cites Maki 2007 already
    preview = preview_files([CITATIONS / "pubmed-maki-2007.nbib",
                             CITATIONS / "pubmed-porter-2011.nbib"], case.evidence)
    maki, porter = preview.candidates
    assert maki.duplicate_of == 1 and maki.is_duplicate
    assert not porter.is_duplicate and porter.item.design == "case-report"
    assert preview.to_add() == [porter.item]
    assert preview.formats == ("PubMed MEDLINE",)


def test_the_same_article_from_two_files_is_added_once() -> None:
    preview = preview_files([CITATIONS / "zotero.bib", CITATIONS / "pubmed.csv"])
    assert [c.repeated for c in preview.candidates] == [False, False, True, True]
    assert len(preview.to_add()) == 2


def test_adding_leaves_duplicates_out_and_keeps_the_case_valid(examples_dir: Path) -> None:
    case = load_case(examples_dir / "medicare-part-b-preauth.json")
    preview = preview_text(text("pubmed-three.txt"), case.evidence)
    updated, skipped = add_to_case(case, preview)
    assert len(updated.evidence) == len(case.evidence) + 2
    assert [c.item.pmid for c in skipped] == ["17602081"]  # type: ignore[union-attr]
    assert Case.model_validate_json(updated.model_dump_json()) == updated


def test_unreadable_and_empty_files_are_named_and_do_not_stop_the_others(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ris"
    empty.write_text("")
    preview = preview_files([tmp_path / "missing.nbib", empty, CITATIONS / "zotero.bib"])
    assert [str(p).split(":")[0] for p in preview.problems] == [
        str(tmp_path / "missing.nbib"), str(empty)]
    assert "empty" in str(preview.problems[1])
    assert len(preview.candidates) == 2


def test_a_file_over_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.ris"
    with big.open("wb") as handle:
        handle.truncate(MAX_CITATION_FILE_BYTES + 10)
    with pytest.raises(CitationProblem, match="too large"):
        read_citation_file(big)


def test_binary_and_pdf_files_are_told_apart_from_citations(tmp_path: Path) -> None:
    binary = tmp_path / "photo.ris"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    with pytest.raises(CitationProblem, match="not a text file"):
        read_citation_file(binary)
    with pytest.raises(CitationProblem, match="full text"):
        read_citation_file(_pdf(tmp_path / "paper.pdf", "hello"))


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"], ids=["ansi", "notepad-unicode"])
def test_an_ansi_or_unicode_ris_file_saved_on_windows_is_read(
    tmp_path: Path, encoding: str
) -> None:
    ansi = tmp_path / "endnote.ris"
    record_text = "TY  - JOUR\r\nTI  - Étude\r\nAU  - Müller, Hans\r\nER  - \r\n"
    ansi.write_bytes(record_text.encode(encoding))  # UTF-16 was "not a text file"
    [record] = read_citation_file(ansi)
    assert (record.title, record.authors) == ("Étude", ("Müller H",))


def test_a_pasted_paragraph_is_a_problem_named_pasted_text() -> None:
    preview = preview_text("Please see the attached notes.")
    assert not preview.candidates
    assert str(preview.problems[0]).startswith("pasted text:")


def test_a_bare_pmid_says_what_is_still_needed() -> None:
    [candidate] = preview_text("17602081").candidates
    assert candidate.lacking == ("title", "journal", "year")
    assert "look it up online" in candidate.note


def test_a_pdf_dropped_with_one_article_becomes_its_full_text(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "maki.pdf", "no identifiers printed")
    preview = preview_files([CITATIONS / "pubmed-maki-2007.nbib", pdf])
    assert preview.full_texts == (pdf,)
    items = preview.to_add()
    assert match_full_texts(preview.full_texts, items) == {0: pdf}
    attachment = full_text_attachment(items[0], pdf)
    assert attachment.title == "Maki et al., J Clin Oncol 2007 (full text)"
    assert attachment.article == "pmid:17602081" and attachment.path == str(pdf)


def test_several_pdfs_go_to_the_articles_whose_doi_they_print(tmp_path: Path) -> None:
    porter = _pdf(tmp_path / "a.pdf", "N Engl J Med 2011. DOI: 10.1056/NEJMoa1103849")
    maki = _pdf(tmp_path / "b.pdf", "J Clin Oncol. doi:10.1200/JCO.2006.10.4117.")
    stray = _pdf(tmp_path / "c.pdf", "a brochure")
    items = preview_text(text("pubmed-three.txt")).to_add()
    assert match_full_texts([porter, maki, stray], items) == {1: porter, 0: maki}


def test_reading_full_texts_leaves_the_pdf_library_logging_as_it_was(tmp_path: Path) -> None:
    # Muting pypdf for good once hid, from every later packet, the repair it would have noted.
    before = logging.getLogger("pypdf").level
    damaged = _pdf(tmp_path / "a.pdf", "DOI: 10.1056/NEJMoa1103849").read_bytes()[:-40]
    (tmp_path / "a.pdf").write_bytes(damaged)
    items = preview_text(text("pubmed-three.txt")).to_add()
    match_full_texts([tmp_path / "a.pdf", tmp_path / "a.pdf"], items)
    assert logging.getLogger("pypdf").level == before


def test_an_article_with_only_a_title_names_its_full_text_by_title(tmp_path: Path) -> None:
    item = ArticleEvidence(title="A study")
    assert full_text_attachment(item, tmp_path / "x.pdf").title == "A study (full text)"
