"""Numbered references in AMA style (AMA Manual of Style, 11th ed., ch. 3) from case.evidence.

Each reference is a list of runs, so the journal name can be set in italics as AMA asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.domain.case_evidence import (
    ArticleEvidence,
    CompendiumEvidence,
    GuidelineEvidence,
    TrialEvidence,
)
from desktop_app.letters.document import Run, Runs, runs_text

# Publisher and product names as the compendia title themselves; the five compendia CMS
# recognizes for off-label anticancer use (MBPM ch.15 §50.4.5; CMS CR 9386 for Lexi-Drugs).
COMPENDIUM_TITLES: dict[str, str] = {
    "NCCN": "National Comprehensive Cancer Network. NCCN Drugs & Biologics Compendium",
    "DrugDex": "Merative. Micromedex DRUGDEX System",
    "Clinical Pharmacology": "Elsevier. Clinical Pharmacology",
    "AHFS-DI": "American Society of Health-System Pharmacists. AHFS Drug Information",
    "Lexi-Drugs": "Wolters Kluwer. Lexi-Drugs",
}
COMPENDIUM_SHORT_NAMES: dict[str, str] = {
    "NCCN": "NCCN Drugs & Biologics Compendium",
    "DrugDex": "Micromedex DRUGDEX",
    "Clinical Pharmacology": "Clinical Pharmacology",
    "AHFS-DI": "AHFS Drug Information",
    "Lexi-Drugs": "Lexi-Drugs",
}
DESIGN_WORDS: dict[str, str] = {
    "randomized": "randomized controlled trial",
    "nonrandomized": "nonrandomized clinical study",
    "meta-analysis": "meta-analysis",
    "case-series": "case series",
    "case-report": "case report",
    "review": "review article",
}
# AMA 11th ed. §3.11.1: list all authors if 6 or fewer; otherwise the first 3, then "et al".
AMA_MAX_AUTHORS = 6
AMA_AUTHORS_BEFORE_ET_AL = 3


@dataclass(frozen=True, slots=True)
class Citation:
    """One numbered reference; `number` is what `cite()` prints as "[n]"."""

    number: int
    evidence_index: int
    kind: str
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return runs_text(list(self.runs))


def rating_words(item: CompendiumEvidence) -> str:
    """The rating in the compendium's own vocabulary, e.g. "Category 2A" or "Class IIa"."""
    raw = item.rating.strip()
    lowered = raw.lower()
    for prefix in ("category ", "class "):
        if lowered.startswith(prefix):
            raw, lowered = raw[len(prefix) :].strip(), lowered[len(prefix) :].strip()
    if not raw:
        return ""
    if lowered == "not indicated":
        return "Not indicated"
    if item.compendium == "NCCN":
        return f"Category {raw.upper()}"
    if item.compendium == "DrugDex":
        return f"Class {raw}"
    if item.compendium == "Lexi-Drugs":
        return "Use: Unsupported" if lowered == "unsupported" else f"Evidence Level {raw.upper()}"
    return f"Narrative: {lowered}"


def _rating_not_in(listing: str, ratings: tuple[str, ...]) -> bool:
    """True when plainly none of the rating's spellings is in the listing, so the patterns
    below (each needs one, case ignored) cannot match: most listings hold no rating, and the
    patterns are tried at every position. Only for ASCII text, where ignoring case is lower()."""
    if not listing.isascii() or not all(r and r.isascii() for r in ratings):
        return False
    lowered = listing.lower()
    return not any(r.lower() in lowered for r in ratings)


def listing_without_rating(item: CompendiumEvidence) -> str:
    """The listing text without the rating staff often copy into it ("… (category 2A)",
    "Category 2A: …"): the letter prints the rating once, in the compendium's own words."""
    listing = " ".join((item.listing or "").split())
    raw = item.rating.strip()
    if not listing or not raw:
        return listing
    bare = re.sub(r"^(category|class)\s+", "", raw, flags=re.IGNORECASE)
    said = rating_words(item)
    if _rating_not_in(listing, (said, raw, bare)):
        return listing
    words = {re.escape(said), re.escape(raw),
             rf"(?:category|class|evidence level)\s+{re.escape(bare)}"}
    rating = "|".join(sorted(words, key=len, reverse=True))
    edge = rf"\s*[\(\[]?\s*(?:NCCN\s+)?(?:{rating})\s*[\)\]]?\s*"
    trimmed = re.sub(rf"^{edge}[:;,.\-–—]?\s*", "", listing, flags=re.IGNORECASE)
    trimmed = re.sub(rf"[\s,;:\-–—]*{edge}\.?$", "", trimmed, flags=re.IGNORECASE)
    return trimmed.strip() or listing


def version_words(version: str) -> str:
    """'2.2026' -> 'Version 2.2026'; 'Soft Tissue Sarcoma v2.2026' stays as typed."""
    version = version.strip()
    return f"Version {version}" if version[:1].isdigit() else version


