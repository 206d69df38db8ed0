"""Each evidence item in one sentence, with its reference number (`facts.evidence`).

Kept apart from the rest of the letter's wording: how a compendium listing, an article, a
guideline or a trial record is described is its own set of phrases, and the field reference
documents `EvidenceSummary` field by field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.case_evidence import GuidelineEvidence as Guideline
from desktop_app.letters.citations import (
    COMPENDIUM_SHORT_NAMES,
    DESIGN_WORDS,
    Citation,
    journal_name,
    listing_without_rating,
    rating_words,
    version_words,
)


@dataclass(frozen=True, slots=True)
class EvidenceSummary:
    """One evidence item in words, with its reference number."""

    index: int  # position in case.evidence
    number: int  # reference number
    cite: str  # "[n]"
    kind: str  # compendium | article | trial | guideline
    name: str  # compendium, journal, registry or issuer
    rating: str  # compendium rating in its own words, e.g. "Category 2A"
    design: str  # article design in words, e.g. "randomized controlled trial"
    text: str  # one sentence describing the item, without the citation mark
    cited: str  # the same sentence with its mark before the full stop: "... chemotherapy [1]."
    supportive: bool  # the rules count it toward the plan's standard of support


def _first_author(authors: list[str] | None) -> str:
    names = [a.strip() for a in authors or [] if a.strip()]
    if not names:
        return ""
    surnames = [_surname(n) for n in names]
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2:
        return f"{surnames[0]} and {surnames[1]}"
    return f"{surnames[0]} et al"  # AMA 11th ed.: no period after "et al"


def _surname(name: str) -> str:
    """'Perren TJ' -> 'Perren' (AMA order: surname then initials)."""
    words = name.split()
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:
        return " ".join(words[:-1])
    return name


def evidence_sentence(item: object) -> str:
    if isinstance(item, CompendiumEvidence):
        name = COMPENDIUM_SHORT_NAMES.get(item.compendium or "", item.compendium or "A compendium")
        version = f" ({item.version.strip()})" if item.version and item.version.strip() else ""
        rating = rating_words(item)
        listing = listing_without_rating(item)
        text = f"The {name}{version}" if item.compendium == "NCCN" else f"{name}{version}"
        text += f" lists this use as {rating}" if rating else " lists this use"
        return text + (f": {listing}" if listing else "") + "."
    if isinstance(item, ArticleEvidence):
        who = _first_author(item.authors)
        design = DESIGN_WORDS.get(item.design or "", "study")
        # The NLM abbreviation when imported: MEDLINE's full titles are in lower case.
        where = ", ".join(str(p) for p in (journal_name(item), item.year) if p)
        title = item.title.strip().rstrip(".")
        text = f"{who}, " if who else ""
        text += f"“{title}”" if title else "an article"
        return text + (f" ({where})" if where else "") + f", a {design}."
    if isinstance(item, Guideline):
        version = version_words(item.version or "") if (item.version or "").strip() else ""
        text = f"{item.issuer.strip()} guideline “{item.title.strip().rstrip('.')}”"
        return text + (f" ({version})" if version else "") + "."
    nct = getattr(item, "nct", "").strip()
    title = (getattr(item, "title", None) or "").strip().rstrip(".")
    return f"ClinicalTrials.gov record {nct}" + (f" ({title})" if title else "") + "."


def summarize_evidence(
    case: Case, citations: list[Citation], supporting: Iterable[int]
) -> list[EvidenceSummary]:
    support = set(supporting)
    summaries = []
    for citation, item in zip(citations, case.evidence, strict=True):
        sentence = evidence_sentence(item)
        summaries.append(
            EvidenceSummary(
                index=citation.evidence_index,
                number=citation.number,
                cite=f"[{citation.number}]",
                kind=item.type,
                name=_evidence_name(item),
                rating=rating_words(item) if isinstance(item, CompendiumEvidence) else "",
                design=DESIGN_WORDS.get(getattr(item, "design", None) or "", ""),
                text=sentence,
                cited=f"{sentence.removesuffix('.')} [{citation.number}].",
                supportive=citation.evidence_index in support,
            )
        )
    return summaries


def _evidence_name(item: object) -> str:
    if isinstance(item, CompendiumEvidence):
        return COMPENDIUM_SHORT_NAMES.get(item.compendium or "", item.compendium or "")
    if isinstance(item, ArticleEvidence):
        return journal_name(item)
    if isinstance(item, Guideline):
        return item.issuer
    return "ClinicalTrials.gov"
