"""Reference look-ups the case form offers: drugs, journals, ICD-10-CM codes, prescribers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.domain.case import Case
from desktop_app.services import reference
from desktop_app.services.settings import (
    DirectoryPrescriber,
    PracticeSettings,
    save_practice_settings,
)
from desktop_app.storage.settings import save_settings
from tests.support.drug_fixtures import install_catalog

pytestmark = pytest.mark.no_database  # runs once: opens no case database


def test_drug_search_by_generic_brand_and_empty(pa_letter_home: Path) -> None:
    install_catalog(pa_letter_home)
    assert reference.search_drugs("") == []
    assert [d.generic_name for d in reference.search_drugs("pembro")] == ["pembrolizumab"]
    assert [d.generic_name for d in reference.search_drugs("OGIVRI")] == ["trastuzumab"]
    assert len(reference.search_drugs("a", limit=3)) <= 3


def test_product_suggestions_fill_code_unit_route_and_ndc(pa_letter_home: Path) -> None:
    install_catalog(pa_letter_home)
    [ogivri] = reference.search_drug_products("ogivri")
    assert ogivri.label == ("trastuzumab — Ogivri (trastuzumab-dkst, biosimilar) — Q5114, "
                            "10 mg per unit")
    assert (ogivri.hcpcs, ogivri.hcpcs_unit, ogivri.route) == ("Q5114", "10 mg", "intravenous")
    assert ogivri.dose_unit == "mg/kg"
    assert ogivri.ndc_prefixes == ("67457-847",)
    every = reference.search_drug_products("trastuzumab")
    assert [c.brand_name for c in every] == ["Herceptin", "Ogivri", "Kanjinti"]
    assert reference.search_drug_products("J9304")[0].brand_name == "Pemfexy"
    assert reference.search_drug_products("pembro")[0].dose_unit == "mg"
    assert reference.search_drug_products("") == []


def test_label_overview_sets_the_indications_beside_the_diagnosis(pa_letter_home: Path) -> None:
    install_catalog(pa_letter_home)
    case = Case.model_validate({
        "drug": {"generic_name": "pemetrexed", "dose": {"amount": 500, "unit": "mg/m2"},
                 "route": "IV", "frequency": "every 21 days"},
        "diagnosis": {"icd10": "C34.90", "description": "Lung cancer",
                      "histology": "squamous cell carcinoma"},
    })
    overview = reference.label_overview(case)
    assert overview is not None
    assert overview.heading.startswith("Labeled indications of pemetrexed (ALIMTA")
    assert overview.diagnosis == "C34.90 – Lung cancer"
    assert overview.verdict == "No labeled indication covers this case."
    first, second = overview.rows
    assert (first.status, first.detail) == ("differs", "the label leaves out squamous histology")
    assert second.status == "other cancer"
    assert reference.label_overview(Case()) is None
    # The label staff check an unverified entry against.
    assert overview.label_title.startswith("ALIMTA (pemetrexed)")
    assert overview.label_url.startswith("https://dailymed.nlm.nih.gov/")
    assert overview.label_revised == dt.date(2025, 1, 1)


def test_your_name_is_the_desks_name_from_settings(pa_letter_home: Path) -> None:
    assert reference.your_name() == ""
    save_settings(PracticeSettings(user_name="  Dana Whitfield, RN "))
    assert reference.your_name() == "Dana Whitfield, RN"


def test_journal_titles_are_the_cms_list() -> None:
    titles = reference.journal_titles()
    assert "Journal of Clinical Oncology" in titles
    assert len(titles) == len(set(titles))


def test_icd10_search_blank_is_empty_and_code_prefix_finds_codes() -> None:
    assert reference.search_icd10("   ") == []
    found = reference.search_icd10("C34.9", limit=5)
    assert 0 < len(found) <= 5
    assert all(entry.code.startswith("C34.9") for entry in found)


def test_prescriber_directory_reads_settings() -> None:
    assert reference.prescriber_directory() == []
    save_practice_settings(
        PracticeSettings(prescribers=[DirectoryPrescriber(name="Dr. Ana Sousa", npi="1234567893")])
    )
    assert [p.name for p in reference.prescriber_directory()] == ["Dr. Ana Sousa"]
