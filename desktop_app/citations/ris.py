"""RIS, as Zotero, EndNote and Mendeley export it, read with `rispy`.

rispy (maintained, MIT) handles CRLF, continuation lines and repeated tags; it was chosen over
writing another tag reader. Two shapes it drops silently are fixed before it runs: a byte-order
mark before the first TY (EndNote's UTF-8 export) and a last record without ER (a paste cut
short). Zotero keeps the journal in T2 and its abbreviation in J2; EndNote uses JO/JF/JA; the
PMID comes in AN (EndNote, Mendeley) or as "PMID: n" in a note (Zotero's Extra field).
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from desktop_app.citations.names import ama_from_inverted, clean_text
from desktop_app.citations.record import MAX_RECORDS, CitationProblem, CitationRecord
from desktop_app.domain.identifiers import normalize_doi

_TY_LINE = re.compile(r"^TY  - ", re.MULTILINE)
_PMID_NOTE = re.compile(r"\bPMID:\s*(\d{1,9})\b")
_PMCID_NOTE = re.compile(r"\b(PMC\d{1,9})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def looks_like_ris(text: str) -> bool:
    return bool(_TY_LINE.search(text.lstrip("\ufeff")[:20000]))


def parse_ris(text: str) -> list[CitationRecord]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    starts = [m.start() for m in _TY_LINE.finditer(text)]
    if not starts:
        raise CitationProblem("no RIS record found (each starts with a 'TY  - ' line)")
    if len(starts) > MAX_RECORDS:
        raise CitationProblem(f"more than {MAX_RECORDS} records; import fewer at a time")
    tail = text[starts[-1] :]
    if not re.search(r"^ER  -", tail, re.MULTILINE):
        text = text.rstrip("\n") + "\nER  - \n"
    try:
        entries = rispy.loads(text[starts[0] :])
    except Exception as exc:  # noqa: BLE001 - rispy raises bare IOError/KeyError on bad tags
        raise CitationProblem(f"the RIS text cannot be read ({type(exc).__name__})") from None
    lines = [text[: s].count("\n") + 1 for s in starts]
    return [_record(entry, lines[i] if i < len(lines) else 0) for i, entry in enumerate(entries)]


def _first(entry: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), "")
        text = clean_text(value)
        if text:
            return text
    return ""


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _record(entry: dict[str, Any], line: int) -> CitationRecord:
    names = [n for key in ("authors", "first_authors") for n in entry.get(key) or []]
    notes = " ".join(
        clean_text(n) for key in ("notes", "note", "custom2", "accession_number")
        for n in _as_list(entry.get(key)) if isinstance(n, str)
    )
    accession = _first(entry, "accession_number")
    pmid = accession if accession.isdigit() and len(accession) <= 9 else ""
    if not pmid:
        found = _PMID_NOTE.search(notes)
        pmid = found.group(1) if found else ""
    pmcid = _PMCID_NOTE.search(notes)
    journal = _first(entry, "secondary_title", "journal_name", "alternate_title3")
    abbreviation = _first(entry, "alternate_title1", "alternate_title2")
    if not journal:
        journal, abbreviation = abbreviation, ""
    start, end = _first(entry, "start_page"), _first(entry, "end_page")
    year = _YEAR.search(_first(entry, "year", "publication_year", "date"))
    return CitationRecord(
        source_format="ris",
        line=line,
        title=_first(entry, "title", "primary_title", "translated_title"),
        authors=tuple(a for a in (ama_from_inverted(n) for n in names if isinstance(n, str)) if a),
        journal=journal,
        journal_abbreviation=abbreviation if abbreviation != journal else "",
        year=int(year.group(1)) if year else None,
        volume=_first(entry, "volume"),
        issue=_first(entry, "number"),
        pages=f"{start}-{end}" if start and end and end != start else start,
        pmid=pmid,
        doi=normalize_doi(_first(entry, "doi")) or "",
        pmcid=pmcid.group(1) if pmcid else "",
    )
