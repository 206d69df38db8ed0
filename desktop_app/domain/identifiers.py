"""Identifier checks: NPI, MBI, ICD-10-CM, HCPCS, NDC, PMID, DOI, NCT.

Sources: CMS "Requirements for NPI Check Digit"; CMS "Understanding the MBI Format"; SEER
ICD-10-CM structure; CMS NDC 10-to-11-digit conversion; Crossref DOI pattern (2015).

Small pure functions with no I/O. Each `normalize_*` returns the canonical form or None when the
value is malformed; each `is_valid_*` answers yes or no. Whether an ICD-10-CM code exists in the
code set is a knowledge question (desktop_app.knowledge.icd10), not a format question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# --- NPI -------------------------------------------------------------------------------------
# CMS "Requirements for NPI Check Digit": Luhn over the 9-digit body prefixed with 80840 (the
# card-issuer prefix); the prefix always contributes 24 to the sum. [NPI]
_NPI_PATTERN = re.compile(r"^[12]\d{9}$")
_NPI_PREFIX_SUM = 24


def npi_check_digit(body: str) -> int:
    """The check digit for the first 9 digits of an NPI (Luhn with prefix 80840)."""
    if len(body) != 9 or not body.isascii() or not body.isdigit():
        raise ValueError("an NPI body is exactly 9 digits")
    total = _NPI_PREFIX_SUM
    # Double every other digit starting with the rightmost digit of the body.
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def npi_digits(text: str | None) -> str:
    """The NPI's digits only, so "1548 723 018" and "1548723018" are the same physician."""
    return "".join(ch for ch in (text or "") if ch.isdigit())


def is_valid_npi(value: str) -> bool:
    """10 digits, starting with 1 or 2, with a correct check digit."""
    text = value.strip()
    if not text.isascii() or not _NPI_PATTERN.match(text):
        return False
    return npi_check_digit(text[:9]) == int(text[9])


# --- MBI -------------------------------------------------------------------------------------
# CMS "Understanding the MBI Format": C A AN N A AN N A A N N; letters exclude S, L, O, I, B, Z.
_MBI_LETTER = "[AC-HJKMNP-RT-Y]"
_MBI_PATTERN = re.compile(
    rf"^[1-9]{_MBI_LETTER}[AC-HJKMNP-RT-Y\d]\d{_MBI_LETTER}[AC-HJKMNP-RT-Y\d]\d"
    rf"{_MBI_LETTER}{{2}}\d{{2}}$"
)


_READABILITY = re.compile(r"[\s-]")  # compiled once: every check and letter reads the MBI


def normalize_mbi(value: str) -> str:
    """Uppercase, without the dashes and spaces people type for readability."""
    return _READABILITY.sub("", value).upper()


def is_valid_mbi(value: str) -> bool:
    text = normalize_mbi(value)
    return text.isascii() and bool(_MBI_PATTERN.match(text))


# --- ICD-10-CM -------------------------------------------------------------------------------
# A letter, a digit, an alphanumeric, then up to 4 more after a dot. [ICD]
_ICD10_PATTERN = re.compile(r"^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$")
_ICD10_UNDOTTED = re.compile(r"^[A-Z]\d[0-9A-Z][0-9A-Z]{1,4}$")


def normalize_icd10(value: str) -> str | None:
    """The code with its dot (`c3490` -> `C34.90`), or None if it is not well formed."""
    text = value.strip().upper()
    if not text.isascii():
        return None
    if _ICD10_PATTERN.match(text):
        return text
    if _ICD10_UNDOTTED.match(text):
        return f"{text[:3]}.{text[3:]}"
    return None


def is_valid_icd10_format(value: str) -> bool:
    return normalize_icd10(value) is not None


class NeoplasmKind(StrEnum):
    """Where a code falls in ICD-10-CM chapter 2 (neoplasms), per the SEER structure. [ICD]"""

    MALIGNANT = "malignant"  # C00-C96, including C4A, C7A and C7B
    IN_SITU = "in situ"  # D00-D09
    BENIGN = "benign"  # D10-D36, including D3A
    UNCERTAIN = "uncertain behavior"  # D37-D48
    UNSPECIFIED = "unspecified behavior"  # D49
    NOT_NEOPLASM = "not a neoplasm"


