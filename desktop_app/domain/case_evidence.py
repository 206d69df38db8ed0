"""What a letter cites and encloses: compendium listings, articles, trials and guidelines,
and the documents attached to it.

Citation import and the reference list work on these alone, without the rest of a case.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from desktop_app.domain.bounds import MaxLength
from desktop_app.domain.case_terms import (
    CaseSection,
    CompendiumName,
    DesignSource,
    FilePath,
    Line,
    Name,
    StudyDesign,
    Title,
)


class CompendiumEvidence(CaseSection):
    type: Literal["compendium"] = "compendium"
    compendium: CompendiumName | None = None
    version: Line | None = None
    rating: Line = ""
    listing: Title | None = None


class ArticleEvidence(CaseSection):
    type: Literal["article"] = "article"
    title: Title = ""
    authors: Annotated[list[Name], MaxLength(50)] | None = None
    journal: Line = ""
    year: int | None = None
    volume: Line | None = None
    issue: Line | None = None
    pages: Line | None = None
    pmid: Line | None = None
    doi: Line | None = None
    design: StudyDesign | None = None
    # Optional additions (issue 14): kept from imported records.
    journal_abbreviation: Line | None = None  # NLM title abbreviation (MEDLINE TA)
    pmcid: Line | None = None  # PubMed Central id, e.g. PMC3549297
    # MEDLINE PT, as PubMed lists them: a record has a handful, never 20.
    publication_types: Annotated[list[Line], MaxLength(20)] | None = None
    design_source: DesignSource | None = None


class TrialEvidence(CaseSection):
    type: Literal["trial"] = "trial"
    nct: Line = ""
    title: Title | None = None


class GuidelineEvidence(CaseSection):
    type: Literal["guideline"] = "guideline"
    title: Title = ""
    issuer: Name = ""
    version: Line | None = None
    # Optional additions (issue 14): a guideline imported from PubMed keeps its identifiers.
    year: int | None = None
    pmid: Line | None = None
    doi: Line | None = None


Evidence = Annotated[
    CompendiumEvidence | ArticleEvidence | TrialEvidence | GuidelineEvidence,
    Field(discriminator="type"),
]


class Attachment(CaseSection):
    title: Line = ""
    path: FilePath = ""
    # Optional addition (issue 14): the full text of a cited article, named by its PMID or DOI
    # ("pmid:17602081", "doi:10.1200/JCO.2006.10.4117"), so the link survives reordering.
    article: Line | None = None
