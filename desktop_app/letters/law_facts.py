"""What a letter says about the law: its title and addressee, who decides, the benefit, and the
decision timeframe it asks for. Built from reference data through the rules, never typed in a
template, so every letter names the body and provision that apply to its plan type.

- Traditional Medicare Part B has no prior-authorization step for most drugs: the letter is a
  letter of medical necessity for the claim and the record, addressed to the MAC.
- Appeals go to the body that decides the level: the MAC then the QIC (Part B), the plan then
  the IRE automatically (Medicare Advantage), the Part D sponsor then the Part D IRE.
- Requests ask for the plan's written criteria and the timeframe the plan type owes
  (knowledge/data/decision_timeframes.json); CMS-0057-F's timeframes exclude drugs.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.domain.identifiers import normalize_icd10
from desktop_app.knowledge.anticancer import UseKind
from desktop_app.knowledge.coverage import plan_coverage
from desktop_app.knowledge.decision_timeframes import decision_timeframe
from desktop_app.knowledge.icd10 import lookup
from desktop_app.knowledge.support import case_use
from desktop_app.rules.deadlines import appeal_level

PREAUTH_ATTN = "Prior Authorization / Pharmacy and Medical Review"
PART_B_ATTN = "Medical Review"


@dataclass(frozen=True, slots=True)
class LawFacts:
    is_part_b_lmn: bool  # traditional Medicare Part B: medical necessity, not a PA request
    letter_title: str  # "Prior authorization request", "Letter of medical necessity", ...
    subject: str  # the "Re:" line after "Re: "
    addressee: str  # the "Attn:" line
    decided_by: str  # appeals: who decides this level
    next_step: str  # appeals: what follows if the denial is upheld
    independent_review: bool  # appeals: a QIC, IRE, IRO or hearing officer decides, not the plan
    level_words: str  # appeals: "Reconsideration by the Medicare Advantage plan"
    benefit: str  # "This request is made under the Medicare Part D prescription drug benefit."
    timeframe_request: str  # the decision timeframe the plan owes, asked for in words
    criteria_request: str  # requests: ask for the written criteria and decision date
    secondary_codes: list[str]  # "C78.7 – Secondary malignant neoplasm of liver ..."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def timeframe_sentence(case: Case) -> str:
    """'Please decide this request within 24 hours, as 42 CFR ... requires for ...'."""
    kind = case.letter.kind
    level = case.denial.level if case.denial is not None else None
    frame = decision_timeframe(case.payer.plan_type, kind, case.letter.expedited, level)
    if frame is None:
        return ""
    noun = "appeal" if kind == "appeal" else "request"
    cited = frame.source.replace("; ", " and ")
    several = " and " in cited or ", " in cited
    if frame.verified:
        return (
            f"Please decide this {noun} within {frame.limit}, as {cited} "
            f"{'require' if several else 'requires'} for {frame.what}, and tell my office the "
            "decision as soon as it is made."
        )
    return (
        f"Please decide this {noun} within the timeframe that {cited} "
        f"{'set' if several else 'sets'} for {frame.what}, and tell my office what that "
        "timeframe is."
    )


def _secondary_codes(case: Case) -> list[str]:
    lines = []
    for code in case.diagnosis.secondary_icd10 or ():
        text = normalize_icd10(code) or code.strip()
        if not text:
            continue
        entry = lookup(text) if normalize_icd10(text) else None
        lines.append(f"{text} – {entry.description}" if entry else text)
    return lines


def build_law_facts(case: Case, drug_name: str) -> LawFacts:
    plan = case.payer.plan_type
    kind = case.letter.kind
    part_b_lmn = plan == "medicare_part_b" and kind == "preauth"
    level = appeal_level(case)
    # A tricyclic for neuropathic pain is not a use "in oncology", even from an oncologist.
    field = "" if case_use(case) is UseKind.NOT_ANTICANCER else " in oncology"
    if part_b_lmn:
        title = "Letter of medical necessity"
        subject = (
            f"Letter of medical necessity for {drug_name} for an off-label use{field} "
            "(for the claim and the medical record)"
        )
    elif kind == "appeal":
        title = "Appeal of coverage denial"
        subject = ""
    else:
        title = "Prior authorization request"
        subject = f"Request for prior authorization of {drug_name} for an off-label use{field}"
    criteria = ""
    if kind == "preauth" and not part_b_lmn:
        criteria = (
            "Please send me the written coverage criteria or policy you will apply to this "
            "request, and the date by which you will decide it."
        )
    return LawFacts(
        is_part_b_lmn=part_b_lmn,
        letter_title=title,
        subject=subject,
        addressee=(level.addressee if level else PART_B_ATTN if part_b_lmn else PREAUTH_ATTN),
        decided_by=level.decided_by if level else "",
        next_step=level.next_step if level else "",
        independent_review=level.independent if level else False,
        level_words=_capital(level.name) if level else "",
        benefit=plan_coverage(plan).benefit if plan else "",
        timeframe_request="" if part_b_lmn else timeframe_sentence(case),
        criteria_request=criteria,
        secondary_codes=_secondary_codes(case),
    )
