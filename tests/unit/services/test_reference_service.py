"""Reference look-ups the case form offers: drugs, journals, ICD-10-CM codes, prescribers."""

from __future__ import annotations

from desktop_app.services import reference
from desktop_app.services.settings import (
    DirectoryPrescriber,
    PracticeSettings,
    save_practice_settings,
)


def test_drug_search_by_generic_brand_and_empty() -> None:
    assert reference.search_drugs("") == []
    found = reference.search_drugs("bevaci")
    assert [d.generic_name for d in found][:1] == ["bevacizumab"]
    by_brand = reference.search_drugs("AVASTIN")
    assert "bevacizumab" in [d.generic_name for d in by_brand]
    assert len(reference.search_drugs("a", limit=3)) <= 3


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
