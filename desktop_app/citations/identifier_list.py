"""A plain list of PMIDs, DOIs or NCT numbers, one per line, as staff paste or save them.

Each line may carry a label PubMed or a browser adds ("PMID: 17602081", "doi:10.…",
"https://doi.org/10.…", "https://pubmed.ncbi.nlm.nih.gov/17602081/", "https://clinicaltrials.gov/study/NCT…").
A line that is none of these is reported with its number rather than guessed at.
"""

from __future__ import annotations

import re

from desktop_app.citations.names import clean_text
from desktop_app.citations.record import MAX_RECORDS, CitationProblem, CitationRecord
from desktop_app.domain.identifiers import normalize_doi, normalize_nct

_PMID = re.compile(
    r"^(?:pmid:?\s*|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/)?"
    r"(\d{1,9})/?$", re.IGNORECASE)
_NCT = re.compile(r"^(?:https?://(?:www\.)?clinicaltrials\.gov/(?:study|ct2/show)/)?(NCT\d{8})/?$",
                  re.IGNORECASE)
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)


def identifier_record(line_text: str, line: int = 0) -> CitationRecord | None:
    """The record one line names, or None if it is not a PMID, DOI or NCT number."""
    text = clean_text(line_text).strip(" ,;")
    pmid = _PMID.match(text)
    if pmid:
        return CitationRecord("identifier", line, pmid=pmid.group(1), identifier_only=True)
    nct = _NCT.match(text)
    if nct:
        number = normalize_nct(nct.group(1)) or ""
        return CitationRecord("identifier", line, nct=number, kind="trial", identifier_only=True)
    doi = normalize_doi(_DOI_URL.sub("", text))
    if doi:
        return CitationRecord("identifier", line, doi=doi, identifier_only=True)
    return None


def looks_like_identifier_list(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(identifier_record(line) for line in lines[:50])


def parse_identifier_list(text: str) -> list[CitationRecord]:
    records: list[CitationRecord] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        record = identifier_record(raw, number)
        if record is None:
            raise CitationProblem(
                "not a PMID, DOI or NCT number (give one identifier per line)", line=number
            )
        records.append(record)
        if len(records) > MAX_RECORDS:
            raise CitationProblem(f"more than {MAX_RECORDS} identifiers; import fewer at a time")
    if not records:
        raise CitationProblem("no PMID, DOI or NCT number found")
    return records
