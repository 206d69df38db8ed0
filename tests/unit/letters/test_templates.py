"""Finding templates: built-ins, the user's folder, the practice's shared folder, and paths.

Letters read no settings: the folders are handed in (services.template_sources builds them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.templates import (
    TemplateFolders,
    builtin_templates_dir,
    get_template,
    list_templates,
    template_for_kind,
)
from desktop_app.services.template_sources import letter_template_folders
from desktop_app.storage.settings import PracticeSettings, save_settings

REPO_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def _custom(template_id: str, title: str, kind: str = "preauth") -> str:
    return (
        f'+++\nid = "{template_id}"\ntitle = "{title}"\nkind = "{kind}"\nversion = 7\n+++\n'
        "<letter><p>Custom</p></letter>\n"
    )


def test_built_ins_are_listed() -> None:
    templates = {t.id: t for t in list_templates()}
    assert {"offlabel-preauth", "offlabel-appeal", "fax-cover"} <= set(templates)
    assert all(t.builtin for t in templates.values())
    assert builtin_templates_dir() == REPO_TEMPLATES


@pytest.mark.parametrize(
    ("kind", "template_id"),
    [("preauth", "offlabel-preauth"), ("appeal", "offlabel-appeal"), ("fax", "fax-cover")],
)
def test_template_for_kind(kind: str, template_id: str) -> None:
    assert template_for_kind(kind).id == template_id


def test_user_template_replaces_built_in(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "mine.letter").write_text(_custom("offlabel-preauth", "Our own request"))
    folders = TemplateFolders(user=folder)
    chosen = get_template("offlabel-preauth", folders)
    assert (chosen.title, chosen.version, chosen.builtin) == ("Our own request", "7", False)
    assert template_for_kind("preauth", folders).title == "Our own request"
    assert [t.id for t in list_templates(folders)].count("offlabel-preauth") == 1
    assert get_template("offlabel-preauth").builtin  # handed no folders: built-ins only


def test_shared_folder_is_used_and_user_folder_wins(pa_letter_home: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "a.letter").write_text(_custom("practice-letter", "Shared"))
    (shared / "b.letter").write_text(_custom("fax-cover", "Shared fax", "fax"))
    save_settings(PracticeSettings(shared_templates_dir=str(shared)))
    # services build the folders from the settings and the data folder
    assert get_template("practice-letter", letter_template_folders()).title == "Shared"
    (pa_letter_home / "templates").mkdir()
    (pa_letter_home / "templates" / "c.letter").write_text(_custom("fax-cover", "Mine", "fax"))
    assert get_template("fax-cover", letter_template_folders()).title == "Mine"


def test_broken_custom_template_is_skipped(pa_letter_home: Path) -> None:
    (pa_letter_home / "templates").mkdir()
    (pa_letter_home / "templates" / "bad.letter").write_text("no front matter")
    assert get_template("offlabel-preauth", letter_template_folders()).builtin


def test_unknown_id_names_it() -> None:
    with pytest.raises(TemplateError, match="no template with id 'nope'"):
        get_template("nope")


def test_get_by_path_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "x.letter"
    path.write_text(_custom("x-letter", "By path"))
    assert get_template(str(path)).title == "By path"
    with pytest.raises(TemplateError, match="no template file"):
        get_template(str(tmp_path / "missing.letter"))
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(TemplateError, match="not UTF-8"):
        get_template(str(path))


def test_a_template_saved_as_utf8_with_a_byte_order_mark_reads_as_without(
    tmp_path: Path,
) -> None:
    # Notepad's and Excel's "UTF-8" starts with EF BB BF; the first line is still +++.
    path = tmp_path / "x.letter"
    path.write_bytes(b"\xef\xbb\xbf" + _custom("x-letter", "With a mark").encode("utf-8"))
    assert get_template(str(path)).title == "With a mark"


def test_content_hash_changes_with_the_text(tmp_path: Path) -> None:
    path = tmp_path / "x.letter"
    path.write_text(_custom("x-letter", "One"))
    first = get_template(str(path)).content_hash
    path.write_text(_custom("x-letter", "Two"))
    assert get_template(str(path)).content_hash != first


def test_an_edited_template_is_used_at_once_and_a_broken_one_still_reported(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    file = folder / "mine.letter"
    folders = TemplateFolders(user=folder)
    file.write_text(_custom("offlabel-preauth", "First wording"))
    first = template_for_kind("preauth", folders)
    assert template_for_kind("preauth", folders) is first  # read again, parsed once
    file.write_text(_custom("offlabel-preauth", "Second wording"))
    second = template_for_kind("preauth", folders)
    assert (second.title, second.content_hash != first.content_hash) == ("Second wording", True)
    file.write_text("+++\nid = \n+++\n")
    for _ in range(2):  # reported each time it is read, not remembered as good or bad
        with pytest.raises(TemplateError):
            get_template(str(file))
    file.write_text(_custom("offlabel-preauth", "First wording"))
    assert get_template(str(file)).title == "First wording"


def test_a_built_in_template_changed_on_disk_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built-ins are read again only when their file changes; a change of the same length,
    written within the same second, is still seen (sizes, inode and nanosecond times)."""
    from desktop_app.letters import templates

    installed = tmp_path / "templates"
    installed.mkdir()
    for source in REPO_TEMPLATES.glob("*.letter"):
        (installed / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(templates, "builtin_templates_dir", lambda: installed)
    first = template_for_kind("preauth")
    assert template_for_kind("preauth") is first
    path = installed / "offlabel-preauth.letter"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(first.title, first.title[::-1], 1), encoding="utf-8")
    second = template_for_kind("preauth")
    assert second.title == first.title[::-1]
    assert second.content_hash != first.content_hash
    path.unlink()
    with pytest.raises(TemplateError):
        template_for_kind("preauth")
