"""Caches other app versions left behind are removed a week after their last use; this
version's entries, anything the app did not write, and anything outside the cache stay."""

from __future__ import annotations

import os
import string
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.export.assets import asset_path
from desktop_app.export.fonts import FONT_FILES
from desktop_app.export.parsed_fonts import MAGIC, entry_key
from desktop_app.knowledge.icd10 import cache_path
from desktop_app.services import old_caches
from desktop_app.services.template_cache import current_folder_name
from desktop_app.storage import cache_pruning
from desktop_app.storage.generated_code import file_name

pytestmark = pytest.mark.no_database

MONTH_AGO = time.time() - 30 * 24 * 3600
COMPILED = "__jinja2_" + "a" * 40 + ".cache"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("PA_LETTER_CACHE", str(folder))
    return folder


def _age(path: Path, when: float = MONTH_AGO) -> Path:
    for inner in [*path.rglob("*"), path] if path.is_dir() else [path]:
        os.utime(inner, (when, when), follow_symlinks=False)
    return path


def _templates(folder: Path, name: str, *files: str) -> Path:
    (folder / name).mkdir()
    for file in files or (COMPILED,):
        (folder / name / file).write_bytes(b"compiled")
    return _age(folder / name)


def _file(path: Path, data: bytes = b"x", when: float = MONTH_AGO) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return _age(path, when)


def _font_entry(face: str, key: str | None = None) -> bytes:
    if key is None:
        key = entry_key(asset_path("fonts", FONT_FILES[face]).read_bytes())
    return MAGIC + key.encode() + b"0" * 64 + b"body"


def test_stale_entries_go_and_this_versions_stay(cache: Path, pa_letter_home: Path) -> None:
    current = _templates(cache, current_folder_name())
    stale = _templates(cache, "templates-0123456789abcdef", COMPILED, COMPILED + "ab12_x.tmp")
    codes, descriptions = cache_path("codes"), cache_path("descriptions")
    assert codes is not None and descriptions is not None
    _file(codes), _file(descriptions)
    old_index = [_file(cache / "icd10-1.4.0-codes.json"),
                 _file(cache / "icd10-1.4.0-descriptions.json")]
    fonts = cache / "fonts"
    sans = _file(fonts / "PALetterSans.font", _font_entry("PALetterSans"))
    other_version = _file(fonts / "PALetterEmoji.font", _font_entry("PALetterEmoji", "0" * 64))
    old_format = _file(fonts / "PALetterHangul.font", b"an older format")
    no_longer_shipped = _file(fonts / "PALetterOldFace.font", b"x")
    lookups = _file(cache / "citation-lookups" / "pmid-1.txt")  # not keyed by version
    this_python = _file(cache / file_name())
    other_python = _file(cache / "generated-code-cpython-310-30a0af0.marshal")
    # A folder of the data folder with a cache's name is never looked at.
    in_data = _templates(pa_letter_home, "templates-0123456789abcdef")

    assert old_caches.remove_old_caches(every_day=False) == 7

    assert not stale.exists() and not any(p.exists() for p in old_index)
    assert not other_version.exists() and not old_format.exists()
    assert not no_longer_shipped.exists() and not other_python.exists()
    for kept in (current, codes, descriptions, sans, lookups, in_data / COMPILED, this_python):
        assert kept.exists(), kept


def test_each_commands_table_of_this_python_stays_and_another_pythons_goes(cache: Path) -> None:
    verify, render = _file(cache / file_name("verify")), _file(cache / file_name("render"))
    older = _file(cache / "generated-code-cpython-310-30a0af0-verify.marshal")
    not_ours = _file(cache / (file_name().removesuffix(".marshal") + "-two-words.marshal"))
    assert old_caches.remove_old_caches(every_day=False) == 1
    assert not older.exists()
    assert verify.exists() and render.exists() and not_ours.exists()  # never named by the app


