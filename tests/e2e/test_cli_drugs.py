"""`pa-letter drugs` as a process: the catalog, one drug, and newer labels in an openFDA file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.support.drug_fixtures import install_catalog, setid

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> None:
    install_catalog(pa_letter_home)


def openfda(*records: dict[str, Any]) -> dict[str, Any]:
    """The shape of api.fda.gov/drug/label.json and of its bulk download."""
    return {"meta": {"disclaimer": "test", "results": {"total": len(records)}},
            "results": list(records)}


def record(set_id: str, effective: str, generic: str, *indications: str) -> dict[str, Any]:
    return {"set_id": set_id, "id": "x", "version": "9", "effective_time": effective,
            "openfda": {"generic_name": [generic.upper()], "brand_name": ["X"]},
            "indications_and_usage": list(indications)}


KEYTRUDA_2026 = record(
    setid(1), "20260315", "pembrolizumab",
    "1 INDICATIONS AND USAGE KEYTRUDA is a programmed death receptor-1 (PD-1)-blocking "
    "antibody indicated: 1.2 Non-Small Cell Lung Cancer • in combination with pemetrexed and "
    "platinum chemotherapy, as first-line treatment of patients with metastatic nonsquamous "
    "NSCLC, with no EGFR or ALK genomic tumor aberrations. • for the treatment of adult "
    "patients with resectable locally advanced head and neck squamous cell carcinoma, as "
    "neoadjuvant treatment, continued as adjuvant treatment after surgery.",
)


def test_the_catalog_lists_every_drug_with_its_label_revision(pa_letter) -> None:
    result = pa_letter("drugs")
    assert result.code == 0, result.err
    assert "pembrolizumab" in result.out and "09/2025" in result.out
    assert "6 drugs, 3 checked against their labels by a person." in result.out
    listed = json.loads(pa_letter("drugs", "--format", "json").out)["drugs"]
    ogivri = next(d for d in listed if d["generic_name"] == "trastuzumab")
    assert "Ogivri" in ogivri["products"] and "Q5114" in ogivri["hcpcs"]


def test_one_drug_in_full_by_any_name(pa_letter) -> None:
    result = pa_letter("drugs", "nivo")
    assert result.code == 0
    for words in ("OPDIVO (nivolumab) injection", "J9299  Injection, nivolumab, 1 mg",
                  "(billing unit 1 mg)", "1.1 unresectable or metastatic melanoma",
                  "dose: 240 mg intravenous, every 2 weeks", setid(2)):
        assert words in result.out, words
    assert "      label: “" in result.out  # nivolumab's entry was read on its label
    unread = pa_letter("drugs", "pembrolizumab").out  # pembrolizumab's was not: no quotes
    assert "catalog's label text, not confirmed: " in unread and "“" not in unread
    data = json.loads(pa_letter("drugs", "Ogivri", "--format", "json").out)
    assert data["generic_name"] == "trastuzumab"
    assert data["label"]["url"].endswith(setid(5))
    assert data["indications"][0]["regimens"][0]["text"]


def test_a_name_the_catalog_lacks_exits_1(pa_letter) -> None:
    result = pa_letter("drugs", "aspirin")
    assert result.code == 1
    assert result.err.strip() == "pa-letter: no drug in the catalog matches 'aspirin'"


def test_newer_labels_are_listed_with_what_changed(pa_letter, tmp_path: Path) -> None:
    labels = tmp_path / "drug-label.json"
    same_month = record(setid(2), "20250320", "nivolumab", "patients with melanoma")
    labels.write_text(json.dumps(openfda(KEYTRUDA_2026, same_month)), "utf-8")
    before = labels.read_bytes()
    result = pa_letter("drugs", "check-updates", labels)
    assert result.code == 1, result.err
    assert (f"pembrolizumab: the label of 2026-03-15 (set id {setid(1)}, matched by set id) is "
            "newer than the catalog's (revised 09/2025)") in result.out
    assert "  - 1.13 “adult and pediatric patients with unresectable" in result.out
    assert "  + “for the treatment of adult patients with resectable locally advanced head" \
        in result.out
    assert "nivolumab" not in result.out  # March 2025 is the catalog's own revision month
    assert "The catalog was not changed" in result.out
    assert labels.read_bytes() == before
    again = pa_letter("drugs")
    assert "09/2025" in again.out  # nothing was edited


def test_updates_as_json_and_from_the_zip_download(pa_letter, tmp_path: Path) -> None:
    archive = tmp_path / "drug-label-0001-of-0001.json.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("drug-label-0001-of-0001.json", json.dumps(openfda(KEYTRUDA_2026)))
    result = pa_letter("drugs", "check-updates", archive, "--format", "json")
    assert result.code == 1
    [update] = json.loads(result.out)["updates"]
    assert update["generic_name"] == "pembrolizumab"
    assert update["matched_by"] == "set id"
    assert update["label_effective"] == "2026-03-15"
    assert [i["id"] for i in update["no_longer_in_label"]] == ["msi-h-solid-tumors"]


def test_no_newer_label_exits_0(pa_letter, tmp_path: Path) -> None:
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps(openfda(record(setid(9), "20260101", "aspirin", "pain"))))
    result = pa_letter("drugs", "check-updates", labels)
    assert result.code == 0
    assert "1 labels read; 0 catalog drugs have a newer label." in result.out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json {", "not a JSON file"),
        ('{"meta": {}}', "field 'results': not an openFDA drug-label file"),
        ('["a list"]', "not an openFDA drug-label file"),
        (b"\xff\xfe\x00", "not a JSON file"),
    ],
)
def test_an_unusable_label_file_exits_2_naming_it(
    pa_letter, tmp_path: Path, content: str | bytes, words: str
) -> None:
    labels = tmp_path / "labels.json"
    if isinstance(content, bytes):
        labels.write_bytes(content)
    else:
        labels.write_text(content, "utf-8")
    result = pa_letter("drugs", "check-updates", labels)
    assert result.code == 2
    assert str(labels) in result.err and words in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_damaged_records_are_skipped_and_said(pa_letter, tmp_path: Path) -> None:
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps(openfda(KEYTRUDA_2026, {"set_id": "x",
                                                          "effective_time": "2026-13-01"}, 7)))
    result = pa_letter("drugs", "check-updates", labels)
    assert result.code == 1
    assert "skipped results.1: effective_time is not a date YYYYMMDD" in result.out
    assert "skipped results.2: not a label record" in result.out


def test_check_updates_needs_a_file(pa_letter, tmp_path: Path) -> None:
    assert pa_letter("drugs", "check-updates").code == 2
    missing = pa_letter("drugs", "check-updates", tmp_path / "nowhere.json")
    assert missing.code == 2 and "nowhere.json" in missing.err
