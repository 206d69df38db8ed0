"""Drug files are read through the caps of limits.py: an openFDA label file, the .json inside
its .zip (a zip bomb stops at the cap), and the drug catalog's own files; Python's JSON limits
end in a plain refusal, not a traceback."""

from __future__ import annotations

import tracemalloc
import zipfile
from collections.abc import Callable
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


def _bomb(path: Path, unpacked: int) -> None:
    """A .zip whose one .json unpacks to `unpacked` zero bytes: about 1/200 of it on disk."""
    piece = bytes(8 * limits.MB)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("drug-label.json", "w") as member:
        for _ in range(unpacked // len(piece)):
            member.write(piece)


def _refusal_and_peak(read: Callable[[], object]) -> tuple[LabelFileError, int]:
    """The LabelFileError `read` raises, and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(LabelFileError) as caught:
            read()
        return caught.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_is_refused_by_its_declared_size_before_anything_is_unpacked(
    tmp_path: Path,
) -> None:
    bomb = tmp_path / "drug-label-0001-of-0001.json.zip"
    _bomb(bomb, 1024 * limits.MB)
    assert bomb.stat().st_size < 10 * limits.MB
    error, peak = _refusal_and_peak(lambda: read_label_file(bomb))
    assert peak < 32 * limits.MB, f"peak {peak:,} bytes"  # was over 1 GB
    assert error.message.startswith("the .json in the .zip file unpacks to more than 256 MB")
    assert error.file == str(bomb)
    assert "api.fda.gov/drug/label.json" in error.hint


def test_a_zip_that_packs_far_tighter_than_label_text_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "labels.json.zip"
    _bomb(bomb, 64 * limits.MB)  # within the size cap, but 200 times smaller packed
    with pytest.raises(LabelFileError, match=r"unpacks to [\d,]+ times its packed size") as caught:
        read_label_file(bomb)
    assert caught.value.file == str(bomb)


def test_a_zip_that_declares_a_false_small_size_stops_at_that_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    liar = tmp_path / "labels.json.zip"
    _bomb(liar, 64 * limits.MB)
    monkeypatch.setattr(limits, "LABEL_ZIP_RATIO", 10_000)  # past the ratio check: the read
    data = bytearray(liar.read_bytes())
    # The central directory, which zipfile trusts, says 1 kB unpacked (offset 24, 4 bytes).
    at = data.rindex(b"PK\x01\x02")
    data[at + 24:at + 28] = (1024).to_bytes(4, "little")
    liar.write_bytes(bytes(data))
    error, peak = _refusal_and_peak(lambda: read_label_file(liar))
    assert peak < 32 * limits.MB, f"peak {peak:,} bytes"
    assert error.message.startswith("cannot open the .zip file (Bad CRC-32")
