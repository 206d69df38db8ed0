"""Fictional cases for the storage and case-service tests (no real patient)."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.case_parties import Patient, Payer, Prescriber
from desktop_app.domain.case_treatment import Diagnosis, Dose, Drug, OffLabel


def sample_case(
    patient: str = "Zoë Ångström-Testperson",
    drug: str = "pembrolizumab",
    payer: str = "Bluebird Health Plan",
) -> Case:
    return Case(
        letter=Letter(kind="preauth", date=dt.date(2026, 3, 2)),
        payer=Payer(
            name=payer, plan_type="commercial_fully_insured", state="ME", member_id="XQZ000111"
        ),
        patient=Patient(name=patient, dob=dt.date(1961, 7, 14)),
        prescriber=Prescriber(name="Dr. Ada Fictional", npi="1234567893"),
        diagnosis=Diagnosis(icd10="C49.9", description="Soft tissue sarcoma, unspecified"),
        drug=Drug(
            generic_name=drug,
            dose=Dose(amount=200, unit="mg"),
            route="IV",
            frequency="every 3 weeks",
        ),
        off_label=OffLabel(reasons=["indication"], rationale="Fictional rationale for tests."),
        evidence=[
            CompendiumEvidence(compendium="NCCN", rating="2A", version="2026.1"),
            ArticleEvidence(
                title="A fictional trial",
                journal="Journal of Made-Up Oncology",
                year=2024,
                pmid="12345678",
            ),
        ],
    )