def test_an_entry_used_within_the_week_stays(cache: Path) -> None:
    two_days_ago = time.time() - 2 * 24 * 3600
    recent = _templates(cache, "templates-0123456789abcdef")
    _age(recent, two_days_ago)
    index = _file(cache / "icd10-1.4.0-codes.json", when=two_days_ago)
    # Written a month ago but read yesterday (the access time): still in use.
    read = _file(cache / "icd10-1.3.0-codes.json")
    os.utime(read, (time.time() - 24 * 3600, MONTH_AGO))
    assert old_caches.remove_old_caches(every_day=False) == 0
    assert (recent / COMPILED).exists() and index.exists() and read.exists()


def test_symlinks_are_never_followed_out_of_the_cache(cache: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target_file = _file(outside / "precious.json")
    target_dir = _templates(outside, "practice")
    _file(outside / "fonts" / "PALetterOldFace.font")
    (cache / "templates-fedcba9876543210").symlink_to(target_dir)
    (cache / "icd10-1.0.0-codes.json").symlink_to(target_file)
    (cache / "fonts").symlink_to(outside / "fonts")
    assert old_caches.remove_old_caches(every_day=False) == 0
    assert (target_dir / COMPILED).exists() and target_file.exists()
    assert (outside / "fonts" / "PALetterOldFace.font").exists()
    assert (cache / "templates-fedcba9876543210").is_symlink()  # the app made no link: kept


def test_a_folder_holding_anything_the_app_did_not_write_stays_whole(cache: Path) -> None:
    folder = _templates(cache, "templates-0123456789abcdef", COMPILED, "notes.txt")
    assert old_caches.remove_old_caches(every_day=False) == 0
    assert (folder / COMPILED).exists() and (folder / "notes.txt").exists()


def test_an_entry_that_cannot_be_removed_is_left_without_a_word(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _file(cache / "icd10-1.4.0-codes.json")
    other = _file(cache / "icd10-1.4.0-descriptions.json")
    unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path.name == locked.name:
            raise PermissionError(13, "Permission denied")
        unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    assert old_caches.remove_old_caches(every_day=False) == 1
    assert locked.exists() and not other.exists()


def test_old_entries_are_looked_for_at_most_once_a_day(cache: Path) -> None:
    now = time.time()
    assert old_caches.remove_old_caches(now=now) == 0  # nothing to remove, but looked
    stale = _file(cache / "icd10-1.4.0-codes.json")
    assert old_caches.remove_old_caches(now=now + 3600) == 0
    assert stale.exists()
    assert old_caches.remove_old_caches(now=now + 25 * 3600) == 1
    assert not stale.exists()


def test_an_unusable_cache_folder_costs_nothing(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = _file(tmp_path / "a-file")
    monkeypatch.setenv("PA_LETTER_CACHE", str(blocker / "cache"))
    assert old_caches.remove_old_caches(every_day=False) == 0


_PATTERNS = [k.name for k in (*old_caches.CACHE_FOLDER_KINDS, *old_caches.FONT_FOLDER_KINDS)]
_NAME_CHARS = string.ascii_letters + string.digits + "._-+! é"
_names = st.one_of(
    st.text(_NAME_CHARS, min_size=1, max_size=30),
    st.builds(lambda prefix, rest: prefix + rest,
              st.sampled_from(["templates-", "icd10-", "icd10-1.5.0-", "PALetter", "fonts"]),
              st.text(_NAME_CHARS + "abcdef", max_size=24)),
).filter(lambda name: name not in (".", ".."))


@settings(max_examples=60, deadline=None)
@given(names=st.sets(_names, min_size=1, max_size=12), as_folders=st.booleans())
def test_nothing_outside_the_recognized_names_is_ever_removed(
    names: set[str], as_folders: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        for name in names:
            if as_folders:
                _templates(folder, name)
            else:
                _file(folder / name)
        for kinds in (old_caches.CACHE_FOLDER_KINDS, old_caches.FONT_FOLDER_KINDS):
            cache_pruning.remove_stale(folder, kinds, now=time.time() + 365 * 24 * 3600)
        left = {p.name for p in folder.iterdir()}
        unrecognized = {n for n in names if not any(p.fullmatch(n) for p in _PATTERNS)}
        assert unrecognized <= left
