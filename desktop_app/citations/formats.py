"""Which reader a text needs: by the file's extension when it has a telling one, else by content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from desktop_app.citations.bibtex import looks_like_bibtex, parse_bibtex
from desktop_app.citations.csl_json import looks_like_csl_json, parse_csl_json
from desktop_app.citations.identifier_list import looks_like_identifier_list, parse_identifier_list
from desktop_app.citations.medline import looks_like_medline, parse_medline
from desktop_app.citations.pubmed_csv import looks_like_pubmed_csv, parse_pubmed_csv
from desktop_app.citations.record import CitationProblem, CitationRecord
from desktop_app.citations.ris import looks_like_ris, parse_ris

Reader = Callable[[str], list[CitationRecord]]

FORMAT_NAMES = {
    "medline": "PubMed MEDLINE",
    "ris": "RIS",
    "bibtex": "BibTeX",
    "csl-json": "CSL-JSON",
    "pubmed-csv": "PubMed CSV",
    "identifier": "list of identifiers",
}
READERS: dict[str, Reader] = {
    "medline": parse_medline,
    "ris": parse_ris,
    "bibtex": parse_bibtex,
    "csl-json": parse_csl_json,
    "pubmed-csv": parse_pubmed_csv,
    "identifier": parse_identifier_list,
}
# Content tests in order: the most distinctive first (a RIS record may quote a PMID line).
_SNIFFERS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("csl-json", looks_like_csl_json),
    ("ris", looks_like_ris),
    ("medline", looks_like_medline),
    ("bibtex", looks_like_bibtex),
    ("pubmed-csv", looks_like_pubmed_csv),
    ("identifier", looks_like_identifier_list),
)
_BY_SUFFIX = {
    ".nbib": "medline", ".medline": "medline", ".ris": "ris", ".bib": "bibtex",
    ".bibtex": "bibtex", ".json": "csl-json", ".csv": "pubmed-csv",
}
# File types staff may drop that are citation files (the import dialog's filter).
CITATION_SUFFIXES = (".nbib", ".medline", ".txt", ".ris", ".bib", ".bibtex", ".json", ".csv")


def detect_format(text: str, name: str = "") -> str:
    """The format key for this text; CitationProblem if it is none the app reads."""
    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    for key, test in _SNIFFERS:
        if test(text):
            return key
    raise CitationProblem(
        "not a citation format the app reads (PubMed MEDLINE or CSV, RIS, BibTeX, CSL-JSON, "
        "or one PMID, DOI or NCT number per line)"
    )


def read_citations(text: str, name: str = "") -> list[CitationRecord]:
    """Every record in the text, read with the reader its format needs."""
    if not text.strip():
        raise CitationProblem("the text is empty")
    return READERS[detect_format(text, name)](text)
