"""The words the justification uses for each cited item: "the NCCN ... (v2.2026), category 1"."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.knowledge.compendia import compendium, rating_level
from desktop_app.knowledge.journals import find_cms_journal_for

DESIGN_PHRASES = {
    "randomized": "a randomized trial",
    "nonrandomized": "a non-randomized study",
    "meta-analysis": "a meta-analysis",
    "case-series": "a case series",
    "review": "a review",
}
# Journal titles read better with "the" in a sentence: "published in the Annals of Oncology".
ARTICLE_TITLE_WORDS = (
    "Journal",
    "New",
    "American",
    "British",
    "European",
    "International",
    "Annals",
)


def clean(text: object, limit: int = 200) -> str:
    """User text for a sentence: one line, no runs of spaces, bounded length."""
    return " ".join(text.split())[:limit] if isinstance(text, str) else ""


def describe(item: object, cms_journals: bool) -> str:
    """One evidence item as a noun phrase; `cms_journals` adds "a journal CMS recognizes"."""
    if isinstance(item, CompendiumEvidence):
        scale = compendium(item.compendium)
        level = rating_level(item.compendium, item.rating)
        name = f"the {scale.full_name}" if scale else "a compendium"
        version = clean(item.version)
        return f"{name}{f' ({version})' if version else ''}{f', {level.label}' if level else ''}"
    if isinstance(item, ArticleEvidence):
        design = DESIGN_PHRASES.get(str(item.design), "a study")
        journal = find_cms_journal_for(item.journal, getattr(item, "journal_abbreviation", None))
        title = journal.title if journal else clean(item.journal)
        if title.split(" ", 1)[0] in ARTICLE_TITLE_WORDS:
            title = f"the {title}"
        recognized = ", a journal CMS recognizes" if cms_journals and journal else ""
        return f"{design} published in {title}{recognized}"
    return "the cited evidence"


def joined(case: Case, indexes: Sequence[int], cms_journals: bool) -> str:
    """'by A, by B, and by C' for the items at these evidence indexes."""
    parts = [describe(case.evidence[i], cms_journals) for i in indexes]
    if len(parts) == 1:
        return f"by {parts[0]}"
    return ", ".join(f"by {p}" for p in parts[:-1]) + f", and by {parts[-1]}"


def negative_listing(item: object) -> str:
    """'Micromedex DrugDex rates it Class III (not recommended)'."""
    if not isinstance(item, CompendiumEvidence):
        return "A compendium lists it unfavorably"
    scale = compendium(item.compendium)
    level = rating_level(item.compendium, item.rating)
    name = scale.full_name if scale else "A compendium"
    if level is not None and level.verdict.value == "not_indicated":
        return f"{name} lists it as not indicated"
    return f"{name} rates it {level.label if level else 'unfavorably'}"
