"""Practice templates per case: the Letter section offers them, the case remembers one, and
the checklist, preview and export use it."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.domain.case import Case, Letter
from tests.ui._editor_support import make_editor


def _items(box: Any) -> list[Any]:
    return [box.itemData(i) for i in range(box.count())]


def test_the_letter_section_offers_the_templates_that_fit_the_kind(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth")))
    box = editor.forms["letter"].template
    assert _items(box) == [None, "offlabel-preauth", "harbor-preauth"]
    box.setCurrentIndex(box.findData("harbor-preauth"))
    assert editor.case().letter.template == "harbor-preauth"
    editor.forms["letter"].kind.set_value("appeal")  # an appeal needs an appeal template
    assert _items(box) == [None, "offlabel-appeal"]
    assert editor.case().letter.template is None


def test_a_removed_template_stays_named_on_the_case(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth", template="gone-letter")))
    box = editor.forms["letter"].template
    assert "not found" in box.currentText()
    assert editor.case().letter.template == "gone-letter"  # not silently dropped


def _save_practice_template() -> None:
    from desktop_app.letters.templates import builtin_templates_dir
    from desktop_app.services.template_sources import user_templates_dir

    text = (builtin_templates_dir() / "offlabel-preauth.letter").read_text("utf-8")
    text = text.replace('id = "offlabel-preauth"', 'id = "harbor-preauth"').replace(
        'title = "Off-label prior authorization request (letter of medical necessity)"',
        'title = "Harbor Oncology request"',
    ).replace("Dear Medical Director:", "Dear Harbor reviewer:")
    text = text.replace('required_fields = []', 'required_fields = ["payer.fax"]')
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "harbor-preauth.letter").write_text(text, "utf-8")


def test_the_chosen_template_drives_checks_preview_and_export(
    store: Any, make_window: Any, qtbot: QtBot
) -> None:
    from desktop_app.services.render import render_letter

    _save_practice_template()
    window = make_window(store)
    window.new_case()
    page = window.page
    qtbot.waitUntil(lambda: page.stored is not None)
    box = page.editor.forms["letter"].template
    assert box.findData("harbor-preauth") > 0  # a template saved under a new id is offered
    box.setCurrentIndex(box.findData("harbor-preauth"))
    report = page.checker.check_now()
    assert report.template_id == "harbor-preauth"
    assert "payer.fax" in {f.field for f in report.findings}  # that template's own rule
    page.flush()
    stored = store.get_case(page.case_id)
    assert stored.case.letter.template == "harbor-preauth"  # the case remembers it
    letter = render_letter(stored.case, fmt="pdf", override_reason="test")
    assert letter.template_id == "harbor-preauth"
    assert "Dear Harbor reviewer:" in _pdf_text(letter.data)
    page.refresh_preview()
    qtbot.waitUntil(lambda: page.preview.last is not None, timeout=20000)


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
