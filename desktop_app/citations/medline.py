"""PubMed's MEDLINE format (.nbib, .txt), as "Cite", "Send to: Citation manager" and E-utilities
efetch (rettype=medline) write it.

A line is a tag of up to four characters padded to four, "- ", then the value; a value that
wraps continues on lines indented six spaces; a blank line ends a record; AU, FAU, PT, AID and
others repeat. Field meanings: NLM, MEDLINE/PubMed Data Element (Field) Descriptions,
https://www.nlm.nih.gov/bsd/mms/medlineelements.html

Written here rather than taken from the `nbib` package (0.3.2, last released 2021), which on
PubMed's own shapes drops the last record when the text does not end in a newline (a paste),
drops every author of a record with AU but no FAU (records before 2002), refuses the whole
input over one stray line such as a pasted heading, raises a date-parser error on an odd date,
and skips LID, where an ahead-of-print record keeps its DOI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop_app.citations.names import ama_from_inverted, clean_text
from desktop_app.citations.record import MAX_RECORDS, CitationProblem, CitationRecord
from desktop_app.domain.identifiers import normalize_doi, normalize_nct

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_CONTINUATION = re.compile(r"^ {2,}(\S.*)$")
_ID_WITH_KIND = re.compile(r"^(.*?)\s*\[([a-z-]+)\]\s*$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PMC = re.compile(r"^PMC\d{1,9}$")
_NCT_IN_TEXT = re.compile(r"\bNCT\d{8}\b")


def looks_like_medline(text: str) -> bool:
    """True when the text has a PMID- line or at least two MEDLINE tag lines in a row."""
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    if any(line.startswith("PMID-") for line in lines):
        return True
    tags = [line for line in lines if _TAG_LINE.match(line) and line[4:6] == "- "]
    return len(tags) >= 2 and any(line.startswith(("TI  -", "AU  -")) for line in tags)


def _records(text: str) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(first line, [(tag, value), ...]) per record; continuation lines joined by one space."""
    fields: list[tuple[str, str]] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            if fields:
                yield start, fields
                fields = []
            continue
        tag = _TAG_LINE.match(line)
        if tag and line[4:6] == "- ":
            if tag.group(1) == "PMID" and any(t == "PMID" for t, _ in fields):
                yield start, fields  # two records with no blank line between them
                fields = []
            if not fields:
                start = number
            fields.append((tag.group(1), tag.group(2).strip()))
            continue
        more = _CONTINUATION.match(raw)
        if more and fields:
            name, value = fields[-1]
            fields[-1] = (name, f"{value} {more.group(1).strip()}".strip())
        # Anything else (a heading pasted with the records, a stray word) is not MEDLINE: skip it.
    if fields:
        yield start, fields


def parse_medline(text: str) -> list[CitationRecord]:
    """Every record in MEDLINE text; CitationProblem if there is none."""
    records = []
    for start, fields in _records(text):
        record = _record(start, fields)
        if record is not None:
            records.append(record)
        if len(records) > MAX_RECORDS:
            raise CitationProblem(f"more than {MAX_RECORDS} records; import fewer at a time")
    if not records:
        raise CitationProblem("no MEDLINE record found (each starts with a 'PMID- ' line)")
    return records


def _record(start: int, fields: list[tuple[str, str]]) -> CitationRecord | None:
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        values.setdefault(tag, []).append(clean_text(value))

    def first(tag: str) -> str:
        return next((v for v in values.get(tag, []) if v), "")

    if not (first("PMID") or first("TI") or first("BTI")):
        return None
    # AU is NLM's "Surname Initials"; FAU the full name. Older records have AU only.
    authors = values.get("AU") or [ama_from_inverted(n) for n in values.get("FAU", [])]
    pmcid = first("PMC").upper()
    text_blob = " ".join(values.get("SI", []) + values.get("AB", []))
    nct = next((normalize_nct(m) for m in _NCT_IN_TEXT.findall(text_blob)), None)
    return CitationRecord(
        source_format="medline",
        line=start,
        title=first("TI") or first("BTI"),
        authors=tuple(a for a in authors if a),
        corporate_author="; ".join(v for v in values.get("CN", []) if v),
        journal=first("JT"),
        journal_abbreviation=first("TA"),
        year=_year(first("DP")),
        volume=first("VI"),
        issue=first("IP"),
        pages=first("PG"),
        pmid=first("PMID") if first("PMID").isdigit() else "",
        doi=_doi(values.get("LID", []) + values.get("AID", [])),
        pmcid=pmcid if _PMC.match(pmcid) else "",
        nct=nct or "",
        publication_types=tuple(v for v in values.get("PT", []) if v),
    )


def _year(published: str) -> int | None:
    found = _YEAR.search(published)
    return int(found.group(1)) if found else None


def _doi(identifiers: list[str]) -> str:
    """The first '[doi]' identifier of LID or AID, as a bare DOI."""
    for value in identifiers:
        match = _ID_WITH_KIND.match(value)
        if match and match.group(2) == "doi":
            doi = normalize_doi(match.group(1))
            if doi:
                return doi
    return ""
