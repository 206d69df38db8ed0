"""The drug catalog: autocomplete, HCPCS and labelled indications as ICD-10-CM ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.knowledge.drug_catalog import drug_catalog, find_drug, search_drugs

SEED = {
    "carboplatin": "J9045",
    "cisplatin": "J9060",
    "gemcitabine": "J9201",
    "paclitaxel": "J9267",
    "docetaxel": "J9171",
    "oxaliplatin": "J9263",
    "irinotecan": "J9206",
    "pemetrexed": "J9305",
    "bevacizumab": "J9035",
    "trastuzumab": "J9355",
    "cetuximab": "J9055",
    "rituximab": "J9312",
    "temozolomide": "J9328",
}


@pytest.mark.parametrize(("generic", "hcpcs"), sorted(SEED.items()))
def test_seed_drug_has_hcpcs_and_label_source(generic: str, hcpcs: str) -> None:
    drug = find_drug(generic)
    assert drug is not None
    assert drug.hcpcs == hcpcs
    assert drug.indications
    assert "DailyMed" in drug.label_source


@pytest.mark.parametrize(
    ("typed", "generic"),
    [
        ("Avastin", "bevacizumab"),
        ("AVASTIN", "bevacizumab"),
        ("Avastin®", "bevacizumab"),
        ("  herceptin ", "trastuzumab"),
        ("Taxol", "paclitaxel"),
        ("Rituximab", "rituximab"),
    ],
)
def test_find_by_generic_or_brand(typed: str, generic: str) -> None:
    drug = find_drug(typed)
    assert drug is not None
    assert drug.generic_name == generic


@pytest.mark.parametrize("typed", ["Avast", "bevacizumab-awwb", "", None, 12, "aspirin"])
def test_find_needs_an_exact_name(typed: object) -> None:
    assert find_drug(typed) is None


def test_search_puts_prefix_matches_first_and_honours_limit() -> None:
    names = [d.generic_name for d in search_drugs("ta")]
    assert names[:2] == ["paclitaxel", "docetaxel"]  # Taxol, Taxotere
    assert len(search_drugs("a", limit=3)) == 3
    assert search_drugs("a", limit=0) == []


def test_search_by_hcpcs_for_the_form() -> None:
    assert [d.generic_name for d in search_drugs("J9035")] == ["bevacizumab"]


@given(st.text(max_size=40), st.integers(min_value=-5, max_value=50))
def test_search_never_fails(text: str, limit: int) -> None:
    found = search_drugs(text, limit)
    assert len(found) <= max(limit, 0)


@pytest.mark.parametrize(
    ("generic", "icd10", "labelled"),
    [
        ("bevacizumab", "C18.9", True),
        ("bevacizumab", "C20", True),
        ("bevacizumab", "C19", True),
        ("bevacizumab", "C21.0", False),
        ("bevacizumab", "C48.1", True),
        ("bevacizumab", "C48.2", True),
        ("bevacizumab", "C48.0", False),
        ("bevacizumab", "C57.00", True),
        ("bevacizumab", "C57.1", False),
        ("bevacizumab", "C22.0", True),
        ("bevacizumab", "C22.1", False),
        ("bevacizumab", "c34.90", True),
        ("bevacizumab", "C25.9", False),
        ("cetuximab", "C14.8", True),
        ("cetuximab", "C31.0", True),
        ("cetuximab", "C33", False),
        ("docetaxel", "C32.9", True),
        ("docetaxel", "C30.0", False),
        ("rituximab", "C91.10", True),
        ("rituximab", "C91.00", False),
        ("rituximab", "C83.30", True),
        ("carboplatin", "C34.90", False),
        ("carboplatin", "", False),
        ("carboplatin", "garbage", False),
    ],
)
def test_labelled_indication_ranges(generic: str, icd10: str, labelled: bool) -> None:
    drug = find_drug(generic)
    assert drug is not None
    assert (drug.labelled_indication_for(icd10) is not None) is labelled


def test_catalog_is_reference_data_with_a_source() -> None:
    catalog = drug_catalog()
    assert catalog.source and catalog.effective
    assert "verify" in catalog.about.lower()
