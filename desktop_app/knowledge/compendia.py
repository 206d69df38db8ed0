"""Compendium rating scales and the standards of support plans apply (data/compendia.json).

Ratings compare case-insensitively and tolerate a "Category "/"Class " prefix, so staff can
type "Category 2A", "2a" or "class IIb" (spec/case-format.md).
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum

from pydantic import Field, model_validator

from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

COMPENDIA_FILE = "compendia.json"


class Verdict(StrEnum):
    """What a rating says about the use, before a plan's standard is applied."""

    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    NOT_SUPPORTIVE = "not_supportive"
    NOT_INDICATED = "not_indicated"


class RatingLevel(DataModel):
    short: str = Field(min_length=1)  # as staff type it: "2A"
    label: str = Field(min_length=1)  # as a letter prints it: "category 2A"
    meaning: str = Field(min_length=1)
    verdict: Verdict


class Compendium(Sourced):
    full_name: str = Field(min_length=1)
    scale: dict[str, RatingLevel]  # keyed by normalised rating


class SupportStandard(Sourced):
    """Which ratings and articles a plan accepts as support for an off-label use."""

    name: str = Field(min_length=1)
    supportive: dict[str, frozenset[str]]
    # Ratings that count as support but deserve a warning (NCCN 2B under Medicare).
    weak_support: dict[str, frozenset[str]] = Field(default_factory=dict)
    articles_need_cms_journal: bool
    # False where journal articles never count, whatever the journal (Part D uses that are not
    # anticancer: SSA §1927(k)(6) accepts the FDA label and compendium citations only).
    articles_count: bool = True
    article_designs_excluded: frozenset[str] = frozenset()
    # MBPM ch.15 §50.4.5(D): one "not indicated" listing defeats the supportive ones.
    not_indicated_defeats_support: bool = True


class CompendiaData(DataModel):
    about: str = ""
    compendia: dict[str, Compendium]
    support_standards: dict[str, SupportStandard]

    @model_validator(mode="after")
    def _ratings_exist(self) -> CompendiaData:
        for key, standard in self.support_standards.items():
            for name, ratings in {**standard.supportive, **standard.weak_support}.items():
                scale = self.compendia.get(name)
                if scale is None:
                    raise ValueError(f"standard {key!r} names unknown compendium {name!r}")
                unknown = sorted(r for r in ratings if r not in scale.scale)
                if unknown:
                    raise ValueError(f"standard {key!r}: {name} has no rating {unknown[0]!r}")
        return self


@functools.cache
def compendia_data() -> CompendiaData:
    return load_reference(COMPENDIA_FILE, CompendiaData)


register_cache(compendia_data.cache_clear)

_PREFIX = re.compile(
    r"^(?:nccn\s+)?(?:use:?\s*)?(?:category|class|cat\.|evidence\s+level|level)?\s*", re.I
)
_SPACES = re.compile(r"[\s_\-]+")


def normalize_rating(text: object) -> str:
    """'Category 2A' -> '2a', 'Class IIb' -> 'iib', 'Not-Indicated' -> 'not indicated'."""
    if not isinstance(text, str):
        return ""
    cleaned = _SPACES.sub(" ", text.strip().casefold()).strip(" .:")
    return _PREFIX.sub("", cleaned).strip()


def compendium(name: object) -> Compendium | None:
    """The compendium's scale, or None for a name outside the five."""
    if not isinstance(name, str):
        return None
    return compendia_data().compendia.get(name)


def rating_level(compendium_name: object, rating: object) -> RatingLevel | None:
    """The rating's place on that compendium's own scale, or None if it is not on it."""
    scale = compendium(compendium_name)
    if scale is None:
        return None
    return scale.scale.get(normalize_rating(rating))


def rating_key(rating: object) -> str:
    """The normalised rating used as a key into a scale and a standard."""
    return normalize_rating(rating)


def support_standard(key: str) -> SupportStandard:
    """A standard of support by its key in compendia.json ('medicare', 'commercial_default')."""
    return compendia_data().support_standards[key]


def scale_summary(compendium_name: str) -> str:
    """'1, 2A, 2B, 3 or not indicated' — the ratings staff may enter, for messages."""
    scale = compendium(compendium_name)
    if scale is None:
        return ""
    labels = [level.short for level in scale.scale.values()]
    return ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else labels[0]
