"""ICD-10-CM lookup and autocomplete, and the cached index in the data folder."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from desktop_app.knowledge import icd10


def test_lung_cancer_code_is_billable_with_its_description() -> None:
    entry = icd10.lookup("C34.90")
    assert entry is not None
    assert entry.billable and not entry.has_subcodes
    assert "lung" in entry.description.lower()


@pytest.mark.parametrize("typed", ["c34.90", " C3490 ", "c3490"])
def test_lookup_accepts_the_ways_staff_type_a_code(typed: str) -> None:
    entry = icd10.lookup(typed)
    assert entry is not None and entry.code == "C34.90"


def test_category_is_not_billable() -> None:
    entry = icd10.lookup("C34")
    assert entry is not None
    assert not entry.billable and entry.has_subcodes


@pytest.mark.parametrize("code", ["Z99.999", "C97", "C34.99"])
def test_well_formed_but_unknown_code(code: str) -> None:
    assert icd10.lookup(code) is None


@pytest.mark.parametrize("code", ["", "lung", "<b>&amp;", "{{7*7}}", "🧬", "x" * 10_000])
def test_malformed_lookup_finds_nothing(code: str) -> None:
    assert icd10.lookup(code) is None


def test_seventh_character_codes_are_listed() -> None:
    entry = icd10.lookup("S72.001A")
    assert entry is not None and entry.billable


def test_search_by_word_finds_lung_cancer_first() -> None:
    results = icd10.search("lung")
    assert results, "typing 'lung' must suggest codes"
    assert results[0].code.startswith("C34")
    assert any(e.code == "C34.90" for e in results)


def test_search_by_several_words_needs_all_of_them() -> None:
    results = icd10.search("merkel lip")
    assert [e.code for e in results] == ["C4A.0"]


def test_search_by_code_prefix_lists_codes_in_order() -> None:
    codes = [e.code for e in icd10.search("c349")]
    assert codes == ["C34.9", "C34.90", "C34.91", "C34.92"]


def test_search_respects_the_limit() -> None:
    assert len(icd10.search("neoplasm", limit=5)) == 5


@pytest.mark.parametrize("text", ["", "   ", "zzzzqqq", "<b>&amp;", "{{7*7}}", "مرحبا", "🧬"])
def test_search_with_odd_text_returns_a_list(text: str) -> None:
    assert icd10.search(text) == []


def test_package_version_is_reported() -> None:
    assert icd10.package_version()[0].isdigit()


def _cache_file(home: Path) -> Path:
    return home / "cache" / f"icd10-{icd10.package_version()}.json"


def test_index_is_cached_privately_and_reused(
    pa_letter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    icd10._forget_index()
    assert icd10.lookup("C34.90") is not None
    cache = _cache_file(pa_letter_home)
    assert cache.is_file()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # the data folder is private

    def no_rebuild() -> None:
        raise AssertionError("the index was rebuilt instead of read from the cache")

    monkeypatch.setattr(icd10, "_read_package", no_rebuild)
    icd10._forget_index()
    entry = icd10.lookup("C34")
    assert entry is not None and not entry.billable


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json",
        b'{"format": 1}',
        b'{"format": 1, "codes": "A", "descriptions": "", "billable": "10"}',
        b"\xff\xfe",
        json.dumps({"format": 99}).encode(),
    ],
)
def test_damaged_cache_is_rebuilt_silently(pa_letter_home: Path, damage: bytes) -> None:
    cache = _cache_file(pa_letter_home)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(damage)
    icd10._forget_index()
    entry = icd10.lookup("C34.90")
    assert entry is not None and entry.billable
    assert json.loads(cache.read_bytes())["format"] == 1
