"""Fictional sample cases the template linter renders against (every field filled, or only
the mandatory ones). All names and identifiers are invented; the articles are real trials."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app.domain.case import Case


def full_case_data(kind: str = "appeal") -> dict[str, Any]:
    """Every optional field filled: the linter's stand-in for a real case."""
    return {
        "format": "pa-letter-case/1",
        "letter": {
            "kind": kind,
            "date": "2026-11-28",
            "expedited": True,
            "urgency_statement": "The patient has rapidly rising CA-125 and new ascites; "
            "waiting the standard review time would risk her health.",
        },
        "payer": {
            "name": "Northwind Health Plan",
            "plan_type": "medicare_part_b",
            "state": "MA",
            "member_id": "NWH-0042-7781",
            "group_number": "GRP-5521",
            "policy_number": "RX-ONC-112",
            "address": "PO Box 100, Springfield",
            "phone": "(206) 555-0120",
            "fax": "(206) 555-0121",
        },
        "patient": {
            "name": "Jordan Sample",
            "dob": "1961-03-04",
            "sex": "female",
            "mbi": "1EG4-TE5-MK73",
            "address": "12 Example Lane, Springfield",
            "phone": "(206) 555-0130",
        },
        "prescriber": {
            "name": "Avery Quinn",
            "credentials": "MD",
            "npi": "1234567893",
            "tax_id": "12-3456789",
            "specialty": "Medical Oncology",
            "practice": "Riverside Oncology Associates",
            "address": "400 Clinic Drive, Springfield",
            "phone": "(206) 555-0140",
            "fax": "(206) 555-0141",
            "email": "office@riverside-onc.example",
        },
        "diagnosis": {
            "icd10": "C56.1",
            "description": "Malignant neoplasm of right ovary",
            "histology": "High-grade serous carcinoma",
            "stage": "FIGO IIIC",
            "biomarkers": ["BRCA1/2 wild type", "HRD negative"],
            "diagnosed_on": "2025-02-10",
            "ecog": 1,
        },
        "drug": {
            "generic_name": "bevacizumab",
            "brand_name": "Avastin",
            "hcpcs": "J9035",
            "ndc": "50242-0060-01",
            "dose": {"amount": 7.5, "unit": "mg/kg"},
            "route": "intravenous",
            "frequency": "every 3 weeks",
            "duration": "until progression or unacceptable toxicity",
            "cycles": 6,
            "combination_with": ["carboplatin", "paclitaxel"],
            "site_of_care": "Hospital outpatient infusion center",
            "start_date": "2026-12-08",
        },
        "off_label": {
            "reasons": ["dose"],
            "rationale": "The 7.5 mg/kg dose is the dose studied in ICON7.",
            "alternatives_considered": "Weekly paclitaxel alone was considered.",
        },
        "prior_therapies": [
            {
                "regimen": "Carboplatin and paclitaxel",
                "started": "2025-03-01",
                "ended": "2025-07-15",
                "best_response": "Partial response",
                "reason_stopped": "Completed planned cycles",
            }
        ],
        "evidence": [
            {
                "type": "compendium",
                "compendium": "NCCN",
                "version": "Version 2.2026",
                "rating": "2A",
                "listing": "Ovarian cancer, in combination with chemotherapy",
            },
            {
                "type": "article",
                "title": "A phase 3 trial of bevacizumab in ovarian cancer",
                "authors": [
                    "Perren TJ",
                    "Swart AM",
                    "Pfisterer J",
                    "Ledermann JA",
                    "Pujade-Lauraine E",
                    "Kristensen G",
                    "Carey MS",
                ],
                "journal": "N Engl J Med",
                "year": 2011,
                "volume": "365",
                "issue": "26",
                "pages": "2484-2496",
                "pmid": "22204724",
                "doi": "10.1056/NEJMoa1104390",
                "design": "randomized",
            },
            {"type": "trial", "nct": "NCT00483782", "title": "ICON7"},
            {
                "type": "guideline",
                "issuer": "National Comprehensive Cancer Network",
                "title": "NCCN Clinical Practice Guidelines in Oncology: Ovarian Cancer",
                "version": "3.2026",
            },
        ],
        "denial": {
            "date": "2026-11-20",
            "reference_number": "AUTH-2026-55121",
            "reason": "Not medically necessary: dose not supported.",
            "level": "redetermination",
            "amount_in_controversy": 18250.0,
        },
        "attachments": [{"title": "Pathology report", "path": "pathology.pdf"}],
    }


def full_case(kind: str = "appeal") -> Case:
    return Case.model_validate(full_case_data(kind), strict=False)


def minimal_case(kind: str = "preauth") -> Case:
    """Only what format 1 marks mandatory, so templates must guard every optional value."""
    data = {
        "format": "pa-letter-case/1",
        "letter": {"kind": kind, "date": dt.date(2026, 11, 28)},
        "payer": {"name": "Payer", "plan_type": "commercial_fully_insured", "member_id": "M1"},
        "patient": {"name": "Pat Doe", "dob": dt.date(1970, 1, 1)},
        "prescriber": {"name": "Dr Who", "npi": "1234567893"},
        "diagnosis": {"icd10": "C56.1"},
        "drug": {
            "generic_name": "bevacizumab",
            "dose": {"amount": 15.0, "unit": "mg/kg"},
            "route": "IV",
            "frequency": "every 3 weeks",
        },
        "off_label": {"reasons": ["indication"], "rationale": "Best option."},
        "evidence": [],
    }
    return Case.model_validate(data, strict=False)
