"""Identifier validators: tables of real and broken values, and property tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import identifiers as ids
from desktop_app.domain.identifiers import NdcStatus, NeoplasmKind

HOSTILE = [
    "",
    "   ",
    "<b>&amp;</b>",
    "{{7*7}}",
    "{% raw %}x",
    "x" * 100_000,
    "🧬💊",
    "مرحبا",
    "\u202e1234567893",
    "١٢٣٤٥٦٧٨٩٣",  # Arabic-Indic digits: \d would match them, an NPI must not
    "１２３４５６７８９３",  # full-width digits
    "\x00\n\t",
]


def _luhn_ok(digits: str) -> bool:
    """Plain Luhn, written independently of the code under test."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@pytest.mark.parametrize(
    ("npi", "valid"),
    [
        ("1234567893", True),  # CMS check-digit example
        (" 1234567893 ", True),
        ("1304567898", True),  # the Part B example case's prescriber
        ("1234567890", False),  # wrong check digit
        ("1234567839", False),  # two digits swapped
        ("3234567893", False),  # must start with 1 or 2
        ("123456789", False),
        ("12345678933", False),
        ("123456789O", False),  # letter O for zero
        ("1234-567-893", False),
        ("", False),
    ],
)
def test_npi_table(npi: str, valid: bool) -> None:
    assert ids.is_valid_npi(npi) is valid


@given(st.sampled_from("12"), st.text("0123456789", min_size=8, max_size=8))
def test_npi_with_computed_check_digit_validates(first: str, rest: str) -> None:
    body = first + rest
    npi = body + str(ids.npi_check_digit(body))
    assert ids.is_valid_npi(npi)
    assert _luhn_ok("80840" + npi)  # CMS: Luhn over the number prefixed with 80840


@given(
    st.sampled_from("12"),
    st.text("0123456789", min_size=8, max_size=8),
    st.integers(0, 9),
    st.integers(1, 9),
)
def test_npi_one_mistyped_digit_is_caught(first: str, rest: str, where: int, shift: int) -> None:
    body = first + rest
    npi = body + str(ids.npi_check_digit(body))
    typo = npi[:where] + str((int(npi[where]) + shift) % 10) + npi[where + 1 :]
    assert not ids.is_valid_npi(typo)


@pytest.mark.parametrize(
    ("mbi", "valid"),
    [
        ("1EG4-TE5-MK73", True),  # CMS's published sample MBI
        ("1eg4te5mk73", True),
        ("1EG4 TE5 MK73", True),
        ("0EG4TE5MK73", False),  # first character 1-9
        ("1SG4TE5MK73", False),  # S is never used
        ("1EG4TE5MK7", False),
        ("1EG4TE5MK733", False),
        ("1EG4TE5MKL3", False),
        ("123456789A", False),  # an old HICN-style number
        ("", False),
    ],
)
def test_mbi_table(mbi: str, valid: bool) -> None:
    assert ids.is_valid_mbi(mbi) is valid


def test_normalize_mbi_strips_dashes_and_uppercases() -> None:
    assert ids.normalize_mbi(" 1eg4-te5-mk73 ") == "1EG4TE5MK73"


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("C34.90", "C34.90"),
        ("c34.90", "C34.90"),
        (" C3490 ", "C34.90"),
        ("C34", "C34"),
        ("C7A.00", "C7A.00"),
        ("S72.001A", "S72.001A"),
        ("S72001A", "S72.001A"),
        ("C34.", None),
        ("34.90", None),
        ("C3", None),
        ("C34.90123", None),
        ("C34-90", None),
        ("C34 .90", None),
        ("Ｃ34.90", None),
        ("", None),
    ],
)
def test_icd10_format_table(typed: str, normalized: str | None) -> None:
    assert ids.normalize_icd10(typed) == normalized
    assert ids.is_valid_icd10_format(typed) is (normalized is not None)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("C00.0", NeoplasmKind.MALIGNANT),
        ("C34.90", NeoplasmKind.MALIGNANT),
        ("C4A.0", NeoplasmKind.MALIGNANT),  # Merkel cell carcinoma
        ("C7A.00", NeoplasmKind.MALIGNANT),  # malignant carcinoid
        ("C7B.00", NeoplasmKind.MALIGNANT),
        ("C96.9", NeoplasmKind.MALIGNANT),
        ("D05.10", NeoplasmKind.IN_SITU),
        ("D09.9", NeoplasmKind.IN_SITU),
        ("D12.6", NeoplasmKind.BENIGN),
        ("D3A.00", NeoplasmKind.BENIGN),
        ("D37.030", NeoplasmKind.UNCERTAIN),
        ("D49.0", NeoplasmKind.UNSPECIFIED),
        ("D50.0", NeoplasmKind.NOT_NEOPLASM),  # iron deficiency anaemia
        ("Z51.11", NeoplasmKind.NOT_NEOPLASM),
        ("C97", NeoplasmKind.NOT_NEOPLASM),
        ("nonsense", NeoplasmKind.NOT_NEOPLASM),
    ],
)
def test_neoplasm_kind(code: str, kind: NeoplasmKind) -> None:
    assert ids.neoplasm_kind(code) is kind
    assert ids.is_malignant_icd10(code) is (kind is NeoplasmKind.MALIGNANT)


@pytest.mark.parametrize(
    ("code", "valid", "unlisted"),
    [
        ("J9201", True, False),
        ("j9201", True, False),
        ("J9999", True, True),
        ("J3490", True, True),
        (" j8999 ", True, True),
        ("J920", False, False),
        ("92010", False, False),
        ("JJ201", False, False),
        ("J 9201", False, False),
    ],
)
def test_hcpcs_table(code: str, valid: bool, unlisted: bool) -> None:
    assert ids.is_valid_hcpcs(code) is valid
    assert ids.is_unlisted_hcpcs(code) is unlisted


