"""Template services for the manager: catalog, versions, import/export, preview, checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.domain.casefile import load_case
from desktop_app.errors import TemplateError
from desktop_app.services import template_preview
from desktop_app.services import templates as service
from desktop_app.services.check import check_case
from desktop_app.services.render import render_letter
from desktop_app.storage.settings import PracticeSettings, save_settings

pytestmark = pytest.mark.no_database  # runs once: opens no case database

ROOT = Path(__file__).resolve().parents[3]
APPEAL = ROOT / "templates" / "offlabel-appeal.letter"
DOCS_EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.letter"))


def _appeal_text() -> str:
    return APPEAL.read_text(encoding="utf-8")


def _appeal_version(bump: int = 0) -> str:
    """The built-in appeal's version, or a copy's `bump` saves above it."""
    found = re.search(r'^version = "(\d+\.\d+)\.(\d+)"', _appeal_text(), re.M)
    assert found is not None
    return f"{found[1]}.{int(found[2]) + bump}"


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _row(template_id: str, location: str) -> service.TemplateInfo:
    return next(
        t for t in service.template_catalog() if (t.id, t.location) == (template_id, location)
    )


def test_catalog_lists_built_ins_with_version_and_status() -> None:
    rows = {t.id: t for t in service.template_catalog()}
    appeal = rows["offlabel-appeal"]
    assert (appeal.kind, appeal.version, appeal.status) == ("appeal", _appeal_version(), "Built-in")
    assert appeal.last_changed is not None
    assert appeal.title.startswith("Appeal")


def test_a_copy_keeping_the_id_shows_as_overriding_the_built_in() -> None:
    text = _appeal_text().replace("Dear Appeals Reviewer:", "To the Appeals Reviewer:")
    saved = service.save_template_text(service.duplicate_text(text, None))
    assert saved.status == "Custom — overrides built-in"
    assert saved.version == _appeal_version(1)
    assert _row("offlabel-appeal", "built-in").status == (
        "Built-in (replaced by a custom template)"
    )
    active = [t for t in service.list_templates() if t.id == "offlabel-appeal"]
    assert [t.location for t in active] == ["user"]


def test_a_copy_with_a_new_id_is_a_new_letter_beside_the_built_in() -> None:
    text = service.duplicate_text(_appeal_text(), "northwind-appeal", "Northwind appeal")
    assert service.new_id_problem("northwind-appeal") is None
    saved = service.save_template_text(text)
    assert (saved.id, saved.title, saved.status) == (
        "northwind-appeal",
        "Northwind appeal",
        "Custom",
    )
    assert saved.version == _appeal_version()  # a new letter starts from the copied text's
    assert _row("offlabel-appeal", "built-in").status == "Built-in"
    assert service.new_id_problem("northwind-appeal") == (
        "a template with id 'northwind-appeal' already exists"
    )


@pytest.mark.parametrize("bad", ["Northwind", "north wind", "-x", "", "a" * 70, "x/../y"])
def test_bad_new_ids_are_explained(bad: str) -> None:
    assert "lowercase letters" in (service.new_id_problem(bad) or "")


def test_shared_folder_templates_are_listed_and_saved_there(tmp_path: Path) -> None:
    save_settings(PracticeSettings(shared_templates_dir=str(tmp_path)))
    text = service.duplicate_text(_appeal_text(), "practice-appeal", "Practice appeal")
    saved = service.save_template_text(text, "shared")
    assert saved.status == "Shared folder"
    assert (tmp_path / "practice-appeal.letter").is_file()


def test_saving_to_the_shared_folder_without_one_says_what_to_do() -> None:
    with pytest.raises(TemplateError) as caught:
        service.save_template_text(_appeal_text(), "shared")
    assert "Settings" in str(caught.value)


def test_history_and_restore_through_the_service() -> None:
    first = service.save_template_text(service.duplicate_text(_appeal_text(), "mine", "Mine"))
    changed = service.read_template_file(first.path).replace("Dear Appeals", "Dear")
    service.save_template_text(changed)
    history = service.template_history("mine")
    first_version, second = _appeal_version(), _appeal_version(1)
    assert [(v.version, v.current) for v in history] == [(second, True), (first_version, False)]
    assert "Dear Appeals Reviewer:" in service.template_version_text("mine", first_version)
    restored = service.restore_template_version("mine", first_version)
    assert restored.version == _appeal_version(2)
    assert "Dear Appeals Reviewer:" in service.read_template_file(restored.path)


def test_import_refuses_a_broken_file_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.letter"
    text = _appeal_text().replace("case.patient.name }}", "case.patient.nmae }}", 1)
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        service.import_template_file(broken)
    assert caught.value.line == _line_of(text, "case.patient.nmae")
    assert "did you mean 'name'" in str(caught.value)
    assert "broken.letter" in str(caught.value)


def test_import_and_export_round_trip(tmp_path: Path) -> None:
    info = service.import_template_file(DOCS_EXAMPLES[0])
    target = tmp_path / "out" / "copy.letter"
    target.parent.mkdir()
    service.export_template_file(service.read_template_file(info.path), target)
    assert target.read_text(encoding="utf-8") == DOCS_EXAMPLES[0].read_text(encoding="utf-8")


def test_delete_custom_but_never_built_in() -> None:
    service.save_template_text(service.duplicate_text(_appeal_text(), "temp-letter", "Temp"))
    service.delete_custom_template("temp-letter")
    assert all(t.id != "temp-letter" for t in service.template_catalog())
    with pytest.raises(TemplateError, match="cannot be deleted"):
        service.delete_custom_template("offlabel-appeal")


def test_preview_renders_unsaved_text_to_pdf(examples_dir: Path) -> None:
    text = _appeal_text().replace("Dear Appeals Reviewer:", "To the Appeals Reviewer:")
    pdf = template_preview.preview_template_pdf(text, examples_dir / "commercial-appeal.json")
    assert pdf.startswith(b"%PDF")


def test_preview_failure_is_in_words_with_the_line(examples_dir: Path) -> None:
    text = _appeal_text().replace(
        "<p>Dear Appeals Reviewer:</p>", "<p>{{ case.denial.reason.x.y }}</p>"
    )
    with pytest.raises(TemplateError) as caught:
        template_preview.preview_template_pdf(text, examples_dir / "commercial-appeal.json")
    assert caught.value.line == _line_of(text, "reason.x.y")
    assert "Traceback" not in str(caught.value)


def test_example_cases_have_readable_names() -> None:
    labels = [c.label for c in template_preview.example_cases()]
    assert "Commercial appeal" in labels
    assert "Hostile strings" not in labels  # a test file, not a sample an admin previews with


@pytest.mark.parametrize("path", DOCS_EXAMPLES, ids=lambda p: p.stem)
def test_docs_examples_lint_clean_and_render(path: Path, examples_dir: Path) -> None:
    assert [p for p in service.validate_template_file(path) if p.severity == "error"] == []
    case = "commercial-appeal.json" if "peer" in path.stem else "commercial-preauth.json"
    text = path.read_text(encoding="utf-8")
    pdf = template_preview.preview_template_pdf(text, examples_dir / case)
    assert pdf.startswith(b"%PDF")


def test_a_custom_template_requiring_the_ndc_makes_a_missing_ndc_an_error(
    pa_letter_home: Path, examples_dir: Path
) -> None:
    case = load_case(examples_dir / "commercial-appeal.json")
    assert case.drug.ndc is None
    assert not check_case(case).has_errors
    text = _appeal_text().replace("required_fields = []", 'required_fields = ["drug.ndc"]')
    folder = pa_letter_home / "templates"
    folder.mkdir()
    (folder / "offlabel-appeal.letter").write_text(text, encoding="utf-8")
    report = check_case(case)  # the custom copy replaces the built-in for appeals
    missing = [
        (f.code, f.field, f.severity.value) for f in report.findings if f.field == "drug.ndc"
    ]
    assert missing == [("required.missing", "drug.ndc", "error")]
    assert report.template_id == "offlabel-appeal"
    with pytest.raises(Exception, match="must be fixed first"):
        render_letter(case, fmt="pdf")
    case.drug.ndc = "50242-0060-01"
    letter = render_letter(case, fmt="pdf")
    assert (letter.template_id, letter.template_version) == ("offlabel-appeal", _appeal_version())
    used = next(t for t in service.list_templates() if t.id == "offlabel-appeal")
    assert (letter.template_hash, used.location) == (used.content_hash, "user")
