"""The app's own records in its data folder (audit key, audit head, .part notes, kept typing)
are read through the caps of limits.py: a file swollen far past its size is damaged, not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app import limits
from desktop_app.errors import StorageError
from desktop_app.services import recovery
from desktop_app.storage import audit_key, part_files
from tests.unit.storage.sample import sample_case


def test_a_record_is_read_whole_within_its_cap_and_not_at_all_past_it(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_bytes(b"x" * 100)
    assert limits.read_capped(record, 100) == b"x" * 100
    assert limits.read_capped(record, 99) is None
    assert limits.read_capped(Path("/dev/zero"), limits.APP_RECORD_BYTES) is None
    with pytest.raises(FileNotFoundError):  # never written: the caller tells it apart
        limits.read_capped(tmp_path / "absent.json", 100)


def test_an_audit_key_file_past_its_cap_is_damaged(tmp_path: Path) -> None:
    swollen = tmp_path / "audit.key"
    swollen.write_bytes(b"00" * (limits.APP_RECORD_BYTES // 2 + 1))
    with pytest.raises(StorageError, match="the audit key file is damaged") as caught:
        audit_key._from_file(swollen)
    assert caught.value.file == str(swollen)
    assert audit_key._from_file(tmp_path / "never-made.key") is None


def test_a_part_note_past_its_cap_is_removed_like_a_garbled_one(
    pa_letter_home: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "APP_RECORD_BYTES", 64)
    folder = part_files._pending_folder()
    note = folder / "swollen.json"
    note.write_text(json.dumps({"folder": "/", "prefix": ".part-x", "pid": 1, "pad": "x" * 99}))
    assert part_files.remove_leftovers() == 0
    assert not note.exists()


def test_kept_typing_past_the_case_cap_is_not_offered(
    pa_letter_home: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert recovery.keep_typing(case_id, sample_case(), 3) is not None
    kept = recovery.kept_typing(case_id)
    assert kept is not None and kept.revision == 3
    monkeypatch.setattr(limits, "CASE_FILE_BYTES", 64)
    assert recovery.kept_typing(case_id) is None
