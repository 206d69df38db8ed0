"""Compiled templates kept between runs: the next run reuses them, never a stale or broken one."""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import FileSystemBytecodeCache

from desktop_app.errors import TemplateError
from desktop_app.letters import render as letters_render
from desktop_app.letters import template_cache
from desktop_app.letters.samples import full_case
from desktop_app.letters.templates import get_template
from desktop_app.services import template_cache as service_cache
from tests.unit.letters.helpers import make_template, render


@pytest.fixture
def cache_folder(tmp_path: Path) -> Iterator[Path]:
    """A cache of its own, and no template compiled earlier in this process."""
    folder = tmp_path / "compiled"
    folder.mkdir(mode=0o700)
    template_cache.use_bytecode_cache(lambda: FileSystemBytecodeCache(str(folder)))
    letters_render._COMPILED.clear()
    yield folder
    service_cache.install()
    letters_render._COMPILED.clear()


def _new_process() -> None:
    """What a new `pa-letter render` starts with: nothing compiled in memory."""
    letters_render._COMPILED.clear()


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the template was compiled again")

    monkeypatch.setattr(letters_render, "_compile", refuse)


def test_the_next_run_renders_the_same_letter_without_compiling(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = full_case("preauth")
    template = get_template("offlabel-preauth")
    first = letters_render.render_document(case, template).plain_text()
    kept = list(cache_folder.iterdir())
    assert len(kept) == 1
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600  # readable by this user alone
    _new_process()
    _no_compiling(monkeypatch)
    assert letters_render.render_document(case, template).plain_text() == first


def test_a_changed_template_is_compiled_afresh_not_taken_from_the_cache(
    cache_folder: Path,
) -> None:
    case = full_case("preauth")
    assert (
        "Old wording"
        in render(
            case, "<letter><p>Old wording for {{ case.patient.name }}.</p></letter>"
        ).plain_text()
    )
    _new_process()
    fresh = render(
        case, "<letter><p>New wording for {{ case.patient.name }}.</p></letter>"
    ).plain_text()  # same id
    assert "New wording for Jordan Sample" in fresh
    assert "Old wording" not in fresh


def test_a_damaged_cache_file_is_ignored_and_the_letter_still_renders(
    cache_folder: Path,
) -> None:
    case = full_case("preauth")
    body = "<letter><p>Dear reviewer, {{ case.patient.name }} needs this drug.</p></letter>"
    expected = render(case, body).plain_text()
    for kept in cache_folder.iterdir():
        kept.write_bytes(kept.read_bytes()[:40] + b"\x00garbage")
    _new_process()
    assert render(case, body).plain_text() == expected


def test_a_template_that_fails_is_never_kept_and_fails_the_same_way_next_run(
    cache_folder: Path,
) -> None:
    broken = make_template(
        "<letter><p>Line one\n{% if case.patient.name %}never closed</p></letter>\n"
    )
    for _ in range(2):
        _new_process()
        with pytest.raises(TemplateError, match="syntax error"):
            letters_render.compile_template(broken)
    assert list(cache_folder.iterdir()) == []


def test_a_cache_folder_that_cannot_be_written_only_costs_a_compile(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "gone" / "compiled"  # Jinja cannot write into a folder not there
    template_cache.use_bytecode_cache(lambda: FileSystemBytecodeCache(str(missing)))
    try:
        _new_process()
        text = render(
            full_case("preauth"), "<letter><p>Hello {{ case.patient.name }}.</p></letter>"
        ).plain_text()
    finally:
        service_cache.install()
        _new_process()
    assert "Hello Jordan Sample." in text


def test_the_desk_keeps_compiled_templates_in_its_private_cache_folder(
    pa_letter_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PA_LETTER_CACHE", str(tmp_path / "desk-cache"))
    _new_process()
    try:
        render(full_case("preauth"), "<letter><p>Kept for {{ case.patient.name }}.</p></letter>")
    finally:
        _new_process()
    folders = list((tmp_path / "desk-cache").glob("templates-*"))
    assert len(folders) == 1
    assert stat.S_IMODE(folders[0].stat().st_mode) == 0o700
    assert [p.suffix for p in folders[0].iterdir()] == [".cache"]


def _plant_a_cache_file(folder: Path, template_id: str, mode: int) -> Path:
    """A compiled-template file that runs code the moment Jinja reads its checksum."""
    from jinja2.bccache import bc_magic

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (exec, ("import os; os.environ['PA_TEST_PLANTED'] = 'ran'",))

    cache = FileSystemBytecodeCache(str(folder))
    path = folder / (cache.pattern % (cache.get_cache_key(template_id),))
    path.write_bytes(bc_magic + pickle.dumps(Planted()))
    path.chmod(mode)
    return path


@pytest.mark.parametrize("mode", [0o620, 0o666])
def test_a_compiled_template_others_may_write_is_never_run(
    pa_letter_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mode: int
) -> None:
    monkeypatch.setenv("PA_LETTER_CACHE", str(tmp_path / "desk-cache"))
    monkeypatch.setenv("PA_TEST_PLANTED", "not run")  # restored after the test, whatever runs
    folder = tmp_path / "desk-cache" / service_cache.current_folder_name()
    folder.mkdir(parents=True, mode=0o700)
    template = make_template("<letter><p>Hello {{ case.patient.name }}.</p></letter>")
    planted = _plant_a_cache_file(folder, template.id, mode)
    _new_process()
    try:
        text = letters_render.render_document(full_case("preauth"), template).plain_text()
    finally:
        _new_process()
    assert os.environ["PA_TEST_PLANTED"] == "not run"
    assert "Hello Jordan Sample." in text
    # The template was compiled and kept afresh, as this user's own file.
    assert stat.S_IMODE(planted.stat().st_mode) == 0o600
    assert planted.read_bytes().startswith(bc_magic_bytes())


def test_a_planted_compiled_template_of_ones_own_would_run(
    pa_letter_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Why the check above matters: Jinja unpickles what the file holds.
    monkeypatch.setenv("PA_TEST_PLANTED", "not run")
    folder = tmp_path / "compiled"
    folder.mkdir(mode=0o700)
    template = make_template("<letter><p>Hello {{ case.patient.name }}.</p></letter>")
    _plant_a_cache_file(folder, template.id, 0o600)
    cache = FileSystemBytecodeCache(str(folder))
    cache.get_bucket(letters_render.ENVIRONMENT, template.id, None, "source")
    assert os.environ.get("PA_TEST_PLANTED") == "ran"


def bc_magic_bytes() -> bytes:
    from jinja2.bccache import bc_magic

    return bc_magic