@pytest.mark.parametrize(
    ("typed", "status", "billing"),
    [
        ("0002-7597-01", NdcStatus.VALID, "00002759701"),  # CMS conversion example, 4-4-2
        ("12345-678-90", NdcStatus.VALID, "12345067890"),  # 5-3-2
        ("12345-6789-0", NdcStatus.VALID, "12345678900"),  # 5-4-1
        ("00002-7597-01", NdcStatus.VALID, "00002759701"),  # already 5-4-2
        ("00002759701", NdcStatus.VALID, "00002759701"),
        (" 0002-7597-01 ", NdcStatus.VALID, "00002759701"),
        ("0002759701", NdcStatus.AMBIGUOUS, None),  # where does the 0 go?
        ("0409-0185-1", NdcStatus.INVALID, None),  # 4-4-1 is 9 digits
        ("1234-567-89", NdcStatus.INVALID, None),
        ("123456-7890-12", NdcStatus.INVALID, None),  # the 2033 6-4-2 form is not billed yet
        ("00002 7597 01", NdcStatus.INVALID, None),
        ("abcd-efgh-ij", NdcStatus.INVALID, None),
        ("000027597011", NdcStatus.INVALID, None),
        ("", NdcStatus.INVALID, None),
    ],
)
def test_ndc_table(typed: str, status: NdcStatus, billing: str | None) -> None:
    result = ids.parse_ndc(typed)
    assert (result.status, result.billing) == (status, billing)
    assert ids.normalize_ndc(typed) == billing


def test_format_ndc_shows_5_4_2() -> None:
    assert ids.format_ndc("00002759701") == "00002-7597-01"


@given(
    st.sampled_from([(4, 4, 2), (5, 3, 2), (5, 4, 1), (5, 4, 2)]).flatmap(
        lambda shape: st.tuples(*(st.text("0123456789", min_size=n, max_size=n) for n in shape))
    )
)
def test_hyphenated_ndc_pads_to_eleven_digits(segments: tuple[str, str, str]) -> None:
    billing = ids.normalize_ndc("-".join(segments))
    assert billing is not None and len(billing) == 11 and billing.isdigit()
    assert billing.lstrip("0").replace("0", "") == "".join(segments).replace("0", "")


@given(st.text(max_size=30))
def test_normalize_ndc_gives_eleven_digits_or_nothing(text: str) -> None:
    billing = ids.normalize_ndc(text)
    assert billing is None or (len(billing) == 11 and billing.isascii() and billing.isdigit())


@pytest.mark.parametrize(
    ("pmid", "valid"),
    [
        ("17602081", True),
        ("1", True),
        ("999999999", True),
        (" 17602081 ", True),
        ("0123", False),
        ("1234567890", False),
        ("PMID: 17602081", False),
        ("1760-2081", False),
        ("", False),
    ],
)
def test_pmid_table(pmid: str, valid: bool) -> None:
    assert ids.is_valid_pmid(pmid) is valid


@pytest.mark.parametrize(
    ("typed", "doi"),
    [
        ("10.1200/JCO.2006.10.4117", "10.1200/JCO.2006.10.4117"),
        ("https://doi.org/10.1200/JCO.2006.10.4117", "10.1200/JCO.2006.10.4117"),
        ("http://dx.doi.org/10.1200/jco.2006.10.4117", "10.1200/jco.2006.10.4117"),
        ("doi:10.1016/S0140-6736(19)32556-5", "10.1016/S0140-6736(19)32556-5"),
        ("DOI: 10.1056/NEJMoa1505180", "10.1056/NEJMoa1505180"),
        ("10.12/abc", None),  # registrant code is 4-9 digits
        ("11.1200/JCO.1", None),
        ("10.1200/", None),
        ("10.1200/JCO 2006", None),
        ("https://example.com/10.1200/JCO.1", None),
        ("", None),
    ],
)
def test_doi_table(typed: str, doi: str | None) -> None:
    assert ids.normalize_doi(typed) == doi
    assert ids.is_valid_doi(typed) is (doi is not None)


@pytest.mark.parametrize(
    ("typed", "nct"),
    [
        ("NCT00142571", "NCT00142571"),
        ("nct00142571", "NCT00142571"),
        (" NCT00142571 ", "NCT00142571"),
        ("NCT0014257", None),
        ("NCT001425711", None),
        ("NCT-00142571", None),
        ("00142571", None),
    ],
)
def test_nct_table(typed: str, nct: str | None) -> None:
    assert ids.normalize_nct(typed) == nct


@given(st.text(max_size=12))
def test_icd10_normalizing_twice_changes_nothing(text: str) -> None:
    once = ids.normalize_icd10(text)
    if once is not None:
        assert ids.normalize_icd10(once) == once
        assert once == once.strip().upper()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_rejected_not_raised(text: str) -> None:
    assert not ids.is_valid_npi(text)
    assert not ids.is_valid_mbi(text)
    assert ids.normalize_icd10(text) is None
    assert not ids.is_valid_hcpcs(text)
    assert ids.parse_ndc(text).status is NdcStatus.INVALID
    assert not ids.is_valid_pmid(text)
    assert not ids.is_valid_doi(text)
    assert not ids.is_valid_nct(text)
    assert ids.neoplasm_kind(text) is NeoplasmKind.NOT_NEOPLASM
