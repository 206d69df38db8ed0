"""Drug files are read through the caps of limits.py: an openFDA label file, the .json inside
its .zip (a zip bomb stops at the cap), and the drug catalog's own files; Python's JSON limits
end in a plain refusal, not a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop_app import limits
from desktop_app.errors import LabelFileError, StorageError
from desktop_app.knowledge import drug_catalog
from desktop_app.knowledge.label_updates import read_openfda
from desktop_app.services.drugs import read_label_file


def test_a_device_given_as_a_label_file_stops_at_the_cap() -> None:
    with pytest.raises(LabelFileError, match="over 300 MB"):
        read_label_file(Path("/dev/zero"))


def test_a_zip_that_unpacks_past_the_cap_is_refused_before_it_fills_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "LABEL_JSON_BYTES", limits.MB)
    bomb = tmp_path / "drug-label-0001-of-0001.json.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("drug-label.json", b" " * (3 * limits.MB))  # 3 kB packed
    with pytest.raises(LabelFileError, match="unpacks to more than 1 MB") as caught:
        read_label_file(bomb)
    assert caught.value.file == str(bomb)


def test_a_zip_within_the_cap_gives_its_json(tmp_path: Path) -> None:
    packed = tmp_path / "labels.json.zip"
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("labels.json", b'{"results": []}')
    assert read_label_file(packed) == b'{"results": []}'


def test_a_zip_download_cut_short_is_called_so(tmp_path: Path) -> None:
    whole = tmp_path / "whole.json.zip"
    with zipfile.ZipFile(whole, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("labels.json", b'{"results": []}' * 100)
    cut = tmp_path / "drug-label-0001-of-0001.json.zip"
    cut.write_bytes(whole.read_bytes()[:60])
    with pytest.raises(LabelFileError) as caught:
        read_label_file(cut)  # once read as JSON: "not a JSON file (it is not UTF-8 text)"
    assert caught.value.message == "the .zip file is damaged or cut short"
    assert caught.value.file == str(cut)


@pytest.mark.parametrize("raw", [
    b'{"results": [' * 3000 + b"]" * 3000 + b"}",
    b'{"results": [{"set_id": 1' + b"0" * 5000 + b"}]}",
])
def test_json_past_pythons_limits_is_refused_in_words(raw: bytes) -> None:
    with pytest.raises(LabelFileError, match="not a file openFDA writes") as caught:
        read_openfda(raw, "labels.json")
    assert caught.value.file == "labels.json"


def test_a_drug_data_file_over_its_cap_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = drug_catalog.BUNDLED_DIR / drug_catalog.DRUG_FOLDER / "oral.json"
    assert drug_catalog.read_group(bundled).drugs  # within the cap, it reads
    monkeypatch.setattr(limits, "REFERENCE_FILE_BYTES", 1024)
    with pytest.raises(StorageError, match="too large to be a drug data file") as caught:
        drug_catalog.read_group(bundled)
    assert caught.value.file == str(bundled)
