"""BibTeX (.bib), as Zotero, Mendeley, JabRef and journal sites write it, read with bibtexparser 2.

bibtexparser v2 (maintained, MIT) splits blocks fault-tolerantly: a broken entry becomes a
failed block with its line, and the others still parse. Its LaTeX decoder turns {\\"u} into ü
and -- into an en dash (pages are set back to a hyphen for AMA). It logs a warning per failed
block, which is silenced while it reads (quiet_logs.py): the preview reports them instead.
"""

from __future__ import annotations

import re
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors

from desktop_app.citations.names import ama_from_inverted, clean_text
from desktop_app.citations.record import MAX_RECORDS, CitationProblem, CitationRecord
from desktop_app.domain.identifiers import normalize_doi
from desktop_app.quiet_logs import quiet_loggers

_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PMC = re.compile(r"^PMC\d{1,9}$", re.IGNORECASE)


def looks_like_bibtex(text: str) -> bool:
    return bool(_ENTRY.search(text[:20000]))


# The fields a record is made of (_record); no other is LaTeX-decoded (an abstract, a note).
READ_FIELDS = frozenset({
    "title", "author", "journal", "journaltitle", "shortjournal", "journal-abbreviation",
    "year", "date", "volume", "number", "issue", "pages", "pmid", "eprint", "eprinttype",
    "pmcid", "doi",
})
# What is LaTeX-decoded in all. pylatexenc takes about 30 microseconds for each command and
# 5 for each other character: a 2 MB title of accent commands took 42 s, one of plain letters
# minutes. 500 records (the most one import takes) of accented titles, names and journals
# hold a few thousand commands in a few hundred thousand characters.
MOST_LATEX_COMMANDS = 20_000
MOST_DECODED_CHARS = 500_000
# A value longer than any field a case holds is left as it is: the field's own limit then
# refuses it by name ("the title holds 2,000,000 characters").
LONGEST_DECODED_VALUE = 20_000


class TooMuchLatex(Exception):
    """More LaTeX in the fields read than any bibliography holds."""


class _ReadFieldsDecoding(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, of the fields the app reads only, within a budget."""

    def __init__(self) -> None:
        super().__init__()
        self._commands = 0
        self._characters = 0

    def transform_entry(self, entry: Any, library: Any) -> Any:
        entry.fields = [f for f in entry.fields if f.key.lower() in READ_FIELDS]
        return super().transform_entry(entry, library)

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if len(python_string) > LONGEST_DECODED_VALUE:
            return python_string, ""
        self._commands += python_string.count("\\")
        self._characters += len(python_string)
        if self._commands > MOST_LATEX_COMMANDS or self._characters > MOST_DECODED_CHARS:
            raise TooMuchLatex
        decoded: tuple[str, str] = super()._transform_python_value_string(python_string)
        return decoded


def parse_bibtex(text: str) -> list[CitationRecord]:
    try:
        with quiet_loggers("bibtexparser"):
            library = parse_string(
                text, append_middleware=[_ReadFieldsDecoding(), SeparateCoAuthors()]
            )
    except TooMuchLatex:
        raise CitationProblem(
            "the BibTeX's titles, names and journals hold far more LaTeX than a bibliography "
            f"(over {MOST_LATEX_COMMANDS:,} commands or {MOST_DECODED_CHARS:,} characters); "
            "import fewer records at a time, or export them again as UTF-8 without LaTeX"
        ) from None
    except Exception as exc:  # noqa: BLE001 - the parser's own errors are not one family
        raise CitationProblem(f"the BibTeX text cannot be read ({type(exc).__name__})") from None
    entries = [e for e in library.entries if e.entry_type.lower() != "comment"]
    if not entries:
        failed = library.failed_blocks
        line = (failed[0].start_line or 0) + 1 if failed else 0
        where = f" (the entry at line {line} is broken)" if failed else ""
        raise CitationProblem(f"no BibTeX entry found{where}")
    if len(entries) > MAX_RECORDS:
        raise CitationProblem(f"more than {MAX_RECORDS} records; import fewer at a time")
    return [
        _record({f.key.lower(): f.value for f in e.fields}, (e.start_line or 0) + 1)
        for e in entries
    ]


def _text(fields: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str):
            text = clean_text(value.replace("{", "").replace("}", ""))
            if text:
                return text
    return ""


def _record(fields: dict[str, Any], line: int) -> CitationRecord:
    authors = fields.get("author")
    names = authors if isinstance(authors, list) else ([authors] if authors else [])
    year = _YEAR.search(_text(fields, "year", "date"))
    eprint_type = _text(fields, "eprinttype").casefold()
    pmid = _text(fields, "pmid") or (_text(fields, "eprint") if eprint_type == "pubmed" else "")
    pmcid = _text(fields, "pmcid")
    journal = _text(fields, "journal", "journaltitle")
    abbreviation = _text(fields, "shortjournal", "journal-abbreviation")
    return CitationRecord(
        source_format="bibtex",
        line=line,
        title=_text(fields, "title"),
        authors=tuple(a for a in (ama_from_inverted(clean_text(n).replace("{", "").replace(
            "}", "")) for n in names if isinstance(n, str)) if a),
        journal=journal,
        journal_abbreviation=abbreviation if abbreviation != journal else "",
        year=int(year.group(1)) if year else None,
        volume=_text(fields, "volume"),
        issue=_text(fields, "number", "issue"),
        pages=_text(fields, "pages").replace("\u2013", "-").replace("--", "-"),
        pmid=pmid if pmid.isdigit() and len(pmid) <= 9 else "",
        doi=normalize_doi(_text(fields, "doi")) or "",
        pmcid=pmcid.upper() if _PMC.match(pmcid) else "",
    )
