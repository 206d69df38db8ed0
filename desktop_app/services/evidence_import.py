"""Importing evidence: citation files, pasted text and identifiers into a case's evidence list.

The one door from the editor and `pa-letter evidence import` to the citation readers. Nothing
is added until staff confirm a preview: it lists every item, marks those the case already
cites (same PMID, DOI or NCT number) and says what each still lacks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app import limits
from desktop_app.citations.formats import FORMAT_NAMES, read_citations
from desktop_app.citations.mapping import (
    EvidenceItem,
    duplicate_of,
    fitted,
    identity_keys,
    to_evidence,
)
from desktop_app.citations.record import CitationProblem, CitationRecord
from desktop_app.domain.case import Case
from desktop_app.domain.problems import first_problem
from desktop_app.errors import AppError, CaseFileError
from desktop_app.text_files import decode_text_file

__all__ = [
    "MAX_CITATION_FILE_BYTES",
    "EvidenceItem",
    "ImportCandidate",
    "ImportPreview",
    "add_to_case",
    "needs_lookup",
    "preview_files",
    "preview_text",
    "read_citation_file",
    "with_lookups",
]

# The citation file cap (limits.py, the one place for caps), under the name callers know.
MAX_CITATION_FILE_BYTES = limits.CITATION_FILE_BYTES
PDF_SUFFIX = ".pdf"

Lookup = Callable[[CitationRecord], CitationRecord]


@dataclass(frozen=True, slots=True)
class ImportCandidate:
    """One item the preview offers; `duplicate_of` is the case's own index of the same work."""

    item: EvidenceItem
    source: str  # the file name, or "pasted text"
    line: int
    duplicate_of: int | None = None
    repeated: bool = False  # the same work appears earlier in this import
    lacking: tuple[str, ...] = ()  # mandatory fields still empty, e.g. ("title", "journal")
    note: str = ""  # e.g. why a lookup did not fill it
    record: CitationRecord | None = None  # what the reader found, for a later lookup

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None or self.repeated


@dataclass(frozen=True, slots=True)
class ImportPreview:
    candidates: tuple[ImportCandidate, ...]
    problems: tuple[AppError, ...] = ()  # files or text that could not be read, each named
    full_texts: tuple[Path, ...] = ()  # PDFs dropped with the citations
    formats: tuple[str, ...] = field(default=())

    def to_add(self) -> list[EvidenceItem]:
        """The items an import adds: every candidate that is not a duplicate."""
        return [c.item for c in self.candidates if not c.is_duplicate]


def _decode(raw: bytes, name: str) -> str:
    text = decode_text_file(raw)  # EndNote and older Windows tools save RIS as ANSI
    if text is None:
        raise CitationProblem("not a text file (citation files are text)", file=name)
    return text


def read_citation_file(path: Path) -> list[CitationRecord]:
    """The records in one citation file; CitationProblem naming the file (and line) otherwise."""
    path = Path(path)
    name = str(path)
    if path.suffix.lower() == PDF_SUFFIX:
        raise CitationProblem(
            "a PDF is an article's full text, not a citation: import the article's citation "
            "(PubMed, RIS or BibTeX) and drop the PDF with it to attach it",
            file=name,
        )
    raw = limits.read_bounded(
        path, MAX_CITATION_FILE_BYTES, what="a citation file", error=CitationProblem,
        unreadable="cannot read the file ({reason})")
    text = _decode(raw, name)
    if not text.strip():
        raise CitationProblem("the file is empty", file=name)
    try:
        return read_citations(text, path.name)
    except CitationProblem as exc:
        raise CitationProblem(exc.message, file=name, line=exc.line) from None


