"""knowledge/ reads the folders services name, and works from the shipped data without them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.knowledge import icd10, places
from desktop_app.knowledge.reference import BUNDLED_DIR, reference_path


def _admin_copy(home: Path) -> Path:
    folder = home / "reference"
    folder.mkdir(exist_ok=True)
    copy = folder / "appeal_windows.json"
    copy.write_text((BUNDLED_DIR / "appeal_windows.json").read_text("utf-8"), "utf-8")
    return copy


def test_the_admins_copy_is_read_from_the_folder_services_name(pa_letter_home: Path) -> None:
    copy = _admin_copy(pa_letter_home)
    assert reference_path("appeal_windows.json") == copy


def test_without_services_only_the_shipped_data_is_read_and_nothing_is_written(
    pa_letter_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _admin_copy(pa_letter_home)
    monkeypatch.setattr(places, "_places", places.KnowledgePlaces())
    assert reference_path("appeal_windows.json") == BUNDLED_DIR / "appeal_windows.json"
    assert icd10.cache_path() is None
    assert not places.write_derived(tmp_path / "index.json", json.dumps({}).encode())
    assert not (tmp_path / "index.json").exists()
