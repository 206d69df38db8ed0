"""ICD-10-CM lookup and autocomplete, and the cached index in the data folder."""

from __future__ import annotations

import functools
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


@pytest.mark.parametrize(
    ("code", "billable"),
    # Codes that are also the name of their block; the package files them as blocks.
    [("C50", False), ("C7A", False), ("D49", False), ("B20", True)],
)
def test_codes_that_share_a_block_name_are_listed(code: str, billable: bool) -> None:
    entry = icd10.lookup(code)
    assert entry is not None and entry.billable is billable


def test_search_for_breast_starts_with_breast_cancer() -> None:
    assert icd10.search("breast")[0].code == "C50"


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


def _cache_file(home: Path, part: str = "codes") -> Path:
    # The cache lives in the cache folder (PA_LETTER_CACHE), not the data folder.
    return icd10.cache_path(part)


def test_index_is_cached_privately_and_reused(
    pa_letter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    icd10._forget_index()
    assert icd10.lookup("C34.90") is not None
    for part in ("codes", "descriptions"):
        cache = _cache_file(pa_letter_home, part)
        assert cache.is_file()
        assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # the cache folder is private too

    def no_rebuild() -> None:
        raise AssertionError("the index was rebuilt instead of read from the cache")

    monkeypatch.setattr(icd10, "_read_package", no_rebuild)
    icd10._forget_index()
    entry = icd10.lookup("C34")
    assert entry is not None and not entry.billable


def test_billable_check_never_reads_descriptions(
    pa_letter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    icd10._forget_index()
    icd10.warm_up()  # writes the cache files of this test's data folder
    icd10._forget_index()

    def no_descriptions(count: int) -> None:
        raise AssertionError("a billable check read the descriptions")

    monkeypatch.setattr(icd10, "_load_descriptions", no_descriptions)
    assert icd10.billable("c3490") is True
    assert icd10.billable("C34") is False
    assert icd10.billable("Z99.999") is None
    assert icd10.billable("<b>") is None


DAMAGE = [
    b"",
    b"not json",
    b"[1, 2]",
    json.dumps({"format": icd10._CACHE_FORMAT}).encode(),
    json.dumps(
        {"format": icd10._CACHE_FORMAT, "codes": "A", "descriptions": "", "billable": "10"}
    ).encode(),
    json.dumps(
        {"format": icd10._CACHE_FORMAT, "codes": 5, "descriptions": 5, "billable": 5}
    ).encode(),
    b"\xff\xfe",
    json.dumps({"format": 99}).encode(),
]


_read_package = icd10._read_package


@functools.cache
def _package_columns() -> tuple[list[str], list[str], str]:
    return _read_package()


@pytest.mark.parametrize("part", ["codes", "descriptions"])
@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_cache_is_rebuilt_silently(
    pa_letter_home: Path, monkeypatch: pytest.MonkeyPatch, part: str, damage: bytes
) -> None:
    # Reading the package is memoised to keep the test fast; the rebuild itself is real.
    monkeypatch.setattr(icd10, "_read_package", _package_columns)
    icd10._forget_index()
    icd10.warm_up()
    cache = _cache_file(pa_letter_home, part)
    cache.write_bytes(damage)
    icd10._forget_index()
    entry = icd10.lookup("C34.90")
    assert entry is not None and entry.billable and "lung" in entry.description.lower()
    assert json.loads(cache.read_bytes())["format"] == icd10._CACHE_FORMAT