def preview_files(
    paths: Sequence[Path], existing: Sequence[object] = (), lookup: Lookup | None = None
) -> ImportPreview:
    """A preview of what the files add; unreadable files are listed, not fatal. PDFs among
    them are kept as full texts to attach."""
    records: list[tuple[CitationRecord, str]] = []
    problems: list[AppError] = []
    pdfs: list[Path] = []
    for path in paths:
        if Path(path).suffix.lower() == PDF_SUFFIX:
            pdfs.append(Path(path))
            continue
        try:
            records += [(r, Path(path).name) for r in read_citation_file(Path(path))]
        except CitationProblem as exc:
            problems.append(exc)
    return _preview(records, existing, lookup, problems, pdfs)


def preview_text(
    text: str, existing: Sequence[object] = (), lookup: Lookup | None = None
) -> ImportPreview:
    """A preview of pasted text (MEDLINE, RIS, BibTeX, CSL-JSON, CSV or identifiers)."""
    try:
        records = [(r, "pasted text") for r in read_citations(text)]
    except CitationProblem as exc:
        return ImportPreview((), (CitationProblem(exc.message, file="pasted text",
                                                  line=exc.line),))
    return _preview(records, existing, lookup, [], [])


def _preview(
    records: list[tuple[CitationRecord, str]],
    existing: Sequence[object],
    lookup: Lookup | None,
    problems: list[AppError],
    pdfs: list[Path],
) -> ImportPreview:
    candidates: list[ImportCandidate] = []
    seen: set[str] = set()
    for record, source in records:
        note = ""
        if record.identifier_only and lookup is not None:
            try:
                record = lookup(record)
            except AppError as exc:
                note = exc.message
        try:
            item = to_evidence(record)
        except CitationProblem as exc:  # a text over its limit: this record only is left out
            problems.append(CitationProblem(exc.message, file=source, line=exc.line))
            continue
        cut = fitted(record)[1]
        note = "; ".join(part for part in (note, cut) if part)
        keys = identity_keys(item)
        candidates.append(ImportCandidate(
            item=item,
            source=source,
            line=record.line,
            duplicate_of=duplicate_of(item, existing),
            repeated=bool(keys & seen),
            lacking=_lacking(item),
            note=note or _identifier_note(record),
            record=record,
        ))
        seen |= keys
    formats = tuple(sorted({FORMAT_NAMES.get(r.source_format, r.source_format)
                            for r, _ in records}))
    return ImportPreview(tuple(candidates), tuple(problems), tuple(pdfs), formats)


def needs_lookup(preview: ImportPreview) -> bool:
    """True when some item is a bare identifier that an online lookup could fill in."""
    return any(c.record is not None and c.record.identifier_only for c in preview.candidates)


def with_lookups(
    preview: ImportPreview, existing: Sequence[object], lookup: Lookup
) -> ImportPreview:
    """The same preview with every bare identifier looked up (a failure is kept as a note)."""
    records = [(c.record, c.source) for c in preview.candidates if c.record is not None]
    return _preview(records, existing, lookup, list(preview.problems), list(preview.full_texts))


def _identifier_note(record: CitationRecord) -> str:
    if not record.identifier_only or record.kind == "trial":
        return ""
    return ("only the identifier is known: look it up online (allowed in Settings) "
            "or type the title, journal and year")


_MANDATORY = {"article": ("title", "journal", "year"), "trial": ("nct",),
              "guideline": ("title", "issuer")}


def _lacking(item: Any) -> tuple[str, ...]:
    return tuple(name for name in _MANDATORY.get(item.type, ())
                 if getattr(item, name, None) in (None, ""))


def add_to_case(case: Case, preview: ImportPreview) -> tuple[Case, list[ImportCandidate]]:
    """The case with the preview's new items appended, and the duplicates left out."""
    added = preview.to_add()
    skipped = [c for c in preview.candidates if c.is_duplicate]
    try:
        updated = Case.model_validate({**case.model_dump(), "evidence": [*case.evidence, *added]})
    except ValidationError as exc:
        # Most often more evidence than a case holds. The message names the field and the
        # limit, never a value: pydantic's own text would quote the case's contents.
        message, where = first_problem(exc)
        raise CaseFileError(
            f"with the imported items, {where or ''} {message}", field=where) from None
    return updated, skipped

