"""What is asked for and why: the diagnosis, the drug and its dose, why the use is off-label
(with staff's check of the drug's label) and the therapies already tried.

The clinical half of a request, apart from the parties it is sent between and the evidence
that supports it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from desktop_app.domain.bounds import MaxLength
from desktop_app.domain.case_terms import (
    Amount,
    CaseSection,
    Line,
    Name,
    Narrative,
    OffLabelReason,
    Para,
)


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
