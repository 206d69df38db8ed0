"""The five everyday off-label requests in examples/label-checks/, checked and rendered with the
bundled drug catalog, as staff would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow
CASES = EXAMPLES / "label-checks"


def findings(pa_letter, name: str) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    result = pa_letter("check", CASES / f"{name}.json", "--format", "json")
    assert result.code == 0, result.out + result.err  # warnings only: each can be sent
    return {f"{f['code']} {f['field']}": f for f in json.loads(result.out)["findings"]}


def label_codes(found: dict[str, dict[str, str]]) -> set[str]:
    return {k for k in found if k.startswith("offlabel.") and "label_unverified" not in k}


def test_nivolumab_for_anal_cancer_is_off_label_by_indication_only(pa_letter) -> None:
    assert label_codes(findings(pa_letter, "nivolumab-anal-canal")) == set()


def test_weekly_paclitaxel_is_off_label_by_dose_only(pa_letter) -> None:
    assert label_codes(findings(pa_letter, "paclitaxel-weekly-adjuvant-breast")) == set()


def test_intravesical_gemcitabine_is_off_label_by_indication_and_route(pa_letter) -> None:
    assert label_codes(findings(pa_letter, "gemcitabine-intravesical")) == set()


def test_an_msi_h_tumor_on_pembrolizumab_is_on_the_label(pa_letter) -> None:
    found = findings(pa_letter, "pembrolizumab-msi-h-small-bowel")
    assert label_codes(found) == {"offlabel.labeled_use off_label.reasons"}
    assert "MSI-H or dMMR solid tumors" in found["offlabel.labeled_use off_label.reasons"][
        "message"]


def test_a_biosimilar_is_found_and_checked_against_its_drugs_label(pa_letter) -> None:
    found = findings(pa_letter, "trastuzumab-biosimilar-uterine-serous")
    assert label_codes(found) == set()
    assert "HERCEPTIN" in found["offlabel.label_unverified drug.generic_name"]["message"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("gemcitabine-intravesical",
         "The labeled route of administration, as our drug catalog lists it, not yet confirmed "
         "against the current label, is intravenous; this request is for intravesical "
         "administration."),
        ("paclitaxel-weekly-adjuvant-breast", "The planned dose is 80 mg/m2 weekly."),
        ("nivolumab-anal-canal", "The labeled indications of nivolumab, as our drug catalog "
         "lists them, do not include this patient's cancer (Malignant neoplasm of anal canal, "
         "ICD-10-CM C21.1). This listing has not yet been confirmed against the current label."),
    ],
)
def test_the_letter_states_the_labeled_use_it_departs_from(
    pa_letter, tmp_path: Path, name: str, words: str
) -> None:
    out = tmp_path / f"{name}.docx"
    result = pa_letter("render", CASES / f"{name}.json", "-o", out)
    assert result.code == 0, result.err
    from docx import Document

    text = " ".join(p.text for p in Document(str(out)).paragraphs)
    assert words in " ".join(text.split())
    assert "DailyMed set id" in text
    # The bundled entries are unverified: the catalog's listing, never quoted as the label's.
    block = text[text.index("Why this use is off-label"):text.index("Off-label use is not")]
    # Said once, in the facts' own sentence; the Source line does not repeat it.
    assert "confirmed against the current label" in block and "not yet" in block
    assert "Label our drug catalog cites: " in block
    assert "its listing not yet confirmed" not in block
    assert "“" not in block and "”" not in block
