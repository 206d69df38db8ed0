"""A practice regimen: a regimen the practice requests again and again (the drug, its dose
and schedule) with the evidence that supports it for its indication.

The compendium listing, the pivotal trial and its registration support the regimen for a
cancer, not one patient, so staff keep them once and pick them for each new case. What
belongs to one patient (the start date) is never kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from desktop_app.domain.bounds import MaxLength
from desktop_app.domain.case_evidence import Attachment, Evidence
from desktop_app.domain.case_treatment import Drug

__all__ = ["PracticeRegimen", "regimen_summary"]


class PracticeRegimen(BaseModel):
    # defer_build: built when the practice's regimen list is first read.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(min_length=1, max_length=200)  # "Gemcitabine + docetaxel, sarcoma"
    drug: Drug
    # As many items as a case may cite (domain/case.py).
    evidence: Annotated[list[Evidence], MaxLength(200)] = Field(default_factory=list)
    # The full texts of the regimen's articles (attachments naming one of its evidence items
    # by PMID or DOI): the same PDF goes with every patient's letter, never a patient's file.
    full_texts: Annotated[list[Attachment], MaxLength(50)] = Field(default_factory=list)
    saved_on: dt.date | None = None


def regimen_summary(regimen: PracticeRegimen) -> str:
    """ "gemcitabine 900 mg/m2, with docetaxel 75 mg/m2 IV on day 8; 3 evidence items"."""
    drug = regimen.drug
    dose = drug.dose
    amount = f"{dose.amount:g}" if dose.amount is not None else ""
    head = " ".join(p for p in (drug.generic_name, amount, dose.unit) if p)
    partners = "; ".join(c for c in drug.combination_with or [] if c.strip())
    text = f"{head}, with {partners}" if partners else head
    count = len(regimen.evidence)
    if count:
        text += f"; {count} evidence item{'s' if count != 1 else ''}"
    if regimen.full_texts:
        texts = len(regimen.full_texts)
        text += f", {texts} full text{'s' if texts != 1 else ''}"
    return text
