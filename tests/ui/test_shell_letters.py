"""Preview and export as staff use them, and the status workflow up to an appeal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QPushButton

from desktop_app.ui import export_flow
from desktop_app.ui.first_run import load_examples_if_first_run
from tests.ui.conftest import click_in_next_dialog, type_text


def _open(window: Any, qtbot: Any, patient_start: str) -> Any:
    """Open the example case whose patient name starts with `patient_start`."""
    for summary in window.store.list_cases():
        if summary.patient_name.startswith(patient_start):
            assert window.open_case(summary.id)
            qtbot.waitUntil(lambda: window.page.stored is not None)
            window.page.checker.check_now()
            return summary
    raise AssertionError(f"no example case for {patient_start}")


@pytest.fixture
def examples_window(store: Any, make_window: Any) -> Any:
    load_examples_if_first_run(store)
    return make_window(store)


def _with_errors(window: Any, qtbot: Any) -> Any:
    # The example that is meant to need work: it has error findings.
    for summary in window.store.list_cases():
        window.open_case(summary.id)
        report = window.page.checker.check_now()
        if report is not None and report.counts.get("error"):
            return summary
    raise AssertionError("no example case with errors")


def test_preview_shows_the_letter_and_says_when_not_ready(examples_window: Any,
                                                           qtbot: Any) -> None:
    window = examples_window
    _with_errors(window, qtbot)
    errors = sum(1 for f in window.page.findings if f.severity.value == "error")
    with qtbot.waitSignal(window.page.preview.rendered, timeout=20000):
        window.menu_actions.refresh_preview.trigger()  # F5
    preview = window.page.preview
    noun = "error" if errors == 1 else "errors"
    assert preview.title.text() == f"Preview — not ready to send: {errors} {noun}"
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.document.pageCount() >= 1
    assert window.page.side.currentWidget() is preview


def test_export_pdf_with_errors_asks_a_reason_and_records_it(
    examples_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = examples_window
    summary = _with_errors(window, qtbot)
    asked: list[str] = []

    def save_as(_parent: Any, _title: str, suggested: Path, fmt: str) -> Path:
        asked.append(suggested.name)
        return tmp_path / suggested.name

    monkeypatch.setattr(export_flow, "ask_save_path", save_as)

    def give_reason(dialog: Any) -> None:
        assert not dialog.ok.isEnabled()  # a reason is required
        type_text(dialog.reason, "Payer portal closes today; physician reviewed")
        assert dialog.ok.isEnabled()

    seen = click_in_next_dialog("Export anyway", give_reason)
    window.menu_actions.export_pdf.trigger()  # Ctrl+E
    assert seen.get("clicked") == "Export anyway"
    assert "error" in seen["text"]
    name = asked[0]
    assert summary.patient_name.split()[0].lower() not in name.lower()  # no PHI in file names
    target = tmp_path / name
    qtbot.waitUntil(lambda: bool(window.store.exports(summary.id)), timeout=20000)
    assert target.read_bytes().startswith(b"%PDF")
    record = window.store.exports(summary.id)[-1]
    assert record.fmt == "pdf"
    assert record.override_reason == "Payer portal closes today; physician reviewed"
    assert "Letter saved" in window.statusBar().currentMessage()


def test_cancelling_the_reason_exports_nothing(
    examples_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = examples_window
    summary = _with_errors(window, qtbot)
    monkeypatch.setattr(export_flow, "ask_save_path", lambda *a: tmp_path / "x.pdf")
    seen = click_in_next_dialog("Cancel")
    window.menu_actions.export_pdf.trigger()
    assert seen.get("clicked") == "Cancel"
    assert not (tmp_path / "x.pdf").exists()
    assert window.store.exports(summary.id) == []


def test_clean_case_exports_docx_without_questions(
    examples_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = examples_window
    summary = _open(window, qtbot, "Priya")
    assert not window.page.findings or all(
        f.severity.value != "error" for f in window.page.findings)
    monkeypatch.setattr(export_flow, "ask_save_path",
                        lambda _p, _t, suggested, _f: tmp_path / suggested.name)
    window.menu_actions.export_docx.trigger()  # Ctrl+Shift+E
    qtbot.waitUntil(lambda: bool(window.store.exports(summary.id)), timeout=20000)
    saved = list(tmp_path.glob("*.docx"))
    assert len(saved) == 1 and saved[0].read_bytes().startswith(b"PK")
    assert window.store.exports(summary.id)[-1].override_reason is None


def test_denied_case_is_appealed_through_the_workflow(examples_window: Any, qtbot: Any) -> None:
    window = examples_window
    summary = _open(window, qtbot, "Priya")
    page = window.page
    assert window.menu_actions.moves["ready_for_signature"].isEnabled()
    assert not window.menu_actions.moves["denied"].isEnabled()  # only legal moves
    assert not window.menu_actions.appeal.isEnabled()
    for status in ("ready_for_signature", "signed", "sent", "denied"):
        if status == "signed":  # signed in ink: the app asks before locking the version
            seen = click_in_next_dialog("Yes")
        if status == "denied":  # the app asks for the denial; staff record it later
            asked = click_in_next_dialog("Mark denied &only")
        window.menu_actions.moves[status].trigger()
        assert page.stored.status == status
    assert "signed on paper" in seen["text"]
    assert asked.get("clicked") == "Mark denied only"
    assert page.status.text().startswith("Status: Denied")
    assert window.menu_actions.appeal.isEnabled()
    assert "Appeal this denial" in [b.text() for b in page.findChildren(QPushButton)]
    window.menu_actions.appeal.trigger()
    assert page.case_id != summary.id
    appeal = page.current_case()
    assert appeal.letter.kind == "appeal"
    assert appeal.patient.name == "Priya Ramanathan"
    assert page.stored.parent_case_id == summary.id
    qtbot.waitUntil(lambda: "appeal.denial_missing" in {f.code for f in page.findings}
                    or any((f.field or "").startswith("denial") for f in page.findings))
    kinds = {s.letter_kind for s in window.store.list_cases() if s.patient_name.startswith("Priya")}
    assert kinds == {"preauth", "appeal"}


def test_signed_case_offers_a_new_version(examples_window: Any, qtbot: Any) -> None:
    window = examples_window
    _open(window, qtbot, "Priya")
    window.menu_actions.moves["ready_for_signature"].trigger()
    click_in_next_dialog("Yes")
    window.menu_actions.moves["signed"].trigger()
    page = window.page
    assert page.stored.locked
    # Editing a signed letter: the save is refused and the banner offers a new version.
    page.editor.focus_field("patient.phone")
    type_text(page.editor.focusWidget() or page.editor, "5")
    qtbot.waitUntil(lambda: page.banner.button("Start a new version") is not None)
    page.banner.button("Start a new version").click()
    assert page.stored.status == "draft"
    assert not page.stored.locked
    assert page.stored.version == 2


def test_ready_letter_offers_sign_and_paper_signing_keeps_the_override_rule(
    examples_window: Any, qtbot: Any
) -> None:
    window = examples_window
    _open(window, qtbot, "Beatrice")  # the draft that still has errors
    page = window.page
    qtbot.waitUntil(lambda: any(f.severity.value == "error" for f in page.findings))
    click_in_next_dialog("Yes")  # "still has errors. Mark it Ready for signature anyway?"
    assert page.workflow.move_to("ready_for_signature")
    qtbot.waitUntil(lambda: "Sign…" in [b.text() for b in page.header.findChildren(QPushButton)
                                        if b.isVisible()])
    texts = [b.text() for b in page.header.findChildren(QPushButton) if b.isVisible()]
    assert texts == ["Sign…", "Mark signed on paper…", "Back to draft"]

    # Errors and no override reason on record: marking it signed in ink is refused, in words.
    assert not page.workflow.move_to("signed")
    assert page.stored.status == "ready_for_signature"
    assert "no override reason on record" in page.banner.text.text()

    # The Sign… button opens the sign dialog for this very case.
    seen = click_in_next_dialog("Cancel")
    next(b for b in page.header.findChildren(QPushButton) if b.text() == "Sign…").click()
    assert seen.get("clicked") == "Cancel"
    assert "Beatrice Adeyemi-Cole" in seen["text"]
    assert page.stored.status == "ready_for_signature"
