"""What the letter may claim: which coverage standard applies and which evidence meets it.

Templates use this, never their own logic, so a letter never claims support that the
findings do not show. It reads the same assessment as the evidence rules (rules.evidence).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.case import ArticleEvidence, Case, CompendiumEvidence
from desktop_app.knowledge.compendia import compendium, rating_level
from desktop_app.knowledge.coverage import plan_coverage
from desktop_app.knowledge.journals import find_cms_journal
from desktop_app.knowledge.state_laws import StateLaw
from desktop_app.knowledge.support import EvidenceAssessment, assess_evidence, is_medicare
from desktop_app.rules.state import binding_state_law

UNMET_STATEMENT = (
    "The treating physician requests this use on the clinical grounds and the evidence set out "
    "in this letter."
)
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


@dataclass(frozen=True, slots=True)
class Justification:
    standard: str  # e.g. "Medicare Part B: SSA §1861(t)(2)(B) and MBPM ch.15 §50.4.5"
    met: bool  # True only when the evidence meets the plan's standard of support
    statement: str  # one or two sentences for the letter, e.g. "supported by ..."
    supporting: tuple[int, ...] = ()  # indexes into case.evidence that meet the standard
    legal_basis: tuple[str, ...] = field(default=())  # paragraphs citing statute / manual
    only_weak_support: bool = False  # Medicare support rests on NCCN category 2B alone


def justify(case: Case) -> Justification:
    """The standard that applies to the case's plan, whether the evidence meets it, and how."""
    coverage = plan_coverage(getattr(case.payer, "plan_type", None))
    result = assess_evidence(case)
    law = binding_state_law(case)
    if law is not None:
        supporting = _meeting_state_law(case, result, law)
        standard = f"{law.name} off-label cancer drug law: {law.citation}"
        legal_basis = (law.legal_basis, *coverage.legal_basis)
    else:
        supporting = result.supporting
        standard = coverage.standard
        legal_basis = coverage.legal_basis
    met = bool(supporting) and not result.conflict
    weak = met and law is None and is_medicare(case) and result.only_weak_support
    if not met:
        statement = UNMET_STATEMENT
    elif weak:
        statement = _weak_statement(case, supporting)
    else:
        statement = _supported_statement(case, supporting, law)
    return Justification(standard, met, statement, supporting, legal_basis, weak)


def _meeting_state_law(case: Case, result: EvidenceAssessment, law: StateLaw) -> tuple[int, ...]:
    """Items that satisfy the state law: compendium support, or enough qualifying articles."""
    compendia = [
        i.index for i in result.items if i.kind == "compendium" and i.index in result.supporting
    ]
    articles = [
        i.index for i in result.items if i.kind == "article" and i.index in result.supporting
    ]
    chosen = compendia if law.accepts_compendia else []
    if law.accepts_literature and len(articles) >= (law.min_articles or 1):
        chosen += articles
    return tuple(sorted(chosen))


def _supported_statement(case: Case, supporting: tuple[int, ...], law: StateLaw | None) -> str:
    medicare = is_medicare(case) and law is None
    parts = [_describe(case.evidence[i], medicare) for i in supporting]
    if len(parts) == 1:
        joined = f"by {parts[0]}"
    else:
        joined = ", ".join(f"by {p}" for p in parts[:-1]) + f", and by {parts[-1]}"
    sentence = f"The requested use is supported {joined}."
    if law is not None:
        sentence += f" It therefore meets the conditions of {law.citation}."
    elif medicare:
        sentence += (
            " It therefore meets the Medicare standard for off-label anticancer use "
            "(SSA §1861(t)(2)(B); MBPM ch.15 §50.4.5)."
        )
    return sentence


def _weak_statement(case: Case, supporting: tuple[int, ...]) -> str:
    # NCCN 2B: the manual does not name it; contractors such as A58113's accept it. Say so.
    item = case.evidence[supporting[0]]
    listing = _describe(item, medicare=True).replace(", category 2B", "")
    return (
        f"The requested use is listed in {listing} as category 2B (lower-level evidence with "
        "non-uniform NCCN consensus and no major disagreement), which Medicare contractors "
        "may accept as support for an off-label anticancer use."
    )


def _describe(item: object, medicare: bool) -> str:
    if isinstance(item, CompendiumEvidence):
        scale = compendium(item.compendium)
        level = rating_level(item.compendium, item.rating)
        name = f"the {scale.full_name}" if scale else "a compendium"
        version = _clean(item.version)
        return f"{name}{f' ({version})' if version else ''}{f', {level.label}' if level else ''}"
    if isinstance(item, ArticleEvidence):
        design = DESIGN_PHRASES.get(str(item.design), "a study")
        journal = find_cms_journal(item.journal)
        title = journal.title if journal else _clean(item.journal)
        if title.split(" ", 1)[0] in ARTICLE_TITLE_WORDS:
            title = f"the {title}"
        recognised = ", a journal CMS recognises" if medicare and journal else ""
        return f"{design} published in {title}{recognised}"
    return "the cited evidence"


def _clean(text: object, limit: int = 200) -> str:
    """User text for a sentence: one line, no runs of spaces, bounded length."""
    return " ".join(text.split())[:limit] if isinstance(text, str) else ""
