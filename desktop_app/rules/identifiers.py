"""Identifier and value checks: NPI, MBI, ICD-10-CM, HCPCS, NDC, citations, dose and dates.

Empty values are left to `required.missing`; these rules judge what was typed. Messages name
the field and say what to do; they never repeat what the user typed, except a well-formed code.
Dates are compared with `letter.date`, never today's clock, so a check is reproducible.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

from desktop_app.domain import identifiers as ids
from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence, TrialEvidence
from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge import icd10
from desktop_app.knowledge.anticancer import counted_as_cancer, non_anticancer_drug
from desktop_app.rules.engine import RuleContext, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _filled(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


@rule(
    "npi.invalid",
    "mbi.invalid",
    rule_set="identifiers",
    checks="The prescriber's NPI and the patient's Medicare number (MBI) are well formed.",
    source="CMS 'Requirements for NPI Check Digit'; CMS 'Understanding the MBI Format'",
)
def check_people_identifiers(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    npi = _filled(case.prescriber.npi)
    if npi is not None and not ids.is_valid_npi(npi):
        yield Finding("npi.invalid", ERROR, "prescriber.npi", _npi_message(npi))
    mbi = _filled(case.patient.mbi)
    if mbi is not None and not ids.is_valid_mbi(mbi):
        yield Finding(
            "mbi.invalid",
            ERROR,
            "patient.mbi",
            "The Medicare number (MBI) is not in the right format: 11 characters, numbers and "
            "capital letters (never S, L, O, I, B or Z). Copy it again from the Medicare card.",
        )


def _npi_message(npi: str) -> str:
    text = npi.strip()
    if len(text) == 10 and text.isascii() and text.isdigit() and text[0] in "12":
        return (
            "The NPI's last digit does not match the others, so a digit is mistyped. "
            "Check it against the prescriber's NPPES record."
        )
    return (
        "An NPI is 10 digits starting with 1 or 2, with no spaces or letters. "
        "Copy it from the prescriber's NPPES record."
    )


@rule(
    "icd10.invalid",
    "icd10.not_malignant",
    rule_set="identifiers",
    checks="The diagnosis code is a well-formed ICD-10-CM code for a cancer (C00-C96).",
    source="SEER ICD-10-CM structure; MBPM ch.15 §50.4.5 (anticancer uses); myelodysplastic and "
    "myeloproliferative neoplasms D45, D46, D47.1, D47.3, D47.4, D47.Z- count as cancers "
    "(knowledge/data/anticancer_uses.json)",
)
def check_diagnosis_format(context: RuleContext) -> Iterator[Finding]:
    yield from _secondary_code_findings(context.case.diagnosis.secondary_icd10)
    typed = _filled(context.case.diagnosis.icd10)
    if typed is None:
        return
    code = ids.normalize_icd10(typed)
    if code is None:
        yield Finding(
            "icd10.invalid",
            ERROR,
            "diagnosis.icd10",
            "The diagnosis code is not an ICD-10-CM code. It starts with a letter and two "
            "characters, then a dot and up to 4 more, for example C34.90.",
        )
        return
    kind = ids.neoplasm_kind(code)
    drug = context.case.drug
    if non_anticancer_drug(drug.generic_name) or non_anticancer_drug(drug.brand_name):
        return  # not an anticancer use at all: coverage.not_anticancer says which rule applies
    if kind is not ids.NeoplasmKind.MALIGNANT and not counted_as_cancer(code):
        what = _NEOPLASM_WORDS.get(kind, "not a neoplasm")
        yield Finding(
            "icd10.not_malignant",
            WARNING,
            "diagnosis.icd10",
            f"{code} is {what}, not a cancer (C00-C96), so the off-label rules for cancer "
            "drugs may not apply. Confirm the code with the physician.",
        )


def _secondary_code_findings(codes: list[str] | None) -> Iterator[Finding]:
    for index, typed in enumerate(codes or ()):
        if isinstance(typed, str) and typed.strip() and ids.normalize_icd10(typed) is None:
            yield Finding(
                "icd10.invalid",
                ERROR,
                f"diagnosis.secondary_icd10.{index}",
                f"Secondary code {index + 1} is not an ICD-10-CM code. It starts with a letter "
                "and two characters, then a dot and up to 4 more, for example C78.7.",
            )


_NEOPLASM_WORDS = {
    ids.NeoplasmKind.IN_SITU: "an in situ neoplasm",
    ids.NeoplasmKind.BENIGN: "a benign neoplasm",
    ids.NeoplasmKind.UNCERTAIN: "a neoplasm of uncertain behavior",
    ids.NeoplasmKind.UNSPECIFIED: "a neoplasm of unspecified behavior",
}


@rule(
    "icd10.unknown",
    "icd10.not_billable",
    rule_set="identifiers",
    checks="The diagnosis code exists in the ICD-10-CM code set and is billable.",
    source="CMS ICD-10-CM code set, as shipped by the simple-icd-10-cm package",
)
def check_diagnosis_in_code_set(context: RuleContext) -> Iterator[Finding]:
    typed = _filled(context.case.diagnosis.icd10)
    code = ids.normalize_icd10(typed) if typed is not None else None
    if code is None:
        return  # empty or malformed: reported by other rules
    billable = icd10.billable(code)
    if billable is None:
        yield Finding(
            "icd10.unknown",
            ERROR,
            "diagnosis.icd10",
            f"{code} is not in the ICD-10-CM code set. Check the code in the chart, or search "
            "the code list by the diagnosis name.",
        )
    elif not billable:
        yield Finding(
            "icd10.not_billable",
            WARNING,
            "diagnosis.icd10",
            f"{code} is a category with more specific codes; payers expect the full code. "
            "Pick the most specific code the chart supports.",
        )


@rule(
    "hcpcs.invalid",
    "hcpcs.unlisted_needs_ndc",
    "ndc.invalid",
    "ndc.ambiguous",
    rule_set="identifiers",
    checks="The HCPCS code and NDC are well formed; an unlisted drug code comes with an NDC.",
    source="HCPCS Level II (J9999 not-otherwise-classified); CMS NDC conversion (5-4-2)",
)
def check_drug_codes(context: RuleContext) -> Iterator[Finding]:
    drug = context.case.drug
    hcpcs, ndc = _filled(drug.hcpcs), _filled(drug.ndc)
    if hcpcs is not None and not ids.is_valid_hcpcs(hcpcs):
        yield Finding(
            "hcpcs.invalid",
            ERROR,
            "drug.hcpcs",
            "A HCPCS code is one letter and four digits, for example J9201.",
        )
    elif hcpcs is not None and ids.is_unlisted_hcpcs(hcpcs) and ndc is None:
        yield Finding(
            "hcpcs.unlisted_needs_ndc",
            ERROR,
            "drug.ndc",
            f"{ids.normalize_hcpcs(hcpcs)} is an unlisted-drug code, so the payer needs the "
            "drug's NDC. Copy the 10- or 11-digit NDC from the vial or carton.",
        )
    if ndc is not None:
        yield from _ndc_findings(ndc)


def _ndc_findings(ndc: str) -> Iterator[Finding]:
    status = ids.parse_ndc(ndc).status
    if status is ids.NdcStatus.AMBIGUOUS:
        yield Finding(
            "ndc.ambiguous",
            ERROR,
            "drug.ndc",
            "This 10-digit NDC has no dashes, so it cannot be turned into the 11-digit billing "
            "code. Type it with its dashes as printed on the carton (for example 0002-7597-01).",
        )
    elif status is ids.NdcStatus.INVALID:
        yield Finding(
            "ndc.invalid",
            ERROR,
            "drug.ndc",
            "The NDC is not in a known format. Type it as printed on the carton with dashes "
            "(4-4-2, 5-3-2 or 5-4-1 digits) or as the 11-digit billing code.",
        )


@rule(
    "pmid.invalid",
    "doi.invalid",
    "nct.invalid",
    rule_set="identifiers",
    checks="Article PMIDs and DOIs and trial NCT numbers are well formed.",
    source="PubMed PMID; Crossref DOI pattern (2015); ClinicalTrials.gov NCT number",
)
def check_citation_identifiers(context: RuleContext) -> Iterator[Finding]:
    for index, item in enumerate(context.case.evidence):
        where = f"evidence.{index}"
        number = index + 1
        if isinstance(item, ArticleEvidence):
            pmid, doi = _filled(item.pmid), _filled(item.doi)
            if pmid is not None and not ids.is_valid_pmid(pmid):
                yield Finding(
                    "pmid.invalid",
                    ERROR,
                    f"{where}.pmid",
                    f"Evidence item {number}: a PMID is the number only (up to 9 digits, for "
                    "example 17602081). Copy it from PubMed.",
                )
            if doi is not None and not ids.is_valid_doi(doi):
                yield Finding(
                    "doi.invalid",
                    ERROR,
                    f"{where}.doi",
                    f"Evidence item {number}: a DOI starts with 10. and a slash, for example "
                    "10.1200/JCO.2006.10.4117. Copy it from the article's first page.",
                )
        elif isinstance(item, TrialEvidence):
            nct = _filled(item.nct)
            if nct is not None and not ids.is_valid_nct(nct):
                yield Finding(
                    "nct.invalid",
                    ERROR,
                    f"{where}.nct",
                    f"Evidence item {number}: a trial number is NCT and 8 digits, for example "
                    "NCT00142571. Copy it from ClinicalTrials.gov.",
                )


@rule(
    "dose.invalid",
    rule_set="identifiers",
    checks="The dose amount is a number greater than zero.",
    source="manufacturer letter-of-medical-necessity templates (dose, route, frequency); "
    "HCPCS billing units are counted from the dose",
)
def check_dose(context: RuleContext) -> Iterator[Finding]:
    amount = context.case.drug.dose.amount
    if amount is not None and not (math.isfinite(amount) and amount > 0):
        yield Finding(
            "dose.invalid",
            ERROR,
            "drug.dose.amount",
            "The dose amount must be a number greater than zero. Enter the dose from the order.",
        )


@rule(
    "date.order",
    rule_set="identifiers",
    checks="Birth, diagnosis, therapy and denial dates are in order and not after the letter.",
    source="this product: dates a reviewer would reject as impossible (birth after diagnosis, "
    "a denial dated after the appeal)",
)
def check_date_order(context: RuleContext) -> Iterator[Finding]:
    for field, message in _date_problems(context.case):
        yield Finding("date.order", ERROR, field, message)


def _date_problems(case: Case) -> Iterator[tuple[str, str]]:
    letter = case.letter.date
    dob, diagnosed = case.patient.dob, case.diagnosis.diagnosed_on
    if _after(dob, letter):
        yield "patient.dob", "The date of birth is after the letter date. Check the year."
    elif _after(dob, diagnosed):
        yield "patient.dob", "The date of birth is after the date of diagnosis. Check both dates."
    if _after(diagnosed, letter):
        yield (
            "diagnosis.diagnosed_on",
            "The date of diagnosis is after the letter date. Check the date.",
        )
    if case.denial is not None and _after(case.denial.date, letter):
        yield (
            "denial.date",
            "The denial date is after the letter date. Check both dates against the denial letter.",
        )
    for index, therapy in enumerate(case.prior_therapies or []):
        if _after(therapy.started, therapy.ended):
            yield (
                f"prior_therapies.{index}.ended",
                f"Prior therapy {index + 1} ends before it starts. Check both dates.",
            )


def _after(first: dt.date | None, second: dt.date | None) -> bool:
    return first is not None and second is not None and first > second
