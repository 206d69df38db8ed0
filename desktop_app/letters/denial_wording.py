"""The appeal's answer to each stated reason, in words, and the calls it may cite.

The parts of each answer come from the rules (rules/denial_answers.py); this module only words
them. A part the letter already gave in full is referred back to ("as set out under reason 1")
instead of printed again, so a reviewer reads each fact once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.domain.case_records import CallLogEntry
from desktop_app.letters.environment import and_list, format_date
from desktop_app.rules.denial_answers import ReasonAnswer, answer_reasons
from desktop_app.rules.justification import Justification

# A reason nothing in the case answers (the checklist warns) gets no heading that claims more.
UNANSWERED_HEADING = ""


@dataclass(frozen=True, slots=True)
class DenialAnswer:
    """One reason as the letter prints it: the payer's words, then the answer."""

    number: int  # 1 for the first reason the denial states
    category: str  # experimental, step_therapy, ... (denial.reasons[].category)
    label: str  # the category in words: "Not medically necessary"
    heading: str  # the answer's heading: "The treatment is medically necessary for this patient"
    payer_words: str  # the reason as the payer wrote it, to quote
    paragraphs: list[str]  # the answer, one paragraph each, from the case's evidence


@dataclass(frozen=True, slots=True)
class CallNote:
    """A call with the payer, worded so the letter can cite it."""

    when: str  # "November 14, 2026 at 10:30 AM"
    sentence: str  # "On November 14, 2026 at 10:30 AM, your representative Dana R. …"


def call_time(at: object) -> str:
    if not isinstance(at, dt.datetime):
        return ""
    hour = at.strftime("%I:%M %p").lstrip("0")
    return f"{format_date(at.date())} at {hour}"


def call_notes(calls: Sequence[CallLogEntry] | None) -> list[CallNote]:
    """Each call in time order: 'On <date> at <time>, your representative <who> (call
    reference <n>) spoke with our office. Our note of the call: <summary>'."""
    notes = []
    ordered = sorted(calls or [], key=lambda c: c.at or dt.datetime.min)
    for call in ordered:
        when = call_time(call.at)
        who = call.who.strip() or "a representative"
        reference = (call.reference_number or "").strip()
        head = f"On {when}, " if when else ""
        text = f"{head}your representative {who}"
        text += f" (call reference {reference})" if reference else ""
        summary = call.summary.strip().rstrip(".")
        text += " spoke with our office."
        text += f" Our note of the call: {summary}." if summary else ""
        notes.append(CallNote(when, text[:1].upper() + text[1:]))
    return notes


class _Wording:
    """Words each answer part once, then refers back to where it was given."""

    def __init__(self, case: Case, evidence: Sequence[object], reasoning: Justification | None,
                 regimen: str, off_label_points: Sequence[str]) -> None:
        self.case = case
        self.evidence = evidence  # EvidenceSummary items, in case.evidence order
        self.reasoning = reasoning
        self.regimen = regimen
        self.off_label_points = off_label_points
        self.given: dict[str, int] = {}  # part -> the reason number that gave it in full

    def _once(self, part: str, number: int, text: str, short: str) -> str:
        if part in self.given:
            return f"{short} (see the answer to reason {self.given[part]})."
        self.given[part] = number
        return text

    def paragraphs(self, answer: ReasonAnswer) -> list[str]:
        # The lead claims the reason is answered: only when the rules see that it is from the
        # case (a reason about a drug not requested has only the practice's response).
        claims = answer.answered and not answer.other_drugs
        out: list[str] = [answer.lead] if answer.lead and claims else []
        for part in answer.parts:
            text = self._part(part, answer)
            # The compendium and the literature refer back in the same words: say it once.
            if text and text not in out:
                out.append(text)
        out.extend(answer.law)
        if answer.response:
            out.append(answer.response)
        return out

    def _part(self, part: str, answer: ReasonAnswer) -> str:
        case, number = self.case, answer.number
        if part in ("compendium", "literature"):
            wanted = [e for e in self.evidence if getattr(e, "index", -1) in answer.evidence
                      and (getattr(e, "kind", "") == "compendium") == (part == "compendium")]
            if not wanted:
                return ""
            cited = " ".join(getattr(e, "cited", "") for e in wanted)
            return self._once(part, number, cited, "The evidence supports this use")
        if part == "coverage_standard":
            if self.reasoning is None or not self.reasoning.met:
                return ""
            return self._once(part, number, self.reasoning.statement,
                              "The use meets the coverage standard that applies")
        if part == "off_label_points":
            return " ".join(self.off_label_points)
        if part == "clinical_history":
            return self._once(part, number, case.off_label.rationale.strip(),
                              "The clinical history shows why this treatment is needed")
        if part == "prior_therapies":
            return self._once(part, number, _prior_therapies(case),
                              "The patient has already received the treatments listed")
        if part == "trial_population_match":
            match = str(getattr(case.off_label, "trial_population_match", "") or "").strip()
            return self._once(part, number, f"How this patient matches the patients studied: "
                              f"{match}", "The patient matches the patients studied")
        if part == "alternatives":
            alternatives = (case.off_label.alternatives_considered or "").strip()
            return self._once(part, number, f"Other treatments considered: {alternatives}",
                              "Other treatments were considered")
        if part == "regimen":
            return f"The requested regimen is {self.regimen}."
        if part == "enclosures":
            titles = [a.title.strip() for a in case.attachments or [] if a.title.strip()]
            return f"Enclosed with this appeal: {'; '.join(titles)}." if titles else ""
        if part == "call_log":
            notes = call_notes(case.call_log)
            return " ".join(n.sentence for n in notes)
        if part == "criteria" and case.denial and case.denial.criteria_cited:
            named = and_list([c.strip() for c in case.denial.criteria_cited if c.strip()])
            return f"The denial cites {named}; this letter addresses those criteria."
        return ""


def _prior_therapies(case: Case) -> str:
    items = []
    for therapy in case.prior_therapies or []:
        text = therapy.regimen.strip()
        dates = [format_date(d) for d in (therapy.started, therapy.ended) if d]
        if dates:
            text += f" ({' to '.join(dates)})"
        if therapy.best_response and therapy.best_response.strip():
            text += f", best response {therapy.best_response.strip()}"
        if therapy.reason_stopped.strip():
            text += f" (reason stopped: {therapy.reason_stopped.strip()})"
        items.append(text)
    return f"Prior treatment: {'; '.join(items)}." if items else ""


def denial_answers(case: Case, evidence: Sequence[object], reasoning: Justification | None,
                   regimen: str, off_label_points: Sequence[str]) -> list[DenialAnswer]:
    """The answers to the stated reasons, worded; [] when the denial lists none."""
    wording = _Wording(case, evidence, reasoning, regimen, off_label_points)
    return [
        DenialAnswer(
            number=answer.number,
            category=answer.category,
            label=answer.label,
            heading=(answer.heading if answer.answered and not answer.other_drugs
                     else UNANSWERED_HEADING),
            payer_words=answer.payer_words,
            paragraphs=wording.paragraphs(answer),
        )
        for answer in answer_reasons(case)
    ]
