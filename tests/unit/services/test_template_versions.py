"""Saving a custom template raises its version and keeps the old text, which can be restored."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.templates import builtin_templates_dir, get_template
from desktop_app.services.template_sources import letter_template_folders
from desktop_app.services.template_versions import (
    delete_template,
    next_version,
    restore_version,
    save_template,
    set_version,
    template_history,
    version_key,
    version_text,
)

pytestmark = pytest.mark.no_database  # template files only

BODY = "<letter>\n<p>{{ case.patient.name }}: {}</p>\n<signature/>\n</letter>\n"


def _text(words: str, version: str = '"1.0.0"', template_id: str = "our-letter") -> str:
    return (
        f'+++\nid = "{template_id}"\ntitle = "Ours"\nkind = "preauth"\n'
        f"version = {version}  # raised on every save\n+++\n" + BODY.replace("{}", words)
    )


@pytest.mark.parametrize(
    ("version", "after"),
    [("1", "2"), ("7", "8"), ("1.0", "1.1"), ("1.0.0", "1.0.1"), ("1.9.9", "1.9.10")],
)
def test_next_version_keeps_the_style(version: str, after: str) -> None:
    assert next_version(version) == after
    assert version_key(after) > version_key(version)


def test_versions_compare_as_numbers() -> None:
    assert version_key("1.10") > version_key("1.9")
    assert version_key("2") > version_key("1.99.99")


def test_set_version_changes_only_that_value() -> None:
    text = _text("hello")
    changed = set_version(text, "1.0.1")
    assert changed.replace('"1.0.1"', '"1.0.0"') == text
    assert 'version = "1.0.1"  # raised on every save' in changed
    assert "version = 8\n" in set_version(
        _text("x", version="7").replace("  # raised on every save", ""), "8"
    )


def test_each_save_raises_the_version_and_keeps_the_old_text(tmp_path: Path) -> None:
    first = save_template(_text("first"), tmp_path)
    second = save_template(_text("second"), tmp_path)
    third = save_template(second.source.replace("second", "third"), tmp_path)
    assert (first.version, second.version, third.version) == ("1.0.0", "1.0.1", "1.0.2")
    history = template_history("our-letter", tmp_path)
    assert [(v.version, v.current) for v in history] == [
        ("1.0.2", True),
        ("1.0.1", False),
        ("1.0.0", False),
    ]
    assert "first" in version_text("our-letter", "1.0.0", tmp_path)
    assert (tmp_path / ".versions" / "our-letter" / "1.0.0.letter").is_file()


def test_a_new_template_folder_and_its_history_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "practice-templates"
    old = os.umask(0o022)  # the usual umask: plain mkdir and open() would let others read
    try:
        save_template(_text("first"), folder)
        save_template(_text("second"), folder)
    finally:
        os.umask(old)
    history = folder / ".versions" / "our-letter"
    made = [folder, folder / ".versions", history]
    assert [stat.S_IMODE(p.stat().st_mode) for p in made] == [0o700, 0o700, 0o700]
    files = [folder / "our-letter.letter", history / "1.0.0.letter"]
    assert [stat.S_IMODE(p.stat().st_mode) for p in files] == [0o600, 0o600]


def test_saving_unchanged_text_makes_no_new_version(tmp_path: Path) -> None:
    saved = save_template(_text("same"), tmp_path)
    again = save_template(saved.source, tmp_path)
    assert again.version == saved.version
    assert len(template_history("our-letter", tmp_path)) == 1


def test_restoring_an_old_version_saves_it_as_the_newest(tmp_path: Path) -> None:
    save_template(_text("original wording"), tmp_path)
    save_template(_text("new wording"), tmp_path)
    restored = restore_version("our-letter", "1.0.0", tmp_path)
    assert restored.version == "1.0.2"
    assert "original wording" in restored.source
    assert [v.version for v in template_history("our-letter", tmp_path)] == [
        "1.0.2",
        "1.0.1",
        "1.0.0",
    ]


def test_a_copy_that_overrides_a_built_in_gets_a_higher_version(pa_letter_home: Path) -> None:
    builtin = (builtin_templates_dir() / "offlabel-appeal.letter").read_text(encoding="utf-8")
    reworded = builtin.replace("Dear Appeals Reviewer:", "To the Appeals Reviewer:")
    major_minor, patch = get_template("offlabel-appeal").version.rsplit(".", 1)
    saved = save_template(reworded, pa_letter_home / "templates")
    # One above the built-in's version: letters can tell them apart.
    assert saved.version == f"{major_minor}.{int(patch) + 1}"
    folders = letter_template_folders()  # as services hand them to letters
    assert get_template("offlabel-appeal", folders).version == saved.version
    assert not get_template("offlabel-appeal", folders).builtin


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("<letter>\n<p>{{ case.patient.nmae }}</p>\n</letter>\n", 8, "did you mean 'name'"),
        ("<letter>\n<p>{% if case.drug.ndc %}</p>\n</letter>\n", 8, "add {% endif %}"),
        ("<letter>\n<p>{{ case.patient.name|shout }}</p>\n</letter>\n", 8, "unknown filter"),
    ],
)
def test_a_template_with_errors_is_never_saved(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    text = _text("x").split("+++\n", 2)
    broken = "+++\n" + text[1] + "+++\n" + body
    with pytest.raises(TemplateError) as caught:
        save_template(broken, tmp_path)
    assert caught.value.line == line
    assert words in caught.value.message
    assert "not saved" in caught.value.message
    assert not list(tmp_path.glob("*.letter"))


def test_broken_front_matter_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        save_template(_text("x").replace('kind = "preauth"', 'kind = "memo"'), tmp_path)
    assert caught.value.line == 4


def test_delete_keeps_the_text_in_the_history(tmp_path: Path) -> None:
    save_template(_text("keep me"), tmp_path)
    delete_template("our-letter", tmp_path)
    assert not (tmp_path / "our-letter.letter").exists()
    assert "keep me" in version_text("our-letter", "1.0.0", tmp_path)
    saved_again = save_template(_text("back"), tmp_path)
    assert saved_again.version == "1.0.1"


def test_built_ins_cannot_be_deleted(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="built-in templates cannot be deleted"):
        delete_template("offlabel-appeal", tmp_path)
    assert (builtin_templates_dir() / "offlabel-appeal.letter").is_file()


def test_a_file_named_otherwise_is_still_found_by_its_id(tmp_path: Path) -> None:
    (tmp_path / "mine.letter").write_text(_text("by hand"), encoding="utf-8")
    saved = save_template(_text("edited"), tmp_path)
    assert saved.path == tmp_path / "mine.letter"
    assert saved.version == "1.0.1"
