"""Study design from MEDLINE publication types (data/publication_types.json).

The rules are data because NLM adds and renames publication types; the order decides which
type wins when a record lists several ("Clinical Trial, Phase II" and "Randomized Controlled
Trial" together read as randomized).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from desktop_app.knowledge.reference import DataModel, load_reference, register_cache

PUBLICATION_TYPES_FILE = "publication_types.json"

# The case format's article designs, plus "guideline": a record PubMed types as a practice
# guideline becomes a guideline item rather than an article.
ReadDesign = Literal[
    "randomized", "nonrandomized", "meta-analysis", "case-series", "case-report", "review",
    "guideline",
]


class PublicationTypeRule(DataModel):
    publication_type: str = Field(min_length=1)
    design: ReadDesign


class PublicationTypeRules(DataModel):
    about: str = ""
    source: str = Field(min_length=1)
    effective: dt.date
    verified: bool = True
    note: str = ""
    rules: tuple[PublicationTypeRule, ...]


@functools.cache
def publication_type_rules() -> PublicationTypeRules:
    return load_reference(PUBLICATION_TYPES_FILE, PublicationTypeRules)


register_cache(publication_type_rules.cache_clear)


def design_from_publication_types(types: Iterable[str]) -> ReadDesign | None:
    """The design the first matching rule gives, or None (unknown, never randomized)."""
    listed = {t.strip().casefold() for t in types if isinstance(t, str)}
    for entry in publication_type_rules().rules:
        if entry.publication_type.casefold() in listed:
            return entry.design
    return None
