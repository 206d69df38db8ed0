"""The case model: format `pa-letter-case/1` of spec/case-format.md.

Loading is strict about types and unknown fields (a typo must not silently drop data) but
tolerant of missing values: an empty or absent mandatory field is reported by the checker as
`required.missing`, so a half-typed draft is still a case. `MANDATORY_FIELDS` lists what the
format itself requires; the JSON Schema marks them required.

This module holds the case as a whole and its letter section; the other sections are in
case_parties, case_treatment, case_evidence, case_denial and case_records, and the kinds of
text and fixed choices they are written in are in case_terms.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import ConfigDict, Field

from desktop_app.domain.bounds import MaxLength
from desktop_app.domain.case_denial import Denial
from desktop_app.domain.case_evidence import Attachment, Evidence
from desktop_app.domain.case_parties import Patient, Payer, Prescriber
from desktop_app.domain.case_records import Approval, CallLogEntry
from desktop_app.domain.case_terms import (
    MEDICARE_PLANS,
    CaseSection,
    LetterKind,
    LocalDateTime,
    Narrative,
)
from desktop_app.domain.case_treatment import Diagnosis, Drug, OffLabel, PriorTherapy

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
