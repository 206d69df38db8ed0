"""Imported citations meet the case limits: long lists are cut with a note, an over-long text
leaves that one record out with its line named, and no message quotes what the record holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app import limits
from desktop_app.citations.mapping import to_evidence
from desktop_app.citations.record import CitationProblem, CitationRecord
from desktop_app.domain.case_evidence import ArticleEvidence, TrialEvidence
from desktop_app.domain.casefile import load_case
from desktop_app.errors import CaseFileError
from desktop_app.knowledge import icd10
from desktop_app.services.evidence_import import (
    add_to_case,
    preview_files,
    preview_text,
    read_citation_file,
)
from desktop_app.services.full_text import match_full_texts

SECRET = "Zebulon Quarterfield"  # a string that must never reach a message


def _medline(pmid: int, title: str, authors: list[str]) -> str:
    lines = [f"PMID- {pmid}", f"TI  - {title}", *(f"AU  - {a}" for a in authors),
             "JT  - Journal of Clinical Oncology", "TA  - J Clin Oncol", "DP  - 2020 Jan",
             "PT  - Journal Article", "PT  - Randomized Controlled Trial", ""]
    return "\n".join(lines) + "\n"


def test_a_consortium_paper_keeps_its_first_fifty_authors_and_says_so(tmp_path: Path) -> None:
    authors = [f"Author{n} A" for n in range(312)]
    source = tmp_path / "consortium.nbib"
    source.write_text(_medline(31000001, "Adjuvant therapy in a large cohort", authors))
    preview = preview_files([source])
    assert preview.problems == ()
    (candidate,) = preview.candidates
    item = candidate.item
    assert isinstance(item, ArticleEvidence)
    assert item.authors == authors[:50]
    assert "kept the first 50 of its 312 authors" in candidate.note
    assert item.design == "randomized"  # read from every type, before any were cut


def test_an_over_long_title_leaves_out_that_record_only_naming_its_line(tmp_path: Path) -> None:
    source = tmp_path / "two.nbib"
    source.write_text(_medline(31000002, "Fine title", ["Smith J"])
                      + _medline(31000003, SECRET + " " + "word " * 300, ["Jones K"]))
    preview = preview_files([source])
    assert [c.item.pmid for c in preview.candidates] == ["31000002"]  # type: ignore[union-attr]
    (problem,) = preview.problems
    assert problem.line == 10  # where the second record starts
    assert "title holds 1,520 characters; a case holds at most 500" in str(problem)
    assert SECRET not in str(problem)


def test_an_over_long_author_is_named_by_its_place_not_its_text() -> None:
    record = CitationRecord("ris", line=7, title="T", journal="J", year=2020,
                            authors=("Smith J", SECRET * 10))
    with pytest.raises(CitationProblem) as caught:
        to_evidence(record)
    assert caught.value.line == 7
    assert "authors (item 2) holds 200 characters; a case holds at most 100" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_importing_past_two_hundred_items_is_refused_naming_the_limit_not_the_case(
    examples_dir: Path,
) -> None:
    case = load_case(examples_dir / "commercial-appeal.json")
    full = case.model_copy(update={"evidence": [
        TrialEvidence(nct=f"NCT{10000000 + n}") for n in range(200)]})
    preview = preview_text("NCT09999999")  # one more item than a case holds
    with pytest.raises(CaseFileError) as caught:
        add_to_case(full, preview)
    message = str(caught.value)
    assert "evidence holds 201 items; a case holds at most 200" in message
    assert case.patient.name not in message and "NCT1" not in message


def test_a_device_given_as_a_citation_file_stops_at_the_cap() -> None:
    with pytest.raises(CitationProblem, match="over 20 MB"):
        read_citation_file(Path("/dev/zero"))


def test_a_device_dropped_as_a_full_text_matches_nothing_and_ends(tmp_path: Path) -> None:
    items = [ArticleEvidence(title="A", pmid="1"), ArticleEvidence(title="B", pmid="2")]
    assert match_full_texts([Path("/dev/zero")], items) == {}


def test_an_icd10_cache_over_its_cap_is_rebuilt_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "icd10-codes.json"
    cache.write_text(json.dumps({"format": icd10._CACHE_FORMAT, "codes": ["C34.90"] * 400}))
    monkeypatch.setattr(icd10, "cache_path", lambda part="codes": cache)
    assert icd10._read_cache("codes") is not None
    monkeypatch.setattr(limits, "ICD10_CACHE_BYTES", 1024)
    assert icd10._read_cache("codes") is None  # treated as damaged: rebuilt from the package


_TAGS = ["TI  - ", "AU  - ", "JT  - ", "TA  - ", "DP  - ", "PT  - ", "AID - ", "PMC - ",
         "CN  - ", "VI  - ", "PG  - ", "      ", ""]
_value = st.text(max_size=12) | st.sampled_from(["2007 Jul", "Randomized Controlled Trial",
                                                 "10.1200/JCO.1 [doi]", "Guideline"]) | st.builds(
    lambda n: "x" * n, st.integers(0, 3000))
_line = st.builds(lambda tag, value: tag + value + "\n", st.sampled_from(_TAGS), _value)
# MEDLINE-like records (most lines well formed, some not), or any text at all.
_record = st.builds(lambda pmid, lines: f"PMID- {pmid}\n" + "".join(lines) + "\n",
                    st.integers(1, 40_000_000), st.lists(_line, max_size=80))
_pasted = st.lists(_record, min_size=1, max_size=4).map("".join) | st.text(max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pasted)
def test_any_pasted_text_is_a_preview_or_named_problems(text: str) -> None:
    preview = preview_text(text)  # never raises: what cannot be used is listed, with its line
    for candidate in preview.candidates:
        assert candidate.item.model_validate(candidate.item.model_dump()) == candidate.item
    for problem in preview.problems:
        assert str(problem).startswith("pasted text") and "Traceback" not in str(problem)