def neoplasm_kind(code: str) -> NeoplasmKind:
    """Classify a code by its 3-character category; malformed codes are NOT_NEOPLASM."""
    normalized = normalize_icd10(code)
    if normalized is None or normalized[0] not in "CD":
        return NeoplasmKind.NOT_NEOPLASM
    # A letter in third place (C4A, C7A, C7B, D3A) sits inside its numeric decade.
    tens, third = int(normalized[1]), normalized[2]
    number = tens * 10 + (int(third) if third.isdigit() else 0)
    if normalized[0] == "C":
        return NeoplasmKind.MALIGNANT if number <= 96 else NeoplasmKind.NOT_NEOPLASM
    if not third.isdigit():
        return NeoplasmKind.BENIGN if normalized[1:3] == "3A" else NeoplasmKind.NOT_NEOPLASM
    if number <= 9:
        return NeoplasmKind.IN_SITU
    if number <= 36:
        return NeoplasmKind.BENIGN
    if number <= 48:
        return NeoplasmKind.UNCERTAIN
    return NeoplasmKind.UNSPECIFIED if number == 49 else NeoplasmKind.NOT_NEOPLASM


def is_malignant_icd10(code: str) -> bool:
    """C00-C96 (including C4A, C7A, C7B): the range Medicare's anticancer rules speak to."""
    return neoplasm_kind(code) is NeoplasmKind.MALIGNANT


# --- HCPCS -----------------------------------------------------------------------------------
_HCPCS_PATTERN = re.compile(r"^[A-Z]\d{4}$")
# "Not otherwise classified" drug codes: the claim needs the drug name, dose and NDC. [HCPCS]
UNLISTED_DRUG_CODES = frozenset({"J9999", "J3490", "J8999"})


def normalize_hcpcs(value: str) -> str | None:
    text = value.strip().upper()
    return text if text.isascii() and _HCPCS_PATTERN.match(text) else None


def is_valid_hcpcs(value: str) -> bool:
    return normalize_hcpcs(value) is not None


def is_unlisted_hcpcs(value: str) -> bool:
    return normalize_hcpcs(value) in UNLISTED_DRUG_CODES


# --- NDC -------------------------------------------------------------------------------------
# CMS NDC conversion: 10-digit labels are 4-4-2, 5-3-2 or 5-4-1; billing pads the short segment
# with a leading zero to 5-4-2 (0002-7597-01 -> 00002759701). A bare 10-digit code cannot be
# padded because the short segment is unknown. [NDC]
class NdcStatus(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True, slots=True)
class NdcResult:
    status: NdcStatus
    billing: str | None = None  # 11 digits, 5-4-2 without hyphens, when status is VALID


_NDC_SEGMENTS = re.compile(r"^(\d{4,5})-(\d{3,4})-(\d{1,2})$")
_NDC_TEN_DIGIT_SHAPES = {(4, 4, 2), (5, 3, 2), (5, 4, 1)}


def parse_ndc(value: str) -> NdcResult:
    text = value.strip()
    if not text.isascii():
        return NdcResult(NdcStatus.INVALID)
    if text.isdigit():
        if len(text) == 11:
            return NdcResult(NdcStatus.VALID, text)
        if len(text) == 10:
            return NdcResult(NdcStatus.AMBIGUOUS)
        return NdcResult(NdcStatus.INVALID)
    match = _NDC_SEGMENTS.match(text)
    if not match:
        return NdcResult(NdcStatus.INVALID)
    labeler, product, package = match.groups()
    shape = (len(labeler), len(product), len(package))
    if shape != (5, 4, 2) and shape not in _NDC_TEN_DIGIT_SHAPES:
        return NdcResult(NdcStatus.INVALID)
    billing = labeler.zfill(5) + product.zfill(4) + package.zfill(2)
    return NdcResult(NdcStatus.VALID, billing)


def normalize_ndc(value: str) -> str | None:
    """The 11-digit billing form, or None if the code is malformed or ambiguous."""
    return parse_ndc(value).billing


def format_ndc(billing: str) -> str:
    """11 digits shown as 5-4-2 (`00002-7597-01`)."""
    return f"{billing[:5]}-{billing[5:9]}-{billing[9:]}"


# --- Citations and trials --------------------------------------------------------------------
_PMID_PATTERN = re.compile(r"^[1-9]\d{0,8}$")
# Crossref's recommended pattern (2015), with the dot after "10" made literal. [DOI]
_DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_NCT_PATTERN = re.compile(r"^NCT\d{8}$")


def is_valid_pmid(value: str) -> bool:
    text = value.strip()
    return text.isascii() and bool(_PMID_PATTERN.match(text))


def normalize_doi(value: str) -> str | None:
    """The bare DOI (`10.1200/JCO...`) without a doi.org link or `doi:` prefix; None if bad."""
    text = _DOI_PREFIX.sub("", value.strip(), count=1).strip()
    return text if text.isascii() and _DOI_PATTERN.match(text) else None


def is_valid_doi(value: str) -> bool:
    return normalize_doi(value) is not None


def normalize_nct(value: str) -> str | None:
    """`nct00142571` -> `NCT00142571`; None if it is not NCT plus 8 digits. [NCT]"""
    text = value.strip().upper()
    return text if text.isascii() and _NCT_PATTERN.match(text) else None


def is_valid_nct(value: str) -> bool:
    return normalize_nct(value) is not None
