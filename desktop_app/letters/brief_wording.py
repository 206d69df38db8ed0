"""Wording for the peer-to-peer brief: the strongest points with their compendium category and
trial, what to ask the reviewer for, and the numbers to quote on the call."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.knowledge.denial_answers import denial_answer_data
from desktop_app.knowledge.drug_catalog import drug_name_index, name_key
from desktop_app.letters.denial_wording import call_notes
from desktop_app.rules.brief import strongest_points


@dataclass(frozen=True, slots=True)
class BriefLine:
    """One of the strongest points, for the physician to say on the call."""

    title: str  # "NCCN Category 2A" or "Randomized controlled trial (NCT01824875)"
    text: str  # the point in one or two sentences


def brief_points(case: Case, evidence: Sequence[object]) -> list[BriefLine]:
    by_index = {getattr(e, "index", -1): e for e in evidence}
    lines = []
    for point in strongest_points(case):
        items = [by_index[i] for i in point.evidence if i in by_index]
        if point.kind == "patient":
            lines.append(BriefLine("This patient", _patient_line(case)))
            continue
        if not items:
            continue
        item = items[0]
        if point.kind == "compendium":
            title = " ".join(p for p in (getattr(item, "name", ""), getattr(item, "rating", ""))
                             if p)
        else:
            title = (getattr(item, "design", "") or "Study").capitalize()
            title += f" ({point.trial})" if point.trial else ""
        # No reference marks: the brief has no reference list.
        lines.append(BriefLine(title, getattr(item, "text", "")))
    return lines


# Words that open a prior therapy as staff type it and are no one's name: a procedure or a kind
# of treatment. A generic drug name is an ordinary word too (the drug catalog says which are);
# anything else, a brand ("Keytruda"), a regimen's short name ("FOLFOX") or an eponym ("Whipple
# procedure"), keeps its capital.
_ORDINARY_FIRST_WORDS = frozenset({
    "enucleation", "resection", "surgery", "surgical", "excision", "radiation", "radiotherapy",
    "chemotherapy", "chemoradiation", "chemoradiotherapy", "immunotherapy", "brachytherapy",
    "stereotactic", "whole-brain", "external", "proton", "ablation", "radiofrequency",
    "embolization", "chemoembolization", "radioembolization", "transplant", "autologous",
    "allogeneic", "mastectomy", "lumpectomy", "lobectomy", "pneumonectomy", "nephrectomy",
    "prostatectomy", "hysterectomy", "cystectomy", "gastrectomy", "colectomy", "hepatectomy",
    "amputation", "craniotomy", "debulking", "hormone", "hormonal", "endocrine", "androgen",
    "adjuvant", "neoadjuvant", "palliative", "concurrent", "induction", "consolidation",
    "maintenance", "salvage", "high-dose", "dose-dense", "intravesical", "intrathecal",
    "single-agent", "combination", "first-line", "second-line", "third-line", "weekly",
})
_FIRST_WORD = re.compile(r"[^\s,;:/+()]+")


def in_phrase(text: str) -> str:
    """Free text after a fixed phrase ("Already treated with …"), lower-cased at its start
    where its first word is an ordinary one: "Enucleation of the right eye" -> "enucleation of
    the right eye", "Gemcitabine + cisplatin" -> "gemcitabine + cisplatin"; "FOLFOX", "AC-T",
    "Keytruda" and unknown words stay as typed."""
    words = text.strip()
    found = _FIRST_WORD.match(words)
    first = found.group() if found else ""
    if len(first) < 2 or not first[0].isupper() or not first[1:].islower():
        return words  # not a capitalized ordinary word: "FOLFOX", "AC-T", "nab-paclitaxel"
    key = name_key(first)
    generic = key in drug_name_index().get(key, frozenset())
    if key in _ORDINARY_FIRST_WORDS or generic:
        return words[0].lower() + words[1:]
    return words


def _patient_line(case: Case) -> str:
    parts = []
    therapies = [
        f"{in_phrase(t.regimen)} (stopped: {t.reason_stopped.strip()})"
        for t in case.prior_therapies or []
        if t.regimen.strip()
    ]
    if therapies:
        parts.append("Already treated with " + "; ".join(therapies) + ".")
    match = str(getattr(case.off_label, "trial_population_match", "") or "").strip()
    if match:
        parts.append(f"Matches the patients studied: {match}")
    return " ".join(parts)


def reviewer_request() -> str:
    """What to ask for; the provisions behind it are named only where their text was read."""
    entry = denial_answer_data().reviewer_request
    words = f"Ask that the case be reviewed by {entry.text}."
    return words + (f" ({entry.source})" if entry.verified else "")


def call_references(case: Case) -> list[str]:
    """The numbers to have at hand on the call."""
    refs = []
    denial = case.denial
    if denial and denial.reference_number.strip():
        refs.append(f"Denial reference: {denial.reference_number.strip()}")
    if case.payer.member_id.strip():
        group_number = (case.payer.group_number or "").strip()
        group = f", group {group_number}" if group_number else ""
        refs.append(f"Member ID: {case.payer.member_id.strip()}{group}")
    mbi = (case.patient.mbi or "").strip()
    if mbi and case.is_medicare:
        refs.append(f"Medicare number: {mbi}")
    if case.drug.hcpcs:
        ndc = f", NDC {case.drug.ndc}" if case.drug.ndc else ""
        refs.append(f"HCPCS: {case.drug.hcpcs}{ndc}")
    if case.diagnosis.icd10.strip():
        refs.append(f"ICD-10-CM: {case.diagnosis.icd10.strip()}")
    if case.prescriber.npi.strip():
        refs.append(f"Prescriber NPI: {case.prescriber.npi.strip()}")
    for criterion in (denial.criteria_cited or []) if denial else []:
        refs.append(f"Criteria cited: {criterion.strip()}")
    for call in case.call_log or []:
        reference = (call.reference_number or "").strip()
        if reference:
            note = next(iter(call_notes([call])), None)
            when = f" ({note.when})" if note and note.when else ""
            refs.append(f"Call reference: {reference}{when}")
    return refs
