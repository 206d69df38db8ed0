"""A render compares its case with the drug's label once, and never reuses an answer beyond it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.knowledge.one_letter import one_letter
from desktop_app.knowledge.reference import reload_reference_data
from desktop_app.rules.label_check import compare_with_label
from desktop_app.rules.label_match import State
from tests.support.drug_fixtures import install_catalog
from tests.support.label_comparisons import count_label_comparisons
from tests.unit.rules.evidence_case_builder import make_case

PEMBRO = {"generic_name": "pembrolizumab", "hcpcs": None, "dose": {"amount": 200, "unit": "mg"},
          "route": "intravenous", "frequency": "every 3 weeks"}
MSI_CHOLANGIO = {"icd10": "C22.1", "description": "Intrahepatic cholangiocarcinoma",
                 "stage": "Stage IV", "biomarkers": ["MSI-high"]}


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> Iterator[None]:
    install_catalog(pa_letter_home)
    yield
    reload_reference_data()


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every comparison actually worked out (not answered from the render's memory)."""
    return count_label_comparisons(monkeypatch)


def test_inside_one_render_the_same_case_is_compared_once(comparisons: list[object]) -> None:
    case = make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO)
    with one_letter():
        first = compare_with_label(case)
        second = compare_with_label(case)
    assert first is second and first is not None
    assert comparisons == [case]


def test_another_case_in_the_same_render_gets_its_own_answer(comparisons: list[object]) -> None:
    listed = make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO)
    unlisted = make_case(drug={**PEMBRO, "generic_name": "not-a-catalog-drug"},
                         diagnosis=MSI_CHOLANGIO)
    with one_letter():
        assert compare_with_label(listed) is not None
        assert compare_with_label(unlisted) is None
    assert comparisons == [listed, unlisted]


def test_a_case_edited_between_renders_is_compared_again(comparisons: list[object]) -> None:
    case = make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO)
    with one_letter():
        before = compare_with_label(case)
    case.drug.generic_name = "not-a-catalog-drug"
    with one_letter():
        after = compare_with_label(case)
    assert before is not None and before.disease in (State.MET, State.UNKNOWN, State.UNMET)
    assert after is None
    assert len(comparisons) == 2


def test_outside_a_render_every_call_compares_afresh(comparisons: list[object]) -> None:
    case = make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO)
    compare_with_label(case)
    compare_with_label(case)
    assert len(comparisons) == 2


def test_a_case_edited_inside_one_render_is_compared_again(comparisons: list[object]) -> None:
    # The answer is kept under the case's content, not the object: an edit is never missed.
    case = make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO)
    with one_letter():
        before = compare_with_label(case)
        case.drug.generic_name = "not-a-catalog-drug"
        after = compare_with_label(case)
    assert before is not None and after is None
    assert len(comparisons) == 2


def test_a_catalog_read_again_inside_one_render_is_compared_again(
    comparisons: list[object],
) -> None:
    case = make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO)
    with one_letter():
        compare_with_label(case)
        reload_reference_data()
        compare_with_label(case)
    assert len(comparisons) == 2