def format_authors(authors: list[str] | None) -> str:
    names = [a.strip() for a in authors or [] if a.strip()]
    if len(names) > AMA_MAX_AUTHORS:
        return ", ".join(names[:AMA_AUTHORS_BEFORE_ET_AL]) + ", et al"
    return ", ".join(names)


def _sentence(text: str) -> str:
    """AMA ends each element with a period unless it already ends with . ? or !"""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def article_runs(item: ArticleEvidence) -> Runs:
    runs: Runs = []
    authors = format_authors(item.authors)
    if authors:
        runs.append(Run(_sentence(authors) + " "))
    if item.title.strip():
        runs.append(Run(_sentence(item.title) + " "))
    journal = journal_name(item)
    if journal:
        runs.append(Run(_sentence(journal), italic=True))
    runs.append(Run(_locator(item)))
    ids = identifier_text(item.doi, item.pmid)
    if ids:
        runs.append(Run(" " + ids))
    return runs


def journal_name(item: ArticleEvidence) -> str:
    """AMA 11th ed. §3.11.5 abbreviates journal names as the NLM catalog does: an imported
    article's NLM abbreviation (MEDLINE TA) is used when there is one, else the name as typed."""
    abbreviation = getattr(item, "journal_abbreviation", None)
    if isinstance(abbreviation, str) and abbreviation.strip():
        return abbreviation.strip()
    return item.journal.strip()


def identifier_text(doi: str | None, pmid: str | None) -> str:
    """'doi:10.1200/JCO.2006.10.4117. PMID: 17602081' with what is known; AMA 11th ed. §3.15."""
    ids = []
    if doi and doi.strip():
        ids.append(f"doi:{doi.strip()}")
    if pmid and pmid.strip():
        ids.append(f"PMID: {pmid.strip()}")
    return ". ".join(ids)


_PAGE_RANGE = re.compile(r"^\s*(\d+)\s*[-\u2013\u2014]+\s*(\d+)\s*$")


def full_page_range(pages: str) -> str:
    """AMA gives page ranges in full: '2755-63' -> '2755-2763' (MEDLINE shortens them);
    an en dash becomes a hyphen; 'e1001' or '711-723' stay as they are."""
    found = _PAGE_RANGE.match(pages)
    if not found:
        return pages.strip().replace("\u2013", "-")
    first, last = found.groups()
    if len(last) < len(first) and int(first[-len(last):]) <= int(last):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def _locator(item: ArticleEvidence) -> str:
    """The locator, e.g. ' 2011;365(26):2484-2496.', with the parts that are known."""
    text = str(item.year) if item.year else ""
    if item.volume:
        text += f";{item.volume.strip()}"
        if item.issue:
            text += f"({item.issue.strip()})"
    elif item.issue:
        text += f";({item.issue.strip()})"
    if item.pages and item.pages.strip():
        text += f":{full_page_range(item.pages)}"
    return f" {text}." if text else ""


def compendium_runs(item: CompendiumEvidence) -> Runs:
    title = COMPENDIUM_TITLES.get(item.compendium or "", item.compendium or "Drug compendium")
    parts = [title]
    if item.version and item.version.strip():
        version = item.version.strip()
        parts.append(version_words(version))
    rating = rating_words(item)
    listing = listing_without_rating(item)
    if rating and listing:
        parts.append(f"{rating}: {listing}")
    elif rating or listing:
        parts.append(rating or listing)
    return [Run(" ".join(_sentence(p) for p in parts))]


def trial_runs(item: TrialEvidence) -> Runs:
    # AMA 11th ed. trial registries: "Title. ClinicalTrials.gov identifier: NCT00000000."
    title = _sentence(item.title or "")
    ident = f"ClinicalTrials.gov identifier: {item.nct.strip()}."
    return [Run(f"{title} {ident}" if title else ident)]


def guideline_runs(item: GuidelineEvidence) -> Runs:
    parts = [item.issuer, item.title]
    if item.version and item.version.strip():
        version = item.version.strip()
        parts.append(version_words(version))
    year = getattr(item, "year", None)
    if isinstance(year, int):
        parts.append(f"Published {year}")
    text = " ".join(_sentence(p) for p in parts if p.strip())
    ids = identifier_text(getattr(item, "doi", None), getattr(item, "pmid", None))
    return [Run(f"{text} {ids}" if text and ids else text or ids)]


def reference_runs(
    item: CompendiumEvidence | ArticleEvidence | TrialEvidence | GuidelineEvidence,
) -> Runs:
    if isinstance(item, ArticleEvidence):
        return article_runs(item)
    if isinstance(item, CompendiumEvidence):
        return compendium_runs(item)
    if isinstance(item, TrialEvidence):
        return trial_runs(item)
    return guideline_runs(item)


def build_citations(
    evidence: list[CompendiumEvidence | ArticleEvidence | TrialEvidence | GuidelineEvidence],
) -> list[Citation]:
    """One numbered reference per evidence item, in the order the case lists them."""
    return [
        Citation(index + 1, index, item.type, tuple(reference_runs(item)))
        for index, item in enumerate(evidence)
    ]
