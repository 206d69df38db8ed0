"""What the letter may claim: which standard applies, whether the evidence meets it, and how.

Templates use this, never their own logic, so a letter never claims more than the findings show:
- it names the exact provision for the plan type and the kind of use (Part D: §1860D-2(e)(4)(A)(i)
  for an anticancer use, (ii) with §1927(k)(6) for any other use);
- it says a use "meets" a standard only when the findings show it: never while a compendium
  lists the use unfavorably (MBPM ch.15 §50.4.5(B); MAC article A58113), never on NCCN 2B alone
  (the manual names 1 and 2A), never on articles alone under Medicare (SSA §1861(t)(2)(B)(ii)(II)
  leaves that to the contractor), and never where the use may not be anticancer;
- it cites a state law only when the plan is subject to it and the case meets it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.case import Case
from desktop_app.knowledge.anticancer import UseKind
from desktop_app.knowledge.coverage import UseCoverage, use_coverage
from desktop_app.knowledge.one_letter import once_per_letter
from desktop_app.knowledge.support import SUPPORTIVE, EvidenceAssessment, assess_evidence
from desktop_app.rules.deadlines import appeal_level
from desktop_app.rules.justification_words import clean, joined, negative_listing
from desktop_app.rules.state_support import (
    StateLawSupport,
    citable_state_law,
    conditions_to_confirm,
)

UNMET_STATEMENT = (
    "The treating physician requests this use on the clinical grounds and the evidence set out "
    "in this letter."
)
MEDICARE_PLANS_WITH_1861 = ("medicare_part_b", "medicare_advantage", "medicare_part_d")


@dataclass(frozen=True, slots=True)
class Justification:
    standard: str  # e.g. "Medicare Part B: SSA §1861(t)(2) and MBPM ch.15 §50.4.5"
    met: bool  # True only when the letter may say the use is medically accepted / meets it
    statement: str  # one or more sentences for the letter
    supporting: tuple[int, ...] = ()  # indexes into case.evidence that count as support
    legal_basis: tuple[str, ...] = field(default=())  # paragraphs citing statute / manual
    only_weak_support: bool = False  # Medicare support rests on NCCN category 2B alone
    provision: str = ""  # the exact provision that applies: "SSA §1927(k)(6)"
    use: str = UseKind.ANTICANCER.value  # anticancer, not_anticancer or unclear
    conflict: bool = False  # a negative listing stands beside the support
    state_law: str = ""  # the state law cited, or ""


def justify(case: Case) -> Justification:
    """The standard that applies to the case, whether the evidence meets it, and how.

    The check and the letter both ask: within one letter it is worked out once
    (knowledge/one_letter.py)."""
    return once_per_letter("justification", case, _justify)


def _justify(case: Case) -> Justification:
    plan_type = getattr(case.payer, "plan_type", None)
    result = assess_evidence(case)
    coverage = use_coverage(plan_type, result.use)
    law = citable_state_law(case, result)
    plan_paragraphs = _with_review(coverage.legal_basis, _review_paragraphs(case, coverage))
    legal_basis = plan_paragraphs if law is None else (law.law.legal_basis, *plan_paragraphs)
    supporting = law.supporting if law is not None else result.supporting
    statement, met = _statement(case, result, law, supporting)
    return Justification(
        standard=coverage.standard if law is None else f"{law.law.name}: {law.law.citation}",
        met=met,
        statement=statement,
        supporting=supporting,
        legal_basis=tuple(legal_basis),
        only_weak_support=result.only_weak_support and _medicare(plan_type),
        provision=coverage.provision if law is None else law.law.citation,
        use=result.use.value,
        conflict=result.conflict,
        state_law=law.law.citation if law else "",
    )


def _review_paragraphs(case: Case, coverage: UseCoverage) -> tuple[str, ...]:
    """Who reviews and how: the plan's own claims procedure, or, in a letter to an independent
    reviewer (a QIC, the Part D IRE, an IRO), that level's review standard where it was read
    (42 CFR 405.968, 423.600); an IRO decides anew, not under the plan's claims procedure."""
    level = appeal_level(case)
    if level is None or not level.independent:
        return coverage.claims_procedure
    standard = level.review_standard
    return (standard.text,) if standard is not None and standard.verified else ()


