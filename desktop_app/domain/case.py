"""The case model: format `pa-letter-case/1` of spec/case-format.md.

Loading is strict about types and unknown fields (a typo must not silently drop data) but
tolerant of missing values: an empty or absent mandatory field is reported by the checker as
`required.missing`, so a half-typed draft is still a case. `MANDATORY_FIELDS` lists what the
format itself requires; the JSON Schema marks them required. The kinds of text and the
fixed choices the sections are written in are in case_terms; the evidence a letter cites and
the attachments it encloses are in case_evidence; the denial an appeal answers is in
case_denial, and the call log and approval kept after the letter in case_records.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import ConfigDict, Field

from desktop_app.domain.bounds import MaxLength
from desktop_app.domain.case_denial import Denial
from desktop_app.domain.case_evidence import Attachment, Evidence
from desktop_app.domain.case_records import Approval, CallLogEntry
from desktop_app.domain.case_terms import (
    MEDICARE_PLANS,
    Amount,
    CaseSection,
    LetterKind,
    Line,
    LocalDateTime,
    Name,
    Narrative,
    OffLabelReason,
    Para,
    PlanType,
)

FORMAT_ID: Final = "pa-letter-case/1"


class Letter(CaseSection):
    kind: LetterKind | None = None
    date: dt.date = Field(default_factory=dt.date.today)
    expedited: bool = False
    urgency_statement: Narrative | None = None
    # Added to format 1: when the letter reached the payer (the fax confirmation time). The
    # app sets it when the case is marked sent; a plan's decision time runs from it.
    sent_at: LocalDateTime | None = None
    # Added to format 1: the id of the practice template this case's letter uses (chosen in
    # the Letter section); absent means the default template for the letter kind. The pattern
    # bounds it (64 characters).
    template: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] | None = None


class Payer(CaseSection):
    name: Name = ""
    plan_type: PlanType | None = None
    state: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = None
    member_id: Line = ""
    group_number: Line | None = None
    policy_number: Line | None = None
    address: Para | None = None
    phone: Line | None = None
    fax: Line | None = None


class Patient(CaseSection):
    name: Name = ""
    dob: dt.date | None = None
    sex: Line | None = None
    mbi: Line | None = None
    address: Para | None = None
    phone: Line | None = None


class Prescriber(CaseSection):
    name: Name = ""
    credentials: Line | None = None
    npi: Line = ""
    tax_id: Line | None = None
    specialty: Line | None = None
    practice: Name | None = None
    address: Para | None = None
    phone: Line | None = None
    fax: Line | None = None
    email: Line | None = None


class Diagnosis(CaseSection):
    icd10: Line = ""
    description: Para | None = None
    histology: Para | None = None
    stage: Line | None = None
    biomarkers: Annotated[list[Line], MaxLength(50)] | None = None
    diagnosed_on: dt.date | None = None
    ecog: Annotated[int, Field(ge=0, le=4)] | None = None
    # Added to format 1: other ICD-10-CM codes the letter lists, such as sites of metastasis
    # (C78.7, C79.51), which payers match against the drug's covered diagnoses.
    secondary_icd10: Annotated[list[Line], MaxLength(20)] | None = None


class Dose(CaseSection):
    amount: Amount | None = None
    unit: Line = ""


class Drug(CaseSection):
    generic_name: Name = ""
    brand_name: Name | None = None
    hcpcs: Line | None = None
    ndc: Line | None = None
    dose: Dose = Field(default_factory=Dose)
    route: Line = ""
    frequency: Line = ""
    duration: Line | None = None
    cycles: Annotated[int, Field(ge=0, le=1000)] | None = None
    combination_with: Annotated[list[Name], MaxLength(20)] | None = None
    site_of_care: Line | None = None
    start_date: dt.date | None = None


class LabelCheck(CaseSection):
    """Added to format 1: a person at the practice checked the labeled uses, doses and routes
    the drug catalog lists against the current FDA label, for this case's letter. It counts
    only for the label revision it names, so a newer label asks for a new check."""

    checked_by: Name = ""
    checked_on: dt.date | None = None
    # The label's revision the catalog cited when it was checked (the first of its month).
    label_revised: dt.date | None = None


class OffLabel(CaseSection):
    reasons: Annotated[list[OffLabelReason], MaxLength(10)] = Field(default_factory=list)
    rationale: Narrative = ""
    alternatives_considered: Narrative | None = None
    # Added to format 1 (what manufacturer letter-of-medical-necessity templates ask for):
    # how this patient matches the population of the cited trials (MBPM ch.15 §50.4.5(C)),
    trial_population_match: Narrative | None = None
    # how response and toxicity will be monitored and when treatment stops,
    monitoring_plan: Narrative | None = None
    # and why a compendium's negative listing does not apply (newer evidence, another line of
    # therapy), which answers evidence.conflicting_listing.
    conflict_explanation: Narrative | None = None
    # Added to format 1: the practice's check of an unverified catalog entry against the label.
    label_check: LabelCheck | None = None


class PriorTherapy(CaseSection):
    regimen: Line = ""
    started: dt.date | None = None
    ended: dt.date | None = None
    best_response: Line | None = None
    reason_stopped: Para = ""


class Case(CaseSection):
    """One prior-authorization or appeal case, as staff enter it."""

    # Built when this module is imported, as before: the desktop app imports it on a worker
    # thread at start, so no case opened on the GUI thread waits for the validator.
    model_config = ConfigDict(defer_build=False)

    format: Literal["pa-letter-case/1"] = FORMAT_ID
    letter: Letter = Field(default_factory=Letter)
    payer: Payer = Field(default_factory=Payer)
    patient: Patient = Field(default_factory=Patient)
    prescriber: Prescriber = Field(default_factory=Prescriber)
    diagnosis: Diagnosis = Field(default_factory=Diagnosis)
    drug: Drug = Field(default_factory=Drug)
    off_label: OffLabel = Field(default_factory=OffLabel)
    prior_therapies: Annotated[list[PriorTherapy], MaxLength(50)] | None = None
    evidence: Annotated[list[Evidence], MaxLength(200)] = Field(default_factory=list)
    denial: Denial | None = None
    attachments: Annotated[list[Attachment], MaxLength(50)] | None = None
    # Added to format 1: records kept about the case after the letter went out. They may be
    # added to a signed case; the signed version stays as it was signed.
    call_log: Annotated[list[CallLogEntry], MaxLength(50)] | None = None
    approval: Approval | None = None

    @property
    def is_medicare(self) -> bool:
        return self.payer.plan_type in MEDICARE_PLANS


# Fields format 1 marks mandatory (no `?` in the spec). Dotted paths; `[]` means each item.
MANDATORY_FIELDS: tuple[str, ...] = (
    "letter.kind",
    "payer.name",
    "payer.plan_type",
    "payer.member_id",
    "patient.name",
    "patient.dob",
    "prescriber.name",
    "prescriber.npi",
    "diagnosis.icd10",
    "drug.generic_name",
    "drug.dose.amount",
    "drug.dose.unit",
    "drug.route",
    "drug.frequency",
    "off_label.reasons",
    "off_label.rationale",
    "evidence",
    "prior_therapies[].regimen",
    "prior_therapies[].reason_stopped",
    "evidence[compendium].compendium",
    "evidence[compendium].rating",
    "evidence[article].title",
    "evidence[article].journal",
    "evidence[article].year",
    "evidence[trial].nct",
    "evidence[guideline].title",
    "evidence[guideline].issuer",
    "denial.date",
    "denial.reference_number",
    "denial.reason",
    "denial.reasons[].category",
    "denial.reasons[].text",
    "attachments[].title",
    "attachments[].path",
    "call_log[].at",
    "call_log[].who",
    "call_log[].summary",
    "approval.authorization_number",
    "approval.start",
    "approval.end",
)
