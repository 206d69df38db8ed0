"""Words the editor shows: section titles, readable labels for every enumeration, rating scales."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from desktop_app.domain.case_terms import (
    PLAN_TYPE_LABELS,
    AppealLevel,
    CompendiumName,
    LetterKind,
    OffLabelReason,
    StudyDesign,
)


@dataclass(frozen=True, slots=True)
class SectionInfo:
    key: str  # the top-level name in the case file
    title: str
    mnemonic: str  # Alt+letter jumps to the section


# In the order staff fill in a letter. Mnemonics avoid the menu bar's letters (File, Edit,
# Case, View, Si&gn, Tools, Help: F, E, C, V, G, T, H): an Alt shortcut claimed twice fires
# neither, and Alt+G once opened the Sign menu instead of the regimen.
MENU_MNEMONICS = frozenset("FECVGTH")
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("letter", "Letter", "L"),
    SectionInfo("patient", "Patient", "P"),
    SectionInfo("payer", "Payer", "Y"),
    SectionInfo("prescriber", "Prescriber", "R"),
    SectionInfo("diagnosis", "Diagnosis", "D"),
    SectionInfo("drug", "Regimen", "M"),
    SectionInfo("off_label", "Off-label use", "O"),
    SectionInfo("prior_therapies", "Prior therapies", "S"),
    SectionInfo("evidence", "Evidence", "I"),
    SectionInfo("denial", "Denial", "N"),
    SectionInfo("attachments", "Attachments", "A"),
)
SECTION_TITLES: dict[str, str] = {s.key: s.title for s in SECTIONS}

LETTER_KIND_LABELS: dict[str, str] = {
    "preauth": "Pre-authorization request",
    "appeal": "Appeal of a denial",
}
OFF_LABEL_REASON_LABELS: dict[str, str] = {
    "indication": "Indication (cancer type not on the label)",
    "dose": "Dose outside the label",
    "route": "Route outside the label",
}
STUDY_DESIGN_LABELS: dict[str, str] = {
    "randomized": "Randomized trial",
    "nonrandomized": "Non-randomized study",
    "meta-analysis": "Meta-analysis",
    "case-series": "Case series",
    "case-report": "Case report",
    "review": "Review",
}
APPEAL_LEVEL_LABELS: dict[str, str] = {
    "first": "First-level internal appeal",
    "second": "Second-level internal appeal",
    "external": "External review (IRO)",
    "redetermination": "Medicare redetermination",
    "reconsideration": "Medicare reconsideration",
}
EVIDENCE_TYPE_LABELS: dict[str, str] = {
    "compendium": "Compendium listing",
    "article": "Journal article",
    "trial": "Clinical trial",
    "guideline": "Guideline",
}
# ECOG performance status grades (Oken et al., Am J Clin Oncol 1982;5:649, ECOG-ACRIN).
ECOG_LABELS: dict[int, str] = {
    0: "0 — fully active",
    1: "1 — restricted in strenuous activity",
    2: "2 — up and about, unable to work",
    3: "3 — capable of limited self-care",
    4: "4 — completely disabled",
}
# Each compendium's own rating scale, as spec/case-format.md lists them; any may say
# "not indicated" (MBPM ch.15 §50.4.5: one negative listing defeats the positives).
COMPENDIUM_SCALES: dict[str, tuple[str, ...]] = {
    "NCCN": ("1", "2A", "2B", "3"),
    "DrugDex": ("I", "IIa", "IIb", "III"),
    "Lexi-Drugs": ("A", "B", "C", "unsupported"),
    "AHFS-DI": ("supportive", "not supportive"),
    "Clinical Pharmacology": ("supportive", "not supportive"),
    "USP-DI": ("supportive", "not supportive"),
}
NOT_INDICATED = "not indicated"
# Field names that are codes or abbreviations, in the words the form's labels use.
FIELD_WORDS: dict[str, str] = {
    "icd10": "ICD-10-CM code", "mbi": "Medicare number (MBI)", "npi": "NPI",
    "dob": "date of birth", "hcpcs": "HCPCS code", "ndc": "NDC", "pmid": "PMID", "doi": "DOI",
    "nct": "NCT number", "ecog": "ECOG status", "tax_id": "tax ID (TIN)",
    "member_id": "member ID", "reference_number": "claim or authorization number",
    "plan_type": "plan type", "state": "plan state", "generic_name": "generic name",
    "reasons": "what is off-label", "design": "study design",
}
ROUTE_SUGGESTIONS = ("intravenous", "subcutaneous", "oral", "intramuscular", "intrathecal")
SEX_SUGGESTIONS = ("female", "male", "unknown")


def choices(literal: object, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(value, label) pairs for a Literal type, in the order the model declares them."""
    values = [str(v) for v in get_args(literal)]
    return [(v, (labels or {}).get(v, v)) for v in values]


LETTER_KIND_CHOICES = choices(LetterKind, LETTER_KIND_LABELS)
PLAN_TYPE_CHOICES = [(v, label) for v, label in PLAN_TYPE_LABELS.items()]
OFF_LABEL_REASON_CHOICES = choices(OffLabelReason, OFF_LABEL_REASON_LABELS)
COMPENDIUM_CHOICES = choices(CompendiumName)
STUDY_DESIGN_CHOICES = choices(StudyDesign, STUDY_DESIGN_LABELS)
APPEAL_LEVEL_CHOICES = choices(AppealLevel, APPEAL_LEVEL_LABELS)


def rating_scale(compendium: str | None) -> list[str]:
    """The ratings offered for a compendium, ending with "not indicated"."""
    return [*COMPENDIUM_SCALES.get(compendium or "", ()), NOT_INDICATED]


def field_label(path: str) -> str:
    """Words for a dotted path: 'evidence.2.journal' is 'Evidence item 3, journal'."""
    parts = path.split(".")
    if parts[0] == "settings":
        return _settings_label(parts[1:])
    section = SECTION_TITLES.get(parts[0], parts[0].replace("_", " ").capitalize())
    if parts[:2] == ["denial", "reasons"]:
        # The denial's stated reasons, not the off-label reasons the plain word would name.
        if len(parts) > 2 and parts[2].isdigit():
            return f"{section}, stated reason {int(parts[2]) + 1}"
        return f"{section}, stated reasons"
    rest = parts[1:]
    if rest and rest[0].isdigit():
        singular = {"Prior therapies": "Prior therapy", "Attachments": "Attachment"}
        section = f"{singular.get(section, section + ' item')} {int(rest[0]) + 1}"
        rest = rest[1:]
    words = " ".join(FIELD_WORDS.get(p, p.replace("_", " ")) for p in rest if not p.isdigit())
    return f"{section}, {words}" if words else section


def _settings_label(parts: list[str]) -> str:
    """Where a practice.* finding's field is in Settings: 'Settings ▸ Prescribers, row 2, NPI'."""
    if parts[:1] == ["prescribers"] and len(parts) == 3 and parts[1].isdigit():
        leaf = FIELD_WORDS.get(parts[2], parts[2].replace("_", " "))
        return f"Settings ▸ Prescribers, row {int(parts[1]) + 1}, {leaf}"
    leaf = " ".join(FIELD_WORDS.get(p, p.replace("_", " ")) for p in parts[1:])
    return f"Settings ▸ {parts[0].capitalize() if parts else ''}" + (f", {leaf}" if leaf else "")
