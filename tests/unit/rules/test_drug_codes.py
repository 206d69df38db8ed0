"""hcpcs.not_for_product: the code bills the drug and product the case names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.knowledge.reference import reload_reference_data
from desktop_app.rules.drug_codes import check_code_fits_product
from tests.support.drug_fixtures import install_catalog
from tests.unit.rules.evidence_case_builder import make_case, run


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> Iterator[None]:
    install_catalog(pa_letter_home)
    yield
    reload_reference_data()


def messages(**drug: Any) -> list[str]:
    case = make_case(drug={"generic_name": "trastuzumab", "brand_name": None, **drug})
    found = run(check_code_fits_product, case)
    assert all(f.field == "drug.hcpcs" and f.severity.value == "warning" for f in found)
    return [f.message for f in found]


def test_a_biosimilar_billed_under_another_products_code() -> None:
    [message] = messages(brand_name="Kanjinti", hcpcs="Q5114")
    assert message.startswith("Q5114 (Injection, trastuzumab-dkst, biosimilar, (ogivri), 10 mg) "
                              "does not bill Kanjinti; its code is Q5117")
    [reference] = messages(brand_name="Ogivri", hcpcs="J9355")
    assert "its code is Q5114" in reference


def test_another_drugs_code() -> None:
    [message] = messages(hcpcs="J9271")
    assert message.startswith("J9271 is a code for pembrolizumab, not trastuzumab.")
    assert "Q5114 (Injection, trastuzumab-dkst, biosimilar, (ogivri), 10 mg)" in message


@pytest.mark.parametrize(
    "drug",
    [
        {"brand_name": "Ogivri", "hcpcs": "q5114"},  # its own code, typed in lower case
        {"hcpcs": "J9355"},  # no product named: any of the drug's codes
        {"hcpcs": "J9999"},  # a code the catalog does not know: hcpcs rules speak for it
        {"hcpcs": None},
        {"hcpcs": "  "},
        {"generic_name": "made-up-mab", "hcpcs": "J9355"},
    ],
)
def test_nothing_to_say(drug: dict[str, Any]) -> None:
    assert messages(**drug) == []
