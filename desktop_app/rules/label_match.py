"""Does the case meet a labeled indication's conditions? Each condition: met, unmet or unknown.

An indication (drug_label_model.Indication) lists what must hold for a use to be on-label:
the cancer (ICD-10-CM ranges), histology, biomarkers, setting, line of therapy, prior therapy,
combination partners, single-agent use, age. This module reads the case for each one and says
which holds, which does not (and in what words the difference can be stated) and which the
case leaves open (and the vocabulary's question that would settle it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from desktop_app.domain.case import Case
from desktop_app.knowledge.drug_catalog import DrugCatalog, Vocabulary
from desktop_app.knowledge.drug_label_model import Indication
from desktop_app.rules.case_reading import (
    CaseText,
    Said,
    any_term_said,
    question_for,
    read_case,
    term_said,
)


class State(Enum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of an indication, as this case meets it."""

    kind: str  # diagnosis, histology, biomarker, setting, line, prior therapy, combination, ...
    state: State
    field: str  # the case field that settles it
    question: str = ""  # when unknown: what to ask staff
    differs: str = ""  # when unmet: what differs, in words a letter can print


@dataclass(frozen=True, slots=True)
class IndicationMatch:
    indication: Indication
    conditions: tuple[Condition, ...]
    order: int  # position in the label

    @property
    def unmet(self) -> list[Condition]:
        return [c for c in self.conditions if c.state is State.UNMET]

    @property
    def unknown(self) -> list[Condition]:
        return [c for c in self.conditions if c.state is State.UNKNOWN]

    @property
    def labeled(self) -> bool:
        return all(c.state is State.MET for c in self.conditions)

    @property
    def same_cancer(self) -> bool:
        return self.conditions[0].state is not State.UNMET

    def rank(self) -> tuple[int, int, int, int]:
        """Closest first: the same cancer, fewest unmet, fewest unknown, label order."""
        return (not self.same_cancer, len(self.unmet), len(self.unknown), self.order)


def section_words(section: str) -> str:
    """'section 1.2', or 'the Indications section' for a label without numbered sections."""
    return f"section {section}" if section[:1].isdigit() else f"the {section} section"


def match_indications(
    indications: Sequence[Indication], case: Case, catalog: DrugCatalog
) -> list[IndicationMatch]:
    """Every indication with its conditions as this case meets them, closest first."""
    text = read_case(case)
    matches = [
        IndicationMatch(ind, tuple(_conditions(ind, text, catalog.vocabulary)), order)
        for order, ind in enumerate(indications)
    ]
    return sorted(matches, key=IndicationMatch.rank)


def _conditions(ind: Indication, text: CaseText, vocab: Vocabulary) -> Iterable[Condition]:
    yield _diagnosis(ind, text)
    if ind.histology_any:
        yield _histology_any(ind, text, vocab)
    for term in ind.histology_none:
        yield _histology_none(term, text, vocab)
    for need in ind.biomarkers:
        yield _requirement("biomarker", need, text.markers, "diagnosis.biomarkers", vocab)
    if ind.settings:
        yield _requirement("setting", ind.settings, text.setting, "diagnosis.stage", vocab)
    if ind.line != "any":
        yield _line(ind, text, vocab)
    if ind.after:
        yield _after(ind, text, vocab)
    for need in ind.combination_with:
        yield _partner(need, text, vocab)
    if ind.monotherapy:
        yield _single_agent(text)
    if ind.min_age_years is not None:
        yield _age_condition(ind.min_age_years, text)


def covers_code(ind: Indication, code: str) -> bool:
    """Whether an ICD-10-CM code falls in the indication's ranges and none of its exclusions."""
    compact = code.replace(".", "").strip().upper()
    return any(_in_range(r, compact) for r in ind.icd10) and not any(
        _in_range(r, compact) for r in ind.exclude_icd10
    )


def _in_range(text: str, code: str) -> bool:
    first, _, last = text.replace(".", "").upper().partition("-")
    last = last or first
    return first <= code[: len(first)] and code[: len(last)] <= last


def _diagnosis(ind: Indication, text: CaseText) -> Condition:
    if not text.icd10 or not text.icd10[:1].isalpha():
        return Condition(
            "diagnosis",
            State.UNKNOWN,
            "diagnosis.icd10",
            question="What is the diagnosis code (ICD-10-CM)?",
        )
    if covers_code(ind, text.icd10):
        return Condition("diagnosis", State.MET, "diagnosis.icd10")
    return Condition(
        "diagnosis",
        State.UNMET,
        "diagnosis.icd10",
        differs=f"this diagnosis (ICD-10-CM {text.icd10}) is not among the cancers "
        "this indication names",
    )


