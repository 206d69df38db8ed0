"""One citation as a reader found it, before it becomes a case evidence item."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.errors import AppError

# Readers stop after this many records: a pasted library of 10,000 references is not evidence
# for one case, and the preview would be unusable.
MAX_RECORDS = 500


@dataclass(frozen=True, slots=True)
class CitationRecord:
    """The fields the case format can use; empty strings mean "not in the record"."""

    source_format: str  # "medline", "ris", "bibtex", "csl-json", "pubmed-csv", "identifier"
    line: int = 0  # where the record starts in its input, for messages
    title: str = ""
    authors: tuple[str, ...] = ()  # AMA order: "Maki RG"
    corporate_author: str = ""  # MEDLINE CN, e.g. a cooperative group issuing a guideline
    journal: str = ""  # the full title (MEDLINE JT)
    journal_abbreviation: str = ""  # the NLM abbreviation (MEDLINE TA)
    year: int | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    pmid: str = ""
    doi: str = ""
    pmcid: str = ""
    nct: str = ""
    publication_types: tuple[str, ...] = ()
    kind: str = "article"  # "article", or "trial" for an NCT number alone
    identifier_only: bool = False  # a bare PMID/DOI/NCT: the rest must be looked up or typed
    notes: tuple[str, ...] = field(default=())


class CitationProblem(AppError):
    """Input a citation reader cannot use; `line` says where (1-based) when known."""
