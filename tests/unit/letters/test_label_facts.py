"""The letter states the labeled use it departs from, with the label: in the label's words
(quoted) where a person checked the catalog entry, as the catalog's listing, unquoted and said
to be unconfirmed, where no one has."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.case import Case
from desktop_app.knowledge.reference import reload_reference_data
from desktop_app.letters.label_facts import label_facts
from desktop_app.letters.regimen_wording import off_label_points, points_beyond_label
from desktop_app.letters.render import render_document
from desktop_app.letters.samples import full_case
from desktop_app.letters.templates import get_template
from desktop_app.storage.settings import PracticeSettings
from tests.support.drug_fixtures import DRUGS, fixture_group, install_catalog, setid

TEMPLATES = ("offlabel-preauth", "offlabel-appeal")


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> Iterator[None]:
    install_catalog(pa_letter_home)
    yield
    reload_reference_data()


def case(template_id: str = "offlabel-preauth", **sections: dict[str, Any]) -> Case:
    data = full_case("appeal" if template_id == "offlabel-appeal" else "preauth").model_dump()
    for name, values in sections.items():
        data[name] = {**data[name], **values} if isinstance(data[name], dict) else values
    return Case.model_validate(copy.deepcopy(data))


def letter(template_id: str, **sections: dict[str, Any]) -> str:
    document = render_document(case(template_id, **sections), get_template(template_id),
                               settings=PracticeSettings())
    return " ".join(document.plain_text().split())


GEMCITABINE_IN_BLADDER: dict[str, dict[str, Any]] = {
    "drug": {"generic_name": "gemcitabine", "brand_name": None, "hcpcs": "J9201",
             "dose": {"amount": 2000.0, "unit": "mg"}, "route": "intravesical",
             "frequency": "weekly for 6 weeks", "combination_with": None},
    "diagnosis": {"icd10": "C67.9", "description": "Malignant neoplasm of bladder",
                  "histology": "urothelial", "stage": "non-muscle invasive",
                  "biomarkers": None},
    "off_label": {"reasons": ["indication", "route"], "rationale": "BCG-unresponsive."},
}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_route_and_indication_reasons_quote_the_label(template_id: str) -> None:
    text = letter(template_id, **GEMCITABINE_IN_BLADDER)
    assert ("do not include this patient's cancer (Malignant neoplasm of bladder, ICD-10-CM "
            "C67.9)") in text
    assert "“first-line treatment for patients with locally advanced (nonresectable Stage II" \
        in text
    assert ("The labeled route of administration is intravenous; this request is for "
            "intravesical administration.") in text
    assert f"DailyMed set id {setid(4)}" in text
    assert "GEMZAR (gemcitabine) for injection, for intravenous use, revised January 2025" in text


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_dose_reason_quotes_the_labeled_dosing(template_id: str) -> None:
    text = letter(
        template_id,
        drug={"generic_name": "paclitaxel", "brand_name": None, "hcpcs": "J9267",
              "dose": {"amount": 80.0, "unit": "mg/m²"}, "route": "IV", "frequency": "weekly",
              "combination_with": ["cisplatin"]},
        diagnosis={"icd10": "C56.1", "stage": "advanced", "biomarkers": None},
        prior_therapies=None,
        off_label={"reasons": ["dose"], "rationale": "Dose-dense weekly schedule."},
    )
    # The fixture's paclitaxel entry is unverified: the catalog's words, not the label's.
    assert ("The labeled dosing for first-line advanced ovarian cancer with cisplatin "
            "(section 1), as our drug catalog lists it, not yet confirmed against the current "
            "label, is:") in text
    assert "175 mg/m2 intravenously over 3 hours every 3 weeks" in text
    assert "“175 mg/m2" not in text
    assert "The planned dose is 80 mg/m² weekly." in text
    assert "labeled route" not in text  # not a route reason
    # The dosing sentence said "not yet confirmed": the Source line does not say it again.
    assert "Label our drug catalog cites: TAXOL (paclitaxel) injection, revised April 2020" \
        in text
    assert "its listing not yet confirmed" not in text


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_an_unchecked_entry_is_never_quoted_as_the_labels_words(template_id: str) -> None:
    text = letter(
        template_id,
        drug={"generic_name": "trastuzumab", "brand_name": None, "hcpcs": "J9355",
              "dose": {"amount": 8.0, "unit": "mg/kg"}, "route": "subcutaneous",
              "frequency": "every 3 weeks", "combination_with": None},
        diagnosis={"icd10": "C18.7", "description": "Malignant neoplasm of sigmoid colon",
                   "biomarkers": ["HER2 3+"]},
        off_label={"reasons": ["indication", "route"], "rationale": "x"},
    )
    labeled = text[text.index("The labeled indications of trastuzumab"):]
    labeled = labeled[:labeled.index("Label our drug catalog cites:")]
    assert ("The labeled indications of trastuzumab, as our drug catalog lists them, do not "
            "include this patient's cancer (Malignant neoplasm of sigmoid colon, ICD-10-CM "
            "C18.7). This listing has not yet been confirmed against the current label.") in text
    assert ("The labeled route of administration, as our drug catalog lists it, not yet "
            "confirmed against the current label, is intravenous; this request is for "
            "subcutaneous administration.") in text
    assert "“" not in labeled and "”" not in labeled
    assert "FDA-approved prescribing information for trastuzumab do not" not in text


def test_the_same_cancer_shows_what_differs_from_the_indication() -> None:
    text = letter(
        "offlabel-preauth",
        drug={"generic_name": "pemetrexed", "brand_name": None, "hcpcs": "J9305",
              "dose": {"amount": 500.0, "unit": "mg/m2"}, "route": "intravenous",
              "frequency": "every 21 days", "combination_with": None},
        diagnosis={"icd10": "C34.90", "description": "lung cancer", "stage": "Stage IV",
                   "histology": "squamous cell carcinoma", "biomarkers": None},
        off_label={"reasons": ["indication"], "rationale": "x"},
    )
    assert ("Section 1.1: “locally advanced or metastatic, non-squamous, non-small cell lung "
            "cancer.” This request differs: the label leaves out squamous histology.") in text
    assert "Source: ALIMTA (pemetrexed)" in text  # a checked entry: the label's own words


def test_a_biosimilar_names_its_own_label_too() -> None:
    facts = label_facts(case(
        drug={"generic_name": "trastuzumab", "brand_name": "Ogivri", "hcpcs": "Q5114",
              "dose": {"amount": 8.0, "unit": "mg/kg"}, "route": "IV",
              "frequency": "every 3 weeks", "combination_with": None},
        diagnosis={"icd10": "C18.7", "description": "colon", "biomarkers": ["HER2 3+"]},
        off_label={"reasons": ["indication"], "rationale": "x"}))
    assert facts is not None
    assert facts.product_source.startswith("Ogivri (trastuzumab-dkst) has its own FDA label: "
                                           "OGIVRI (trastuzumab-dkst) for injection")
    assert facts.other_cancer
    assert not facts.verified


def test_a_label_without_a_set_id_is_cited_by_its_drugs_at_fda_address(
    pa_letter_home: Path,
) -> None:
    drugs = copy.deepcopy(DRUGS)
    address = "https://www.accessdata.fda.gov/drugsatfda_docs/label/2024/020509s092lbl.pdf"
    gemcitabine = next(d for d in drugs if d["generic_name"] == "gemcitabine")
    gemcitabine["label"] = {**gemcitabine["label"], "setid": None, "drugs_at_fda": address}
    install_catalog(pa_letter_home, fixture_group(drugs))
    text = letter("offlabel-preauth", **GEMCITABINE_IN_BLADDER)
    assert ("Source: GEMZAR (gemcitabine) for injection, for intravenous use, revised January "
            f"2025, Drugs@FDA, {address}.") in text
    assert "DailyMed" not in text


def test_no_catalog_entry_or_no_reason_prints_nothing_from_the_catalog() -> None:
    unknown = letter("offlabel-preauth", drug={"generic_name": "made-up-mab",
                                               "brand_name": None, "hcpcs": None})
    assert "DailyMed set id" not in unknown
    assert label_facts(case(off_label={"reasons": [], "rationale": "x"})) is None


def test_typed_text_stays_text_beside_the_label() -> None:
    hostile = "<b>&amp; {{x}} **y**"
    text = letter("offlabel-preauth", **{
        **GEMCITABINE_IN_BLADDER,
        "diagnosis": {**GEMCITABINE_IN_BLADDER["diagnosis"], "description": hostile},
    })
    assert f"({hostile}, ICD-10-CM C67.9)" in text


TRASTUZUMAB_IN_COLON: dict[str, dict[str, Any]] = {
    "drug": {"generic_name": "trastuzumab", "brand_name": None, "hcpcs": "J9355",
             "dose": {"amount": 8.0, "unit": "mg/kg"}, "route": "subcutaneous",
             "frequency": "every 3 weeks", "combination_with": None},
    "diagnosis": {"icd10": "C18.7", "description": "Malignant neoplasm of sigmoid colon",
                  "biomarkers": ["HER2 3+"]},
}


def _check(revised: str) -> dict[str, Any]:
    return {"checked_by": "Dana Whitfield, RN", "checked_on": dt.date(2026, 11, 30),
            "label_revised": dt.date.fromisoformat(revised)}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_staff_check_against_the_cited_label_states_the_facts_unquoted(
    template_id: str,
) -> None:
    text = letter(template_id, **TRASTUZUMAB_IN_COLON,
                  off_label={"reasons": ["indication", "route"], "rationale": "x",
                             "label_check": _check("2024-02-01")})
    assert ("The indications in the FDA-approved prescribing information for trastuzumab do "
            "not include this patient's cancer (Malignant neoplasm of sigmoid colon, ICD-10-CM "
            "C18.7).") in text
    assert ("The labeled route of administration is intravenous; this request is for "
            "subcutaneous administration.") in text
    assert "Source: HERCEPTIN (trastuzumab) for injection" in text
    assert "our drug catalog" not in text and "not yet confirmed" not in text
    labeled = text[text.index("The indications in the FDA-approved"):text.index("Source:")]
    assert "“" not in labeled and "”" not in labeled  # the catalog's words are not quoted
    assert "Dana Whitfield" not in text  # the check is the practice's record, not the payer's


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_check_against_an_older_label_leaves_the_letter_hedged(template_id: str) -> None:
    text = letter(template_id, **TRASTUZUMAB_IN_COLON,
                  off_label={"reasons": ["indication", "route"], "rationale": "x",
                             "label_check": _check("2023-06-01")})
    assert "as our drug catalog lists them" in text
    assert "FDA-approved prescribing information for trastuzumab do not" not in text


def test_the_request_says_once_that_the_cancer_is_not_a_labeled_use() -> None:
    """The bullet and the label facts said the same; beside the facts, the bullet goes."""
    text = letter("offlabel-preauth", **GEMCITABINE_IN_BLADDER)
    section = text[text.index("Why this use is off-label"):text.index("Off-label use is not")]
    assert "is not among the indications" not in section
    assert section.count("do not include this patient's cancer") == 1
    assert "The route of administration (intravesical) differs" in section  # stays: its claim


def test_the_reason_stays_when_the_label_lists_the_same_cancer() -> None:
    """Same cancer, other line of therapy: the facts show differences, the bullet the claim."""
    sections = {**GEMCITABINE_IN_BLADDER,
                "off_label": {"reasons": ["indication"], "rationale": "x"}}
    built = case("offlabel-preauth", **sections)
    points = off_label_points(built)
    facts = label_facts(built)
    assert facts is not None and facts.other_cancer
    assert points_beyond_label(built, points, facts) == []
    assert points_beyond_label(built, points, None) == points
    same_cancer = dataclasses.replace(facts, other_cancer=False)
    assert points_beyond_label(built, points, same_cancer) == points