def _histology_any(ind: Indication, text: CaseText, vocab: Vocabulary) -> Condition:
    said = any_term_said(ind.histology_any, text.histology, vocab)
    words = _or_list(ind.histology_any)
    if said is Said.YES:
        return Condition("histology", State.MET, "diagnosis.histology")
    if said is Said.NO:
        return Condition(
            "histology",
            State.UNMET,
            "diagnosis.histology",
            differs=f"the label names {words} histology",
        )
    return Condition(
        "histology",
        State.UNKNOWN,
        "diagnosis.histology",
        question=" ".join(question_for(t, vocab) for t in ind.histology_any[:2]),
    )


def _histology_none(term: str, text: CaseText, vocab: Vocabulary) -> Condition:
    said = term_said(term, text.histology, vocab)
    if said is Said.YES:
        return Condition(
            "histology",
            State.UNMET,
            "diagnosis.histology",
            differs=f"the label leaves out {term} histology",
        )
    if said is Said.NO:
        return Condition("histology", State.MET, "diagnosis.histology")
    return Condition(
        "histology", State.UNKNOWN, "diagnosis.histology", question=question_for(term, vocab)
    )


def _requirement(
    kind: str, terms: Sequence[str], where: str, field: str, vocab: Vocabulary
) -> Condition:
    said = any_term_said(terms, where, vocab)
    if said is Said.YES:
        return Condition(kind, State.MET, field)
    if said is Said.NO:
        noun = "disease" if kind == "setting" else "tumors"
        return Condition(
            kind, State.UNMET, field, differs=f"the label names {_or_list(terms)} {noun}"
        )
    questions = dict.fromkeys(question_for(t, vocab) for t in terms)
    question = (
        " ".join(questions)
        if len(questions) <= 2
        else (f"Which of these describes the disease or the treatment: {_or_list(terms)}?")
    )
    return Condition(kind, State.UNKNOWN, field, question=question)


def _line(ind: Indication, text: CaseText, vocab: Vocabulary) -> Condition:
    systemic = bool(text.prior.generics or text.prior.classes)
    if ind.line == "first":
        # "First-line for metastatic disease after adjuvant anthracycline": a prior regimen
        # that has the therapy the label itself names does not make the use a later line.
        others = [
            p
            for p in text.prior_each
            if (p.generics or p.classes)
            and not any(p.includes(t, vocab.class_members) for t in ind.after)
        ]
        if others:
            return Condition(
                "line",
                State.UNMET,
                "prior_therapies",
                differs="the label covers first-line use, and the patient has had "
                f"prior treatment ({text.prior_words})",
            )
        if text.prior_listed and not systemic:
            return Condition(
                "line",
                State.UNKNOWN,
                "prior_therapies",
                question="Is this the first systemic treatment for this cancer? "
                "The prior therapies listed name no drug the catalog knows.",
            )
        return Condition("line", State.MET, "prior_therapies")
    if systemic:
        return Condition("line", State.MET, "prior_therapies")
    return Condition(
        "line",
        State.UNKNOWN,
        "prior_therapies",
        question="Has the patient had prior systemic treatment for this cancer?",
    )


def _after(ind: Indication, text: CaseText, vocab: Vocabulary) -> Condition:
    if any(text.prior.includes(t, vocab.class_members) for t in ind.after):
        return Condition("prior therapy", State.MET, "prior_therapies")
    words = _or_list(ind.after)
    if text.prior.generics or text.prior.classes:
        return Condition(
            "prior therapy",
            State.UNMET,
            "prior_therapies",
            differs=f"the label covers use after {words}",
        )
    return Condition(
        "prior therapy", State.UNKNOWN, "prior_therapies", question=f"Has the patient had {words}?"
    )


def _partner(need: Sequence[str], text: CaseText, vocab: Vocabulary) -> Condition:
    words = _or_list(need)
    if any(text.partners.includes(t, vocab.class_members) for t in need):
        return Condition("combination", State.MET, "drug.combination_with")
    if text.partner_words:
        return Condition(
            "combination",
            State.UNMET,
            "drug.combination_with",
            differs=f"the label covers use in combination with {words}",
        )
    return Condition(
        "combination",
        State.UNKNOWN,
        "drug.combination_with",
        question=f"Is it given in combination with {words}?",
    )


def _single_agent(text: CaseText) -> Condition:
    if text.partner_words:
        return Condition(
            "single agent",
            State.UNMET,
            "drug.combination_with",
            differs="the label covers use as a single agent",
        )
    return Condition("single agent", State.MET, "drug.combination_with")


def _age_condition(years: float, text: CaseText) -> Condition:
    limit = f"{years:g} years"
    if text.age is None:
        return Condition(
            "age", State.UNKNOWN, "patient.dob", question=f"Is the patient {limit} or older?"
        )
    if text.age >= years:
        return Condition("age", State.MET, "patient.dob")
    return Condition(
        "age", State.UNMET, "patient.dob", differs=f"the label covers patients {limit} and older"
    )


def _or_list(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"
