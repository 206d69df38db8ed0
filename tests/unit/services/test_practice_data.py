"""Practice data on a shared database: every desk sees the same letterhead, directory and
templates; with the SQLite file they stay in the desk's own data folder, as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.services import practice_data, practice_templates
from desktop_app.services.check import check_case
from desktop_app.services.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    load_practice_settings,
    save_practice_settings,
)
from desktop_app.services.templates import duplicate_text, list_templates, save_template_text
from desktop_app.services.templates import template_source as source_of
from desktop_app.storage.practice_documents import put_document
from tests.unit.storage.sample import sample_case


@pytest.fixture
def desks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path):  # type: ignore[no-untyped-def]
    """Two desks' data folders; the practice's audit key shared, as the README says."""
    monkeypatch.setenv("PA_LETTER_AUDIT_KEY_FILE", str(tmp_path / "practice-audit.key"))
    other = tmp_path / "desk-b"
    other.mkdir()

    def at(desk: str) -> None:
        monkeypatch.setenv("PA_LETTER_HOME", str(pa_letter_home if desk == "a" else other))

    return at


def _letterhead_settings(name: str) -> object:
    settings = load_practice_settings()
    settings.letterhead = PracticeLetterhead(name=name, phone="207-555-0100")
    settings.prescribers = [DirectoryPrescriber(name="Dr. Ada Fictional", npi="1234567893")]
    settings.user_name = "Front desk A"
    return settings


@pytest.mark.postgresql_only
def test_the_letterhead_and_directory_saved_at_one_desk_are_every_desks(desks) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    save_practice_settings(_letterhead_settings("Coastal Oncology Fictional"))  # type: ignore[arg-type]
    desks("b")
    seen = load_practice_settings()
    assert seen.letterhead.name == "Coastal Oncology Fictional"
    assert [p.npi for p in seen.prescribers] == ["1234567893"]
    assert seen.user_name == ""  # a desk's own name stays its own


@pytest.mark.postgresql_only
def test_a_practice_template_saved_at_one_desk_is_used_at_another(desks) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    text = duplicate_text(source_of("offlabel-preauth"), "coastal-preauth", "Coastal request")
    save_template_text(text, "shared")
    desks("b")
    found = {t.id: t for t in list_templates()}
    assert found["coastal-preauth"].title == "Coastal request"
    assert found["coastal-preauth"].location == "shared"
    report = check_case(sample_case(), "coastal-preauth")
    assert report.template_id == "coastal-preauth"


@pytest.mark.postgresql_only
def test_a_document_named_outside_the_mirror_is_never_written(desks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    database = practice_data.shared_database()
    assert database is not None
    with database.writing() as session:
        put_document(session, "template-file:../../escaped.letter", "x", user="test")
    folder = practice_templates.practice_templates_dir()
    assert folder is not None and not (folder.parent.parent / "escaped.letter").exists()
    assert not list(tmp_path.rglob("escaped.letter"))


@pytest.mark.sqlite_only
def test_with_the_sqlite_file_the_settings_stay_in_the_data_folder(pa_letter_home: Path) -> None:
    save_practice_settings(_letterhead_settings("Solo Oncology Fictional"))  # type: ignore[arg-type]
    saved = json.loads((pa_letter_home / "settings.json").read_text("utf-8"))
    assert saved["letterhead"]["name"] == "Solo Oncology Fictional"
    assert practice_data.shared_database() is None
    assert practice_templates.practice_templates_dir() is None


def _copy(built_in: str, new_id: str, title: str) -> str:
    return duplicate_text(source_of(built_in), new_id, title)


@pytest.mark.postgresql_only
def test_an_admin_publishing_from_an_older_mirror_undoes_nothing_another_saved(desks) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    save_template_text(_copy("offlabel-preauth", "coastal-preauth", "Coastal request"), "shared")
    desks("b")
    mirror_b = practice_templates.practice_templates_dir()  # desk B looks, then A saves twice more
    assert mirror_b is not None
    desks("a")
    save_template_text(_copy("offlabel-appeal", "coastal-appeal", "Coastal appeal"), "shared")
    revised = _copy("offlabel-preauth", "coastal-preauth", "Coastal request, revised")
    save_template_text(revised, "shared")
    bay = _copy("offlabel-preauth", "bay-preauth", "Bay request")
    desks("b")  # B's own save lands in its mirror before it has seen A's
    (mirror_b / "bay-preauth.letter").write_text(bay, "utf-8")
    practice_templates.publish_practice_templates()
    for desk in ("a", "b"):
        desks(desk)
        titles = {t.id: t.title for t in list_templates() if t.location == "shared"}
        assert titles == {"coastal-preauth": "Coastal request, revised",
                          "coastal-appeal": "Coastal appeal", "bay-preauth": "Bay request"}


@pytest.mark.postgresql_only
def test_the_second_admin_to_save_one_template_is_told_and_the_first_save_stands(desks) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.errors import StorageError

    desks("a")
    save_template_text(_copy("offlabel-preauth", "coastal-preauth", "Coastal request"), "shared")
    desks("b")
    mirror_b = practice_templates.practice_templates_dir()
    assert mirror_b is not None
    desks("a")
    save_template_text(_copy("offlabel-preauth", "coastal-preauth", "Coastal by A"), "shared")
    by_b = _copy("offlabel-preauth", "coastal-preauth", "Coastal by B")
    desks("b")  # B saved too, before its mirror had A's save
    (mirror_b / "coastal-preauth.letter").write_text(by_b, "utf-8")
    with pytest.raises(StorageError, match="another desk saved this practice template") as told:
        practice_templates.publish_practice_templates()
    assert told.value.file == "coastal-preauth.letter"
    for desk in ("a", "b"):
        desks(desk)
        titles = {t.id: t.title for t in list_templates() if t.location == "shared"}
        assert titles == {"coastal-preauth": "Coastal by A"}


@pytest.mark.postgresql_only
def test_two_admins_changing_different_parts_of_the_settings_both_keep_theirs(desks) -> None:  # type: ignore[no-untyped-def]
    desks("a")
    save_practice_settings(_letterhead_settings("Coastal Oncology Fictional"))  # type: ignore[arg-type]
    opened_a = load_practice_settings()
    desks("b")
    opened_b = load_practice_settings()
    doctors = [*opened_b.prescribers, DirectoryPrescriber(name="Dr. Bo Fictional",
                                                          npi="1245319599")]
    save_practice_settings(opened_b.model_copy(update={"prescribers": doctors}), opened_b)
    desks("a")  # A's dialog still shows the directory as it was, and changes the phone only
    head = opened_a.letterhead.model_copy(update={"phone": "207-555-0199"})
    save_practice_settings(opened_a.model_copy(update={"letterhead": head}), opened_a)
    for desk in ("a", "b"):
        desks(desk)
        seen = load_practice_settings()
        assert seen.letterhead.phone == "207-555-0199"
        assert [p.name for p in seen.prescribers] == ["Dr. Ada Fictional", "Dr. Bo Fictional"]


@pytest.mark.postgresql_only
def test_the_second_admin_changing_the_same_part_is_told_and_the_first_change_stands(desks) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.practice_data import SettingsChanged

    desks("a")
    save_practice_settings(_letterhead_settings("Coastal Oncology Fictional"))  # type: ignore[arg-type]
    opened_a = load_practice_settings()
    desks("b")
    opened_b = load_practice_settings()
    head_b = opened_b.letterhead.model_copy(update={"name": "Coastal Oncology by B"})
    save_practice_settings(opened_b.model_copy(update={"letterhead": head_b}), opened_b)
    desks("a")
    head_a = opened_a.letterhead.model_copy(update={"name": "Coastal Oncology by A"})
    with pytest.raises(SettingsChanged, match="changed the practice's letterhead meanwhile"):
        save_practice_settings(opened_a.model_copy(update={"letterhead": head_a}), opened_a)
    assert load_practice_settings().letterhead.name == "Coastal Oncology by B"


@pytest.mark.postgresql_only
def test_a_practice_template_opened_before_another_admins_save_is_not_saved_over_it(desks) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.errors import TemplateError

    desks("a")
    save_template_text(_copy("offlabel-preauth", "coastal-preauth", "Coastal request"), "shared")
    desks("b")
    opened_at_b = source_of("coastal-preauth")  # B's editor opens it
    desks("a")
    save_template_text(source_of("coastal-preauth").replace("Coastal request", "Coastal by A"),
                       "shared")
    desks("b")
    with pytest.raises(TemplateError, match="after you opened version"):
        save_template_text(opened_at_b.replace("Coastal request", "Coastal by B"), "shared")
    titles = {t.id: t.title for t in list_templates() if t.location == "shared"}
    assert titles == {"coastal-preauth": "Coastal by A"}


@pytest.mark.postgresql_only
def test_a_template_deleted_while_a_desk_was_closed_stays_deleted(desks) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.templates import delete_custom_template

    desks("a")
    save_template_text(_copy("offlabel-preauth", "coastal-preauth", "Coastal request"), "shared")
    bay = _copy("offlabel-preauth", "bay-preauth", "Bay request")
    desks("b")
    assert practice_templates.practice_templates_dir() is not None  # B has it, then B closes
    desks("a")
    delete_custom_template("coastal-preauth", "shared")
    practice_templates._mirrors.clear()  # B starts again the next morning
    desks("b")
    save_template_text(bay, "shared")
    for desk in ("a", "b"):
        desks(desk)
        assert {t.id for t in list_templates() if t.location == "shared"} == {"bay-preauth"}
