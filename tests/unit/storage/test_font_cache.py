"""Parsed-font entries are kept privately in the cache folder, and any trouble there is a miss."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app.storage.font_cache import ENTRY_CAP, FontShelf


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PA_LETTER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_an_entry_is_kept_private_and_read_back(cache: Path) -> None:
    shelf = FontShelf()
    assert shelf.read("PALetterSans") is None  # nothing kept yet: a miss, not an error
    shelf.keep("PALetterSans", b"entry")
    assert shelf.read("PALetterSans") == b"entry"
    folder = cache / "fonts"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "PALetterSans.font").stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["PALetterSans.font"]  # no .part- file left


def test_a_newer_entry_replaces_the_old_one(cache: Path) -> None:
    shelf = FontShelf()
    shelf.keep("PALetterSans", b"old")
    shelf.keep("PALetterSans", b"new")
    assert shelf.read("PALetterSans") == b"new"


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "PALetter Sans", ".font", "x" * 65])
def test_a_name_that_is_not_a_face_name_is_never_a_path(cache: Path, name: str) -> None:
    shelf = FontShelf()
    shelf.keep(name, b"entry")
    assert shelf.read(name) is None
    assert not cache.exists() or not any(cache.rglob("*.font"))


def test_an_oversized_entry_is_neither_kept_nor_read(cache: Path) -> None:
    shelf = FontShelf()
    shelf.keep("PALetterSans", bytes(ENTRY_CAP + 1))
    assert shelf.read("PALetterSans") is None
    (cache / "fonts").mkdir(parents=True, exist_ok=True)
    (cache / "fonts" / "PALetterSans.font").write_bytes(bytes(ENTRY_CAP + 1))
    assert shelf.read("PALetterSans") is None


def test_an_unusable_cache_folder_costs_only_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    monkeypatch.setenv("PA_LETTER_CACHE", str(blocker))
    shelf = FontShelf()
    shelf.keep("PALetterSans", b"entry")  # no exception: the next run reads the font again
    assert shelf.read("PALetterSans") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes any file")
def test_an_unreadable_entry_is_a_miss(cache: Path) -> None:
    shelf = FontShelf()
    shelf.keep("PALetterSans", b"entry")
    (cache / "fonts" / "PALetterSans.font").chmod(0)
    assert shelf.read("PALetterSans") is None
