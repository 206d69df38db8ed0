"""CSL-JSON (Zotero's "CSL JSON" export, citeproc-js data, and Crossref's /works records).

Plain JSON, read with the standard library: no parser package is needed. Field names follow
the CSL 1.0.2 specification, https://docs.citationstyles.org/en/stable/specification.html
(Appendix IV, variables).
"""

from __future__ import annotations

import json
import re
from typing import Any

from desktop_app.citations.names import ama_from_inverted, ama_name, clean_text
from desktop_app.citations.record import MAX_RECORDS, CitationProblem, CitationRecord
from desktop_app.domain.identifiers import normalize_doi

_PMC = re.compile(r"^PMC\d{1,9}$")


_NUMBER_DIGITS = 40


def looks_like_csl_json(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1]
    return head in ("[", "{") and ('"title"' in text[:50000] or '"DOI"' in text[:50000])


def _integer(digits: str) -> int:
    # Python's int() ends in a ValueError past 4,300 digits; a year or a volume has a few.
    if len(digits) > _NUMBER_DIGITS:
        raise CitationProblem(f"a number in the file is {len(digits):,} digits long; no "
                              f"citation needs more than {_NUMBER_DIGITS}")
    return int(digits)


def parse_csl_json(text: str) -> list[CitationRecord]:
    try:
        data = json.loads(text.lstrip("\ufeff"), parse_int=_integer)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise CitationProblem(f"not valid JSON{where}") from None
    if isinstance(data, dict) and isinstance(data.get("message"), dict):
        data = data["message"]  # a Crossref /works/{doi} answer
    items = data if isinstance(data, list) else [data]
    items = [item for item in items if isinstance(item, dict)]
    if not items:
        raise CitationProblem("no CSL-JSON item found (a list of objects with a 'title')")
    if len(items) > MAX_RECORDS:
        raise CitationProblem(f"more than {MAX_RECORDS} records; import fewer at a time")
    return [record_from_csl(item, index + 1) for index, item in enumerate(items)]


def _text(value: Any) -> str:
    if isinstance(value, list):  # Crossref gives titles as lists
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return clean_text(value)


def _author(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    if person.get("literal"):
        return ama_from_inverted(_text(person.get("literal")))
    family = " ".join(p for p in (_text(person.get("non-dropping-particle")),
                                  _text(person.get("family"))) if p)
    return ama_name(family, _text(person.get("given")), _text(person.get("suffix")))


def _year(item: dict[str, Any]) -> int | None:
    for key in ("issued", "published-print", "published-online"):
        date = item.get(key)
        parts = date.get("date-parts") if isinstance(date, dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = parts[0][0]
            if isinstance(year, int) and 1800 <= year <= 2100:
                return year
            if isinstance(year, str) and year.isdigit() and 1800 <= int(year) <= 2100:
                return int(year)
    return None


def record_from_csl(item: dict[str, Any], line: int = 0) -> CitationRecord:
    """One CSL-JSON item (or a Crossref work) as a record."""
    authors = item.get("author")
    pmid = _text(item.get("PMID"))
    pmcid = _text(item.get("PMCID")).upper()
    journal = _text(item.get("container-title"))
    abbreviation = _text(item.get("container-title-short") or item.get("short-container-title")
                         or item.get("journalAbbreviation"))
    return CitationRecord(
        source_format="csl-json",
        line=line,
        title=_text(item.get("title")),
        authors=tuple(a for a in (_author(p) for p in authors) if a)
        if isinstance(authors, list) else (),
        journal=journal,
        journal_abbreviation=abbreviation if abbreviation != journal else "",
        year=_year(item),
        volume=_text(item.get("volume")),
        issue=_text(item.get("issue")),
        pages=_text(item.get("page")).replace("\u2013", "-"),
        pmid=pmid if pmid.isdigit() and len(pmid) <= 9 else "",
        doi=normalize_doi(_text(item.get("DOI"))) or "",
        pmcid=pmcid if _PMC.match(pmcid) else "",
    )
