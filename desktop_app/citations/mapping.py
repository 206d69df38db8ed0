"""Citation records into case evidence items (spec/case-format.md "evidence"), and duplicates.

The design comes from the publication types (knowledge/data/publication_types.json) and is
marked `design_source: "publication-type"`; a record without a listed type gets no design, so
nothing is ever called randomized because it was imported.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.citations.record import CitationRecord
from desktop_app.domain.case import ArticleEvidence, GuidelineEvidence, TrialEvidence
from desktop_app.domain.identifiers import normalize_doi, normalize_nct
from desktop_app.knowledge.publication_types import design_from_publication_types

EvidenceItem = ArticleEvidence | TrialEvidence | GuidelineEvidence


def to_evidence(record: CitationRecord) -> EvidenceItem:
    """The case-format item for one record (article, trial or guideline)."""
    if record.kind == "trial":
        return TrialEvidence(nct=record.nct, title=record.title or None)
    design = design_from_publication_types(record.publication_types)
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
