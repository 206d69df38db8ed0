"""What counts as support: each cited item weighed against the plan's standard of support.

Shared by the evidence rules and the justification, so a letter never claims support the
findings do not show. The standard is data (compendia.json, coverage_standards.json) and
depends on the plan type and on whether the use is anticancer: for Medicare, SSA
§1861(t)(2)(B) and MBPM ch.15 §50.4.5; for a Part D use that is not anticancer, §1927(k)(6)
(AHFS-DI, USP-DI or DrugDex only). A negative listing (NCCN 3, DrugDex III, Lexi-Drugs
"Unsupported", a narrative "not supportive", or "not indicated") stands against the rest: a
use is not medically accepted by that compendium (§50.4.5(B)), and contractors ask that no
compendium lists it so (MAC article A58113).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.case_terms import MEDICARE_PLANS
from desktop_app.knowledge.anticancer import UseKind, classify_use
from desktop_app.knowledge.compendia import (
    SupportStandard,
    Verdict,
    compendium,
    rating_key,
    rating_level,
)
from desktop_app.knowledge.coverage import plan_support_standard
from desktop_app.knowledge.journals import find_cms_journal_for
from desktop_app.knowledge.one_letter import once_per_letter

SUPPORTIVE, WEAK, NEUTRAL = "supportive", "weak", "neutral"
NOT_SUPPORTIVE, NOT_INDICATED = "not_supportive", "not_indicated"
UNRATED, NOT_QUALIFYING = "unrated", "not_qualifying"
NEGATIVE = frozenset({NOT_SUPPORTIVE, NOT_INDICATED})


@dataclass(frozen=True, slots=True)
class ItemAssessment:
    index: int
    kind: str  # "compendium", "article", "trial", "guideline"
    verdict: str  # one of the constants above
    compendium: str = ""  # for compendium items
    rating: str = ""  # normalised rating key, for compendium items


@dataclass(frozen=True, slots=True)
class EvidenceAssessment:
    plan_type: str | None
    standard: SupportStandard
    items: tuple[ItemAssessment, ...]
    use: UseKind = UseKind.ANTICANCER

    @property
    def supporting(self) -> tuple[int, ...]:
        return tuple(i.index for i in self.items if i.verdict in (SUPPORTIVE, WEAK))

    @property
    def not_indicated(self) -> tuple[int, ...]:
        return tuple(i.index for i in self.items if i.verdict == NOT_INDICATED)

    @property
    def negative(self) -> tuple[int, ...]:
        """Compendium listings that rate the use not supportive or not indicated."""
        return tuple(i.index for i in self.items if i.verdict in NEGATIVE)

    @property
    def only_weak_support(self) -> bool:
        verdicts = {i.verdict for i in self.items}
        return WEAK in verdicts and SUPPORTIVE not in verdicts

    @property
    def compendium_support(self) -> bool:
        return any(i.kind == "compendium" and i.verdict in (SUPPORTIVE, WEAK) for i in self.items)

    @property
    def conflict(self) -> bool:
        """Support stands beside a negative listing: a finding to answer, never a claim."""
        return bool(self.supporting) and bool(self.negative)

    @property
    def defeated(self) -> bool:
        """A "not indicated" listing defeats the supportive ones (SSA §1861(t)(2)(B)(ii)(I))."""
        return self.standard.not_indicated_defeats_support and bool(self.not_indicated)

    @property
    def met(self) -> bool:
        """The standard is met with nothing standing against it."""
        return bool(self.supporting) and not self.negative


def is_medicare(case: Case) -> bool:
    plan_type = getattr(getattr(case, "payer", None), "plan_type", None)
    return isinstance(plan_type, str) and plan_type in MEDICARE_PLANS


def case_use(case: Case) -> UseKind:
    """Anticancer or not, from the diagnosis codes and the drug (knowledge.anticancer)."""
    diagnosis = case.diagnosis
    drug = case.drug
    return classify_use(
        diagnosis.icd10,
        (drug.generic_name, drug.brand_name),
        diagnosis.secondary_icd10 or (),
    )


def _assess_compendium(
    index: int, item: CompendiumEvidence, std: SupportStandard
) -> ItemAssessment:
    name = item.compendium if isinstance(item.compendium, str) else ""
    level = rating_level(name, item.rating)
    if level is None:
        return ItemAssessment(index, "compendium", UNRATED, name)
    key = rating_key(item.rating)
    if level.verdict is Verdict.NOT_INDICATED:
        verdict = NOT_INDICATED
    elif level.verdict is Verdict.NOT_SUPPORTIVE:
        verdict = NOT_SUPPORTIVE
    elif key in std.weak_support.get(name, frozenset()):
        verdict = WEAK
    elif key in std.supportive.get(name, frozenset()):
        verdict = SUPPORTIVE
    else:
        # On the scale, but not support under this standard (Lexi-Drugs B; an NCCN listing
        # for a Part D use that is not anticancer).
        verdict = NEUTRAL
    return ItemAssessment(index, "compendium", verdict, name, key)


def article_qualifies(item: ArticleEvidence, std: SupportStandard) -> bool:
    """An article counts as support: a journal, a design the standard accepts, and the CMS list
    where the standard asks for it (MBPM ch.15 §50.4.5(C): case reports do not count)."""
    if not std.articles_count:
        return False
    journal = item.journal if isinstance(item.journal, str) else ""
    design = item.design if isinstance(item.design, str) else ""
    if not journal.strip() or design in std.article_designs_excluded:
        return False
    # An imported article keeps the NLM abbreviation too: either name may be the listed one.
    abbreviation = getattr(item, "journal_abbreviation", None)
    listed = find_cms_journal_for(journal, abbreviation) is not None
    return listed or not std.articles_need_cms_journal


def assess_evidence(case: Case) -> EvidenceAssessment:
    """How each cited item stands under the plan's standard of support. Never raises.

    A dozen checks and the letter ask it of one case: within one letter it is worked out
    once (knowledge/one_letter.py)."""
    return once_per_letter("evidence assessment", case, _assess)


def _assess(case: Case) -> EvidenceAssessment:
    plan_type = getattr(case.payer, "plan_type", None)
    use = case_use(case)
    std = plan_support_standard(plan_type, use)
    items = []
    for index, item in enumerate(case.evidence or ()):
        if isinstance(item, CompendiumEvidence):
            items.append(_assess_compendium(index, item, std))
        elif isinstance(item, ArticleEvidence):
            verdict = SUPPORTIVE if article_qualifies(item, std) else NOT_QUALIFYING
            items.append(ItemAssessment(index, "article", verdict))
        else:
            items.append(ItemAssessment(index, str(getattr(item, "type", "other")), NEUTRAL))
    plan = plan_type if isinstance(plan_type, str) else None
    return EvidenceAssessment(plan, std, tuple(items), use)


def support_summary(std: SupportStandard) -> str:
    """'NCCN 1, 2A or 2B; DrugDex I, IIa or IIb; ...' from the standard's data."""
    parts = []
    for name, keys in std.supportive.items():
        scale = compendium(name)
        if scale is None or not keys:
            continue
        shorts = [level.short for key, level in scale.scale.items() if key in keys]
        shown = ", ".join(shorts[:-1]) + " or " + shorts[-1] if len(shorts) > 1 else shorts[0]
        parts.append(f"{name} {shown}")
    return "; ".join(parts)
