"""Identifier rules: each code fires on the broken value and stays quiet on the good one."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.findings import Finding, Severity
from desktop_app.rules import identifiers as rules
from tests.unit.rules._case_builders_ids import DELETE, DENIAL, HOSTILE, found, make_case, run

ALL_RULES = [
    rules.check_people_identifiers,
    rules.check_diagnosis_format,
    rules.check_diagnosis_in_code_set,
    rules.check_drug_codes,
    rules.check_citation_identifiers,
    rules.check_dose,
    rules.check_date_order,
]


def _findings(changes: dict[str, Any]) -> list[Finding]:
    case = make_case(changes)
    return [finding for function in ALL_RULES for finding in run(function, case)]


def test_a_complete_case_passes() -> None:
    assert _findings({}) == []


PASSING: list[dict[str, Any]] = [
    {"prescriber.npi": " 1234567893 "},
    {"prescriber.npi": ""},  # empty is required.missing, not npi.invalid
    {"patient.mbi": "1eg4te5mk73"},
    {"patient.mbi": DELETE},
    {"diagnosis.icd10": "c4922"},
    {"diagnosis.icd10": "C7A.010"},
    {"diagnosis.icd10": ""},
    {"drug.hcpcs": "j9201"},
    {"drug.hcpcs": DELETE, "drug.ndc": DELETE},
    {"drug.hcpcs": "J9999", "drug.ndc": "00409018501"},
    {"drug.ndc": "12345-678-90"},
    {"evidence.1.pmid": DELETE, "evidence.1.doi": "https://doi.org/10.1200/JCO.2006.10.4117"},
    {"evidence.1.doi": "doi: 10.1016/S0140-6736(19)32556-5"},
    {"evidence.2.nct": "nct00142571"},
    {"drug.dose.amount": 0.5},
    {"drug.dose.amount": None},
    {"patient.dob": "2025-06-02"},  # diagnosed on the day of birth
    {"diagnosis.diagnosed_on": "2026-11-24"},  # the letter date itself
    {"letter.kind": "appeal", "denial": {**DENIAL, "date": "2026-11-24"}},
    {"prior_therapies.0.ended": "2025-07-01"},  # a one-day course
    # Myelodysplastic and myeloproliferative neoplasms are cancers for coverage, though
    # ICD-10-CM files them under uncertain behavior (knowledge/data/anticancer_uses.json).
    {"diagnosis.icd10": "D45"},
    {"diagnosis.icd10": "D46.9"},
    {"diagnosis.icd10": "D46.Z"},
    {"diagnosis.icd10": "D47.1"},
    {"diagnosis.icd10": "D47.3"},
    {"diagnosis.icd10": "D47.4"},
    {"diagnosis.icd10": "D47.Z1"},
    {"diagnosis.icd10": "D47.Z9"},
    {"diagnosis.secondary_icd10": ["C78.7", "c79.51"]},
]


@pytest.mark.parametrize("changes", PASSING)
def test_good_values_pass(changes: dict[str, Any]) -> None:
    assert _findings(changes) == []


FAILING: list[tuple[dict[str, Any], str, str, Severity]] = [
    ({"prescriber.npi": "1234567890"}, "npi.invalid", "prescriber.npi", Severity.ERROR),
    ({"prescriber.npi": "123-456-7893"}, "npi.invalid", "prescriber.npi", Severity.ERROR),
    ({"patient.mbi": "1SG4TE5MK73"}, "mbi.invalid", "patient.mbi", Severity.ERROR),
    ({"diagnosis.icd10": "34.90"}, "icd10.invalid", "diagnosis.icd10", Severity.ERROR),
    ({"diagnosis.icd10": "C34."}, "icd10.invalid", "diagnosis.icd10", Severity.ERROR),
    ({"diagnosis.icd10": "C34.99"}, "icd10.unknown", "diagnosis.icd10", Severity.ERROR),
    ({"diagnosis.icd10": "C49"}, "icd10.not_billable", "diagnosis.icd10", Severity.WARNING),
    ({"diagnosis.icd10": "D05.10"}, "icd10.not_malignant", "diagnosis.icd10", Severity.WARNING),
    ({"diagnosis.icd10": "D47.2"}, "icd10.not_malignant", "diagnosis.icd10", Severity.WARNING),
    ({"diagnosis.icd10": "D47.9"}, "icd10.not_malignant", "diagnosis.icd10", Severity.WARNING),
    (
        {"diagnosis.secondary_icd10": ["C78.7", "liver"]},
        "icd10.invalid",
        "diagnosis.secondary_icd10.1",
        Severity.ERROR,
    ),
    ({"diagnosis.icd10": "Z51.11"}, "icd10.not_malignant", "diagnosis.icd10", Severity.WARNING),
    ({"drug.hcpcs": "J920"}, "hcpcs.invalid", "drug.hcpcs", Severity.ERROR),
    (
        {"drug.hcpcs": "j9999", "drug.ndc": DELETE},
        "hcpcs.unlisted_needs_ndc",
        "drug.ndc",
        Severity.ERROR,
    ),
    (
        {"drug.hcpcs": "J3490", "drug.ndc": "  "},
        "hcpcs.unlisted_needs_ndc",
        "drug.ndc",
        Severity.ERROR,
    ),
    ({"drug.ndc": "0409-0185-1"}, "ndc.invalid", "drug.ndc", Severity.ERROR),
    ({"drug.ndc": "0409018501"}, "ndc.ambiguous", "drug.ndc", Severity.ERROR),
    ({"evidence.1.pmid": "PMID: 17602081"}, "pmid.invalid", "evidence.1.pmid", Severity.ERROR),
    ({"evidence.1.doi": "10.12/abc"}, "doi.invalid", "evidence.1.doi", Severity.ERROR),
    ({"evidence.2.nct": "NCT-0014257"}, "nct.invalid", "evidence.2.nct", Severity.ERROR),
    ({"drug.dose.amount": 0}, "dose.invalid", "drug.dose.amount", Severity.ERROR),
    ({"drug.dose.amount": -5}, "dose.invalid", "drug.dose.amount", Severity.ERROR),
    ({"patient.dob": "2027-01-01"}, "date.order", "patient.dob", Severity.ERROR),
    ({"patient.dob": "2025-06-03"}, "date.order", "patient.dob", Severity.ERROR),
    (
        {"diagnosis.diagnosed_on": "2026-11-25"},
        "date.order",
        "diagnosis.diagnosed_on",
        Severity.ERROR,
    ),
    (
        {"letter.kind": "appeal", "denial": {**DENIAL, "date": "2026-12-01"}},
        "date.order",
        "denial.date",
        Severity.ERROR,
    ),
    (
        {"prior_therapies.0.ended": "2025-06-30"},
        "date.order",
        "prior_therapies.0.ended",
        Severity.ERROR,
    ),
]


@pytest.mark.parametrize(("changes", "code", "field", "severity"), FAILING)
def test_broken_values_give_exactly_one_finding(
    changes: dict[str, Any], code: str, field: str, severity: Severity
) -> None:
    findings = _findings(changes)
    assert found(findings) == {(code, field)}
    assert findings[0].severity is severity
    assert findings[0].message.endswith(".")


@pytest.mark.parametrize("amount", [float("nan"), float("inf"), float("-inf")])
def test_dose_that_is_not_a_number_is_invalid(amount: float) -> None:
    case = make_case().model_copy(deep=True)
    case.drug.dose.amount = amount
    assert found(run(rules.check_dose, case)) == {("dose.invalid", "drug.dose.amount")}


def test_dates_compare_with_the_letter_date_not_today() -> None:
    # A date far in the real future is fine when the letter is dated later still.
    changes = {"letter.date": "2099-01-01", "diagnosis.diagnosed_on": "2098-12-31"}
    assert _findings(changes) == []


def test_future_birth_date_is_reported_once() -> None:
    findings = _findings({"patient.dob": "2030-01-01"})
    assert [f.field for f in findings] == ["patient.dob"]
    assert "letter date" in findings[0].message


def test_unknown_code_message_names_the_code_and_the_way_out() -> None:
    [finding] = _findings({"diagnosis.icd10": "c3499"})
    assert "C34.99" in finding.message and "search" in finding.message


def test_in_situ_code_warns_in_plain_words() -> None:
    [finding] = _findings({"diagnosis.icd10": "D05.10"})
    assert "in situ" in finding.message and "physician" in finding.message


def test_mistyped_npi_digit_says_so() -> None:
    [finding] = _findings({"prescriber.npi": "1234567894"})
    assert "mistyped" in finding.message


IDENTIFIER_FIELDS = [
    "prescriber.npi",
    "patient.mbi",
    "diagnosis.icd10",
    "drug.hcpcs",
    "drug.ndc",
    "evidence.1.pmid",
    "evidence.1.doi",
    "evidence.2.nct",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_identifier_is_reported_not_echoed(text: str) -> None:
    findings = _findings(dict.fromkeys(IDENTIFIER_FIELDS, text))
    assert {f.field for f in findings} == set(IDENTIFIER_FIELDS)
    assert all(f.severity is Severity.ERROR for f in findings)
    assert all(text not in f.message for f in findings)
