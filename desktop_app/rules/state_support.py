"""Does the case meet the state off-label law that binds the plan? (data/state_laws.json)

A state law is cited in a letter only when the plan is subject to it (a fully insured plan in
that state; ERISA §514 exempts self-funded plans), its terms were confirmed (verified), and the
case meets it: a supportive listing in a compendium the statute names, or as many qualifying
articles as it asks for. Maine names only USP-DI and AHFS-DI and asks for 2 articles
(24-A M.R.S. §2745-E(1)(C)-(D)): an NCCN listing plus one article does not meet it.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence
from desktop_app.knowledge.anticancer import UseKind
from desktop_app.knowledge.journals import find_cms_journal_for
from desktop_app.knowledge.state_laws import StateLaw, binds_plan_type, law_compendia, state_law
from desktop_app.knowledge.support import SUPPORTIVE, WEAK, EvidenceAssessment

ONCOLOGY_WORDS = ("oncolog", "hematolog", "haematolog")


@dataclass(frozen=True, slots=True)
class StateLawSupport:
    law: StateLaw
    compendia: tuple[int, ...]  # evidence indexes: supportive listings in the named compendia
    articles: tuple[int, ...]  # evidence indexes: articles the statute counts
    oncologist_ok: bool  # no oncologist condition, or the prescriber is one

    @property
    def by_literature(self) -> bool:
        return self.law.accepts_literature and len(self.articles) >= self.law.articles_needed

    @property
    def supporting(self) -> tuple[int, ...]:
        chosen = list(self.compendia)
        if self.by_literature:
            chosen += self.articles
        return tuple(sorted(chosen))

    @property
    def met(self) -> bool:
        return bool(self.compendia or self.by_literature) and self.oncologist_ok


def conditions_to_confirm(support: StateLawSupport) -> tuple[str, ...]:
    """The statute's conditions the case cannot show, each a clause that follows "requires that".

    A journal condition (Fla. Stat. §627.4239(1)(a): a United States journal) counts only
    where the articles, not a compendium listing, carry the law.
    """
    law = support.law
    found = [law.also_requires] if law.also_requires else []
    if law.literature_journals and support.by_literature and not support.compendia:
        found.append(f"the studies this letter relies on be published in {law.literature_journals}")
    return tuple(found)


def binding_state_law(case: Case) -> StateLaw | None:
    """The state off-label law on file for a plan bound by state law, verified or not."""
    if not binds_plan_type(getattr(case.payer, "plan_type", None)):
        return None
    return state_law(getattr(case.payer, "state", None))


def is_oncologist(case: Case) -> bool:
    specialty = getattr(case.prescriber, "specialty", None)
    return isinstance(specialty, str) and any(w in specialty.casefold() for w in ONCOLOGY_WORDS)


def state_law_support(case: Case, result: EvidenceAssessment) -> StateLawSupport | None:
    """How the case stands under the binding state law, or None when no law binds the plan."""
    law = binding_state_law(case)
    if law is None:
        return None
    named = law_compendia(law) or frozenset()
    compendia = tuple(
        i.index
        for i in result.items
        if i.kind == "compendium" and i.verdict in (SUPPORTIVE, WEAK) and i.compendium in named
    )
    articles = []
    for i in result.items:
        item = case.evidence[i.index]
        if i.kind != "article" or i.verdict != SUPPORTIVE or not isinstance(item, ArticleEvidence):
            continue
        if law.literature_needs_cms_journal and find_cms_journal_for(
            item.journal, getattr(item, "journal_abbreviation", None)) is None:
            continue
        articles.append(i.index)
    oncologist_ok = not law.requires_treating_oncologist or is_oncologist(case)
    return StateLawSupport(law, compendia, tuple(articles), oncologist_ok)


def citable_state_law(case: Case, result: EvidenceAssessment) -> StateLawSupport | None:
    """The state law a letter may cite: binding, confirmed, met, with nothing against it."""
    support = state_law_support(case, result)
    if support is None or not support.law.verified or not support.met:
        return None
    if result.negative or result.use is not UseKind.ANTICANCER:
        return None
    return support