def _with_review(basis: tuple[str, ...], review: tuple[str, ...]) -> tuple[str, ...]:
    # One paragraph: a self-funded plan's ERISA sentence reads on into "The plan must still
    # decide this claim ..." as it always has.
    if not basis or not review:
        return basis + review
    return (*basis[:-1], " ".join((basis[-1], *review)))


def _medicare(plan_type: object) -> bool:
    return plan_type in MEDICARE_PLANS_WITH_1861


def _statement(
    case: Case,
    result: EvidenceAssessment,
    law: StateLawSupport | None,
    supporting: tuple[int, ...],
) -> tuple[str, bool]:
    plan_type = getattr(case.payer, "plan_type", None)
    if not supporting or (result.negative and not _explained(case)):
        return UNMET_STATEMENT, False
    cms = _medicare(plan_type) and law is None and result.standard.articles_need_cms_journal
    if result.only_weak_support and _medicare(plan_type):
        return _weak_statement(case, supporting), False
    sentence = f"The requested use is supported {joined(case, supporting, cms)}."
    if result.negative:
        # Explain the conflict, never claim the standard is met while the listing stands.
        listings = "; ".join(negative_listing(case.evidence[i]) for i in result.negative)
        explanation = clean(case.off_label.conflict_explanation, 1200)
        return f"{sentence} {listings}. {explanation}".strip(), False
    coverage = use_coverage(plan_type, result.use)
    if law is not None:
        return _state_law_statement(sentence, law), True
    if not coverage.claims_standard or not coverage.meets or result.use is UseKind.UNCLEAR:
        return sentence, False
    if _medicare(plan_type) and result.use is UseKind.ANTICANCER and not _strong_listing(result):
        # Articles (or NCCN 2B beside them): the contractor decides, the letter asks.
        return sentence + _literature_only(plan_type), False
    return f"{sentence} It is therefore {coverage.meets}.", True


def _state_law_statement(sentence: str, support: StateLawSupport) -> str:
    law = support.law
    conditions = conditions_to_confirm(support)
    if conditions:
        # The evidence meets the statute; its other conditions are not in the case to claim.
        return (
            f"{sentence} It therefore meets the evidence conditions of {law.citation}; the law "
            f"also requires that {' and that '.join(conditions)}."
        )
    return f"{sentence} It therefore meets the conditions of {law.citation}."


def _explained(case: Case) -> bool:
    text = case.off_label.conflict_explanation
    return isinstance(text, str) and bool(text.strip())


def _literature_only(plan_type: object) -> str:
    who = "plan" if plan_type == "medicare_part_d" else "Medicare contractor"
    return (
        f" Under section 1861(t)(2)(B)(ii)(II) of the Social Security Act the {who} may "
        "determine that a use is medically accepted on the basis of supportive clinical evidence "
        "in peer-reviewed medical literature in the journals the Secretary has identified; I ask "
        "that it do so here."
    )


def _weak_statement(case: Case, supporting: tuple[int, ...]) -> str:
    # NCCN 2B: the manual names 1 and 2A; some contractors accept 2B (e.g. MAC article A58113).
    first = supporting[0]
    listing = joined(case, (first,), cms_journals=True).removeprefix("by ")
    listing = listing.replace(", category 2B", "")
    return (
        f"The requested use is listed in {listing} as category 2B (lower-level evidence with "
        "non-uniform NCCN consensus and no major disagreement). The Medicare Benefit Policy "
        "Manual, chapter 15, section 50.4.5, names NCCN categories 1 and 2A; some Medicare "
        "contractors also accept category 2B (for example, MAC article A58113)."
    )


def _strong_listing(result: EvidenceAssessment) -> bool:
    """A compendium listing the manual itself names as support (not NCCN 2B)."""
    return any(i.kind == "compendium" and i.verdict == SUPPORTIVE for i in result.items)
