"""What in the case answers each reason the denial states (denial.reasons), and the checks that
say when nothing does.

Each category maps to parts of the case (knowledge/data/denial_answers.json); a reason is
answered when one of the parts it needs has content, or staff wrote their own response to it.
The letter builds its wording from these answers, so it never claims an answer the checklist
does not see.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence, GuidelineEvidence
from desktop_app.domain.case_evidence import TrialEvidence as Trial
from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.denial_answers import category_answer, step_therapy_law
from desktop_app.knowledge.support import assess_evidence
from desktop_app.rules import justification
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.reason_drugs import drugs_not_requested

SOURCE = "knowledge/data/denial_answers.json (29 CFR 2560.503-1(g)(1); 42 CFR 422.568(e)(2))"


@dataclass(frozen=True, slots=True)
class ReasonAnswer:
    """One stated reason and what the case offers against it."""

    index: int  # position in denial.reasons
    category: str
    label: str  # "Step therapy: another drug must be tried first"
    heading: str  # the answer's heading, from the data
    payer_words: str  # the reason as the payer wrote it
    lead: str
    parts: tuple[str, ...]  # the parts with content, in the order the answer gives them
    evidence: tuple[int, ...]  # indexes into case.evidence that answer it
    law: tuple[str, ...]  # verified provisions the answer cites, e.g. a step therapy law
    response: str  # the practice's own words
    answered: bool
    what_to_add: str
    # Drugs the reason names when it names none the request includes: only the practice's own
    # response answers it, since the case's evidence is about other drugs.
    other_drugs: tuple[str, ...] = ()

    @property
    def number(self) -> int:
        return self.index + 1


def _blank(value: object) -> bool:
    return not (isinstance(value, str) and value.strip())


def _evidence_parts(case: Case) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(compendium listings, literature) that support the use, as positions in case.evidence.

    A listing the plan's standard does not count (NCCN 3, not indicated) answers nothing;
    trial records count with the literature, as the population the request matches. Where a
    state law is the standard the letter cites, what the plan type's own standard counts still
    answers the reason (an NCCN 2A listing under a law that names only USP-DI and AHFS-DI).
    """
    try:
        supporting = set(justification.justify(case).supporting)
        supporting |= set(assess_evidence(case).supporting)
    except NotImplementedError:
        supporting = set(range(len(case.evidence)))
    compendium, literature = [], []
    for index, item in enumerate(case.evidence):
        if isinstance(item, CompendiumEvidence) and index in supporting:
            compendium.append(index)
        elif isinstance(item, Trial) or (
            isinstance(item, ArticleEvidence | GuidelineEvidence) and index in supporting
        ):
            literature.append(index)
    return tuple(compendium), tuple(literature)


def _part_content(case: Case) -> dict[str, bool]:
    compendium, literature = _evidence_parts(case)
    off_label = case.off_label
    law = step_therapy_law(case.payer.plan_type, case.payer.state)
    denial = case.denial
    diagnosis = case.diagnosis
    return {
        "compendium": bool(compendium),
        "literature": bool(literature),
        "coverage_standard": bool(compendium or literature),
        "off_label_points": bool(off_label.reasons),
        "clinical_history": not _blank(off_label.rationale)
        or any(not _blank(v) for v in (diagnosis.histology, diagnosis.stage)),
        "prior_therapies": bool(case.prior_therapies),
        "trial_population_match": not _blank(getattr(off_label, "trial_population_match", None)),
        "alternatives": not _blank(off_label.alternatives_considered),
        "step_therapy_law": law is not None and law.verified,
        "regimen": not _blank(case.drug.generic_name),
        "enclosures": bool(case.attachments),
        "call_log": bool(case.call_log),
        "criteria": bool(denial and denial.criteria_cited),
    }


def answer_reasons(case: Case) -> list[ReasonAnswer]:
    """One answer per stated reason, in the denial's order; [] when none are entered."""
    denial = case.denial
    if denial is None or not denial.reasons:
        return []
    content = _part_content(case)
    compendium, literature = _evidence_parts(case)
    law = step_therapy_law(case.payer.plan_type, case.payer.state)
    answers = []
    for index, reason in enumerate(denial.reasons):
        entry = category_answer(reason.category)
        # A step therapy reason names the drug to try first; that is the point, not a mismatch.
        other = () if reason.category == "step_therapy" else drugs_not_requested(reason.text, case)
        parts = () if other else tuple(p for p in entry.answered_by if content.get(p))
        evidence = tuple(
            i
            for part, indexes in (("compendium", compendium), ("literature", literature))
            if part in parts
            for i in indexes
        )
        cited_law = (
            (f"{law.citation}: {law.grounds}",)
            if "step_therapy_law" in parts and law is not None
            else ()
        )
        response = (reason.response or "").strip()
        needed = not other and any(content.get(p) for p in entry.needs_one_of)
        answers.append(
            ReasonAnswer(
                index=index,
                category=str(reason.category or "other"),
                label=entry.label,
                heading=entry.heading,
                payer_words=reason.text.strip(),
                lead=entry.lead,
                parts=parts,
                evidence=evidence,
                law=cited_law,
                response=response,
                answered=bool(response) or needed,
                what_to_add=entry.what_to_add,
                other_drugs=other,
            )
        )
    return answers


def and_words(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _is_appeal(context: RuleContext) -> bool:
    return getattr(context.case.letter, "kind", None) == "appeal"


@rule(
    "appeal.reason_unanswered",
    rule_set="appeal",
    source=SOURCE,
    checks="Every reason the denial states has something in the case that answers it: the "
    "parts its category needs, or the practice's own response.",
)
def check_reasons_answered(context: RuleContext) -> Iterator[Finding]:
    if not _is_appeal(context):
        return
    for answer in answer_reasons(context.case):
        if answer.answered or not answer.payer_words:
            continue
        if answer.other_drugs:
            yield Finding(
                "appeal.reason_unanswered",
                Severity.WARNING,
                f"denial.reasons.{answer.index}",
                f"Denial reason {answer.number} is about {and_words(answer.other_drugs)}, which "
                "this request does not include, so the letter does not answer it from the "
                "case. Write the practice's answer in the reason's response (for example, that "
                "the drug was withdrawn from the request).",
            )
            continue
        yield Finding(
            "appeal.reason_unanswered",
            Severity.WARNING,
            f"denial.reasons.{answer.index}",
            f"Denial reason {answer.number} ({answer.label.lower()}) has nothing in the case "
            f"to answer it. {answer.what_to_add} Or write the practice's answer in the "
            "reason's response.",
        )


@rule(
    "appeal.reasons_not_split",
    rule_set="appeal",
    source=SOURCE,
    checks="The denial's reasons are entered one by one, so the appeal answers each under its "
    "own heading.",
)
def check_reasons_split(context: RuleContext) -> Iterator[Finding]:
    denial = context.case.denial
    if not _is_appeal(context) or denial is None or denial.reasons or _blank(denial.reason):
        return
    yield Finding(
        "appeal.reasons_not_split",
        Severity.INFO,
        "denial.reasons",
        "The denial's reason is entered as one text. Add each reason it states (Denial "
        "section, or read the denial letter in with Read denial letter…) so the appeal "
        "answers each one under its own heading.",
    )
