"""Citation records into case evidence items (spec/case-format.md "evidence"), and duplicates.

The design comes from the publication types (knowledge/data/publication_types.json) and is
marked `design_source: "publication-type"`; a record without a listed type gets no design, so
nothing is ever called randomized because it was imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pydantic import ValidationError

from desktop_app.citations.record import CitationProblem, CitationRecord
from desktop_app.domain.bounds import limit_of
from desktop_app.domain.case_evidence import ArticleEvidence, GuidelineEvidence, TrialEvidence
from desktop_app.domain.identifiers import normalize_doi, normalize_nct
from desktop_app.knowledge.publication_types import design_from_publication_types

EvidenceItem = ArticleEvidence | TrialEvidence | GuidelineEvidence


def fitted(record: CitationRecord) -> tuple[CitationRecord, str]:
    """The record with its authors and publication types cut to what a case holds, and a note
    saying what was cut ("" when nothing was).

    A consortium trial can list hundreds of authors; the letter names the first three of more
    than six (AMA style), so keeping the first ones loses nothing that prints.
    """
    authors = limit_of(ArticleEvidence, "authors") or len(record.authors)
    types = limit_of(ArticleEvidence, "publication_types") or len(record.publication_types)
    notes = []
    if len(record.authors) > authors:
        notes.append(f"kept the first {authors} of its {len(record.authors):,} authors "
                     "(the letter names the first three)")
    if len(record.publication_types) > types:
        notes.append(f"kept the first {types} of its {len(record.publication_types):,} "
                     "publication types")
    if not notes:
        return record, ""
    return replace(record, authors=record.authors[:authors],
                   publication_types=record.publication_types[:types]), "; ".join(notes)


def to_evidence(record: CitationRecord) -> EvidenceItem:
    """The case-format item for one record (article, trial or guideline).

    Lists longer than a case holds are cut (`fitted`); a text longer than its limit (a title
    of 5,000 characters is a damaged record, not a title) is CitationProblem at the record's
    line, naming the field and the limit, never the text.
    """
    try:
        return _item(record)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise CitationProblem(f"the {_field_words(error['loc'])} {error['msg']}",
                              line=record.line or None) from None


def _field_words(loc: tuple[int | str, ...]) -> str:
    """('authors', 3) -> 'authors (item 4)': the field as a message names it."""
    words = str(loc[0]).replace("_", " ") if loc else "record"
    items = [f"item {part + 1}" for part in loc[1:] if isinstance(part, int)]
    return f"{words} ({', '.join(items)})" if items else words


def _item(record: CitationRecord) -> EvidenceItem:
    if record.kind == "trial":
        return TrialEvidence(nct=record.nct, title=record.title or None)
    design = design_from_publication_types(record.publication_types)
    record, _ = fitted(record)  # after the design: it is read from every type the record has
    if design == "guideline":
        return GuidelineEvidence(
            title=record.title,
            issuer=record.corporate_author or record.journal or record.journal_abbreviation,
            year=record.year,
            pmid=record.pmid or None,
            doi=record.doi or None,
        )
    return ArticleEvidence(
        title=record.title,
        authors=list(record.authors) or None,
        journal=record.journal or record.journal_abbreviation,
        journal_abbreviation=record.journal_abbreviation or None,
        year=record.year,
        volume=record.volume or None,
        issue=record.issue or None,
        pages=record.pages or None,
        pmid=record.pmid or None,
        doi=record.doi or None,
        pmcid=record.pmcid or None,
        publication_types=list(record.publication_types) or None,
        design=design,
        design_source="publication-type" if design else None,
    )


def identity_keys(item: object) -> set[str]:
    """'pmid:…', 'doi:…' (lowercase: DOIs are case-insensitive) and 'nct:…' keys of an item."""
    keys = set()
    pmid = getattr(item, "pmid", None)
    if isinstance(pmid, str) and pmid.strip().isdigit():
        keys.add(f"pmid:{int(pmid.strip())}")
    doi = getattr(item, "doi", None)
    bare = normalize_doi(doi) if isinstance(doi, str) else None
    if bare:
        keys.add(f"doi:{bare.casefold()}")
    nct = getattr(item, "nct", None)
    number = normalize_nct(nct) if isinstance(nct, str) else None
    if number:
        keys.add(f"nct:{number}")
    return keys


def article_reference(item: object) -> str | None:
    """How an attachment names the article it is the full text of: 'pmid:…' or 'doi:…'."""
    keys = sorted(identity_keys(item), key=lambda k: (not k.startswith("pmid:"), k))
    return keys[0] if keys else None


def duplicate_of(item: object, existing: Iterable[object]) -> int | None:
    """The index of the first existing item with the same PMID, DOI or NCT number, or None."""
    mine = identity_keys(item)
    if not mine:
        return None
    for index, other in enumerate(existing):
        if mine & identity_keys(other):
            return index
    return None
