"""What a template sees besides the case: ready-made wording (`facts`), citations and `cite()`.

Coverage claims come only from desktop_app.rules (justify, appeal_deadline), never from here,
so a letter cannot claim support that the checker's findings do not show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.case import Case
from desktop_app.domain.case_terms import PLAN_TYPE_LABELS
from desktop_app.errors import TemplateError
from desktop_app.letters.brief_wording import (
    BriefLine,
    brief_points,
    call_references,
    reviewer_request,
)
from desktop_app.letters.citations import Citation, build_citations
from desktop_app.letters.denial_wording import CallNote, DenialAnswer, call_notes, denial_answers
from desktop_app.letters.document import Letterhead
from desktop_app.letters.environment import and_list, format_date
from desktop_app.letters.evidence_wording import EvidenceSummary, summarize_evidence
from desktop_app.letters.label_facts import LabelFacts, label_facts
from desktop_app.letters.law_facts import LawFacts, build_law_facts
from desktop_app.letters.patient_facts import PatientFacts, build_patient_facts
from desktop_app.letters.regimen_wording import (
    dose_text,
    drug_display_name,
    off_label_points,
    points_beyond_label,
    regimen_sentence,
)
from desktop_app.rules import deadlines, justification
from desktop_app.rules.deadlines import AppealDeadline
from desktop_app.rules.justification import Justification
from desktop_app.rules.wording import combination_drugs

LETTER_TITLES = {
    "preauth": "Prior authorization request",
    "appeal": "Appeal of coverage denial",
    "fax": "Fax cover sheet",
    "patient": "About your treatment request",
    "brief": "Peer-to-peer brief",
}


@dataclass(frozen=True, slots=True)
class Facts:
    """Wording a letter needs, prepared once so every template says it the same way."""

    letter_title: str
    letter_date: str
    patient_dob: str
    plan_label: str
    is_medicare: bool
    drug_name: str
    dose: str
    regimen: str
    combination: str
    biomarkers: str
    diagnosed_on: str
    start_date: str
    off_label_points: list[str]
    # The same, less the one the label facts already say in full: beside facts.label, the
    # letter does not tell the payer twice that the cancer is not among the labeled uses.
    off_label_points_beyond_label: list[str]
    label: LabelFacts | None
    appeal_level: str
    denial_date: str
    prescriber_signature_name: str
    evidence: list[EvidenceSummary]
    justification: Justification | None
    deadline: AppealDeadline | None
    deadline_due: str
    page_count: str
    practice: Letterhead
    law: LawFacts  # title, addressee, who decides, benefit, timeframe and criteria requests
    patient: PatientFacts  # the patient explainer's time limits, as numbers and units
    # Appeals: the answer to each stated reason (denial.reasons), and the calls to cite.
    denial_answers: list[DenialAnswer]
    calls: list[CallNote]
    # The peer-to-peer brief: the strongest points, whom to ask for, the numbers to quote.
    strongest_points: list[BriefLine]
    call_references: list[str]

    @property
    def reviewer_request(self) -> str:
        # Read when a template asks (the peer-to-peer brief): its wording lives in the denial
        # answers file, which no other letter needs loaded, validated and its phrases compiled.
        return reviewer_request()


def fact_names() -> list[str]:
    """Every name a template may read on `facts`, in the order the field reference lists."""
    names = [f.name for f in dataclasses.fields(Facts)]
    names.insert(names.index("call_references"), "reviewer_request")
    return names


def safe_justification(case: Case) -> Justification | None:
    # The rules work fills these in; until then a letter renders without the legal paragraphs.
    try:
        return justification.justify(case)
    except NotImplementedError:
        return None


def safe_deadline(case: Case) -> AppealDeadline | None:
    try:
        return deadlines.appeal_deadline(case)
    except NotImplementedError:
        return None


def make_cite(citations: list[Citation]) -> Callable[..., str]:
    """cite(0) -> "[1]"; cite([0, 2]) -> "[1, 3]". Indexes are positions in case.evidence."""

    def cite(indexes: int | Iterable[int]) -> str:
        wanted = [indexes] if isinstance(indexes, int) else list(indexes)
        numbers = []
        for index in wanted:
            if not isinstance(index, int) or not 0 <= index < len(citations):
                raise TemplateError(
                    f"cite({index!r}): the case has {len(citations)} evidence item(s), "
                    "numbered from 0"
                )
            numbers.append(str(citations[index].number))
        return f"[{', '.join(numbers)}]" if numbers else ""

    return cite


def build_context(
    case: Case, letterhead: Letterhead, page_count: int | str | None = None
) -> dict[str, Any]:
    """The names a template may use: case, facts, citations, cite."""
    citations = build_citations(list(case.evidence))
    reasoning = safe_justification(case)
    deadline = safe_deadline(case)
    denial = case.denial
    law = build_law_facts(case, drug_display_name(case))
    evidence = summarize_evidence(case, citations, reasoning.supporting if reasoning else ())
    regimen = regimen_sentence(case)
    points = off_label_points(case)
    label = label_facts(case)
    facts = Facts(
        letter_title=law.letter_title,
        letter_date=format_date(case.letter.date),
        patient_dob=format_date(case.patient.dob),
        plan_label=PLAN_TYPE_LABELS.get(case.payer.plan_type or "", ""),
        is_medicare=case.is_medicare,
        drug_name=drug_display_name(case),
        dose=dose_text(case),
        regimen=regimen,
        combination=and_list(combination_drugs(case.drug.combination_with)),
        biomarkers="; ".join(b.strip() for b in case.diagnosis.biomarkers or [] if b.strip()),
        diagnosed_on=format_date(case.diagnosis.diagnosed_on),
        start_date=format_date(case.drug.start_date),
        off_label_points=points,
        off_label_points_beyond_label=points_beyond_label(case, points, label),
        label=label,
        appeal_level=law.level_words if denial else "",
        denial_date=format_date(denial.date) if denial else "",
        prescriber_signature_name=", ".join(
            p
            for p in (case.prescriber.name.strip(), (case.prescriber.credentials or "").strip())
            if p
        ),
        evidence=evidence,
        justification=reasoning,
        deadline=deadline,
        deadline_due=format_date(deadline.due) if deadline else "",
        page_count=str(page_count) if page_count not in (None, "") else "see attached",
        practice=letterhead,
        law=law,
        patient=build_patient_facts(case, deadline),
        denial_answers=denial_answers(case, evidence, reasoning, regimen, points),
        calls=call_notes(case.call_log),
        strongest_points=brief_points(case, evidence),
        call_references=call_references(case),
    )
    return {"case": case, "facts": facts, "citations": citations, "cite": make_cite(citations)}
