"""PubMed's CSV export (Save > Format: CSV): one row per article.

Read with the standard csv module. Columns are found by their header names, as PubMed writes
them (PMID, Title, Authors, Citation, First Author, Journal/Book, Publication Year, Create
Date, PMCID, NIHMS ID, DOI), so a spreadsheet that reordered or dropped some still reads.
Volume, issue and pages come only inside "Citation" ("J Clin Oncol. 2007 Jul
1;25(19):2755-63. doi: ..."), and there is no publication type, so the design stays unknown.
"""

from __future__ import annotations

import csv
import io
import re

from desktop_app.citations.names import clean_text
from desktop_app.citations.record import MAX_RECORDS, CitationProblem, CitationRecord
from desktop_app.domain.identifiers import normalize_doi

_LOCATOR = re.compile(r";\s*([^();:\s]+)?\s*(?:\(([^)]*)\))?\s*:\s*([^.\s;]+)")
_PMC = re.compile(r"^PMC\d{1,9}$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# csv's own limit is 128 kB a field; an abstract never reaches it, a hostile file might.
csv.field_size_limit(1 << 20)


def looks_like_pubmed_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0].casefold()
    return "pmid" in first and "title" in first and "," in first


def parse_pubmed_csv(text: str) -> list[CitationRecord]:
    # newline="": csv splits rows itself, so a file saved with CR line ends (Excel for Mac's
    # "CSV (Macintosh)") reads too, and a line end inside quotes stays in its cell.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = {name.strip().casefold(): name for name in reader.fieldnames or []}
    except csv.Error as exc:
        raise CitationProblem(f"the CSV header cannot be read ({exc})", line=1) from None
    if "pmid" not in header and "title" not in header:
        raise CitationProblem("no PMID or Title column: this is not PubMed's CSV export", line=1)
    records: list[CitationRecord] = []
    # The line a row starts on: csv counts the lines of a row it could not read only once it
    # has read them, so after an error its count names the line before.
    line = reader.line_num + 1
    try:
        for row in reader:
            record = _record(row, header, line)
            if record is not None:
                records.append(record)
            if len(records) > MAX_RECORDS:
                raise CitationProblem(f"more than {MAX_RECORDS} records; import fewer at a time")
            line = reader.line_num + 1
    except csv.Error as exc:
        why = ("a cell there is far longer than any citation's; is a quote left open?"
               if "field limit" in str(exc) else str(exc))
        raise CitationProblem(f"the CSV cannot be read ({why})", line=line) from None
    if not records:
        raise CitationProblem("the CSV has a header but no articles")
    return records


def _record(row: dict[str, str | None], header: dict[str, str], line: int) -> CitationRecord | None:
    def cell(name: str) -> str:
        column = header.get(name)
        value = row.get(column) if column else None
        return clean_text(value) if isinstance(value, str) else ""

    pmid, title = cell("pmid"), cell("title")
    if not pmid and not title:
        return None
    citation = cell("citation")
    volume = issue = pages = ""
    found = _LOCATOR.search(citation)
    if found:
        volume, issue, pages = (found.group(n) or "" for n in (1, 2, 3))
    journal = cell("journal/book")
    year = _YEAR.search(cell("publication year") or citation)
    pmcid = cell("pmcid").upper()
    authors = [a.strip() for a in cell("authors").rstrip(".").split(",")]
    return CitationRecord(
        source_format="pubmed-csv",
        line=line,
        title=title,
        authors=tuple(a for a in authors if a),  # already "Maki RG" in PubMed's CSV
        journal=journal,
        journal_abbreviation=citation.split(".", 1)[0].strip() if citation else "",
        year=int(year.group(1)) if year else None,
        volume=volume,
        issue=issue,
        pages=pages,
        pmid=pmid if pmid.isdigit() and len(pmid) <= 9 else "",
        doi=normalize_doi(cell("doi")) or "",
        pmcid=pmcid if _PMC.match(pmcid) else "",
    )
