"""Staff paste a denial, confirm what was read, and get an appeal that answers each reason."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QDialogButtonBox

from desktop_app.services.render import render_letter
from desktop_app.ui.denial_dialog import DenialDialog
from tests.conftest import EXAMPLES
from tests.ui.conftest import click_in_next_dialog

LETTER = EXAMPLES / "denials" / "01-medicare-advantage-part-b-drug.txt"


def _appeal_case(store: Any) -> Any:
    data = json.loads((EXAMPLES / "expedited-appeal.json").read_text("utf-8"))
    data["denial"] = {"reference_number": "", "reason": ""}
    from desktop_app.domain.casefile import parse_case

    return store.create_case(parse_case(data))


def _confirm_all(dialog: DenialDialog) -> None:
    for box in dialog.form.findChildren(QCheckBox):
        if box.text() == "Confirmed":
            box.setChecked(True)


def test_nothing_can_be_saved_until_every_read_value_is_confirmed(qtbot: Any) -> None:
    dialog = DenialDialog("read")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.paste.setPlainText(LETTER.read_text("utf-8"))
    dialog.read_button.click()
    assert dialog.steps.currentIndex() == 1
    form = dialog.form
    assert form.date.widget.value() == dt.date(2026, 11, 9)
    assert form.reference.widget.value() == "OD-2026-118734"
    assert "Reference number: OD-2026-118734" in form.reference.found.text()
    assert not dialog.save.isEnabled()
    assert "Still to confirm: Denial date" in dialog.waiting.text()
    # Correcting a value confirms it; the others still need their box ticked.
    form.reference.widget.setText("OD-2026-118735")
    assert form.reference.confirmed.isChecked()
    assert not dialog.save.isEnabled()
    _confirm_all(dialog)
    assert dialog.save.isEnabled() and dialog.waiting.text() == ""
    dialog.save.click()
    confirmed = dialog.confirmed
    assert confirmed is not None and confirmed.reference_number == "OD-2026-118735"
    assert [c for c, _t in confirmed.reasons] == ["not_medically_necessary", "not_in_compendia"]


def _file_mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def _drop(dialog: DenialDialog, path: Path) -> None:
    dialog.paste.insertFromMimeData(_file_mime(path))


def test_a_dropped_pdf_is_read_and_a_scan_is_explained(qtbot: Any, tmp_path: Path) -> None:
    from tests.unit.services.test_denial_intake import _pdf

    dialog = DenialDialog("read")
    qtbot.addWidget(dialog)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_pdf([]))
    _drop(dialog, scan)
    qtbot.waitUntil(lambda: "no text layer" in dialog.problem.text())
    assert dialog.steps.currentIndex() == 0
    assert not dialog.is_reading() and not dialog.paste.isReadOnly()
    good = tmp_path / "denial.pdf"
    good.write_bytes(_pdf(LETTER.read_text("utf-8").splitlines()))
    _drop(dialog, good)
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1)
    assert dialog.form.reference.widget.value() == "OD-2026-118734"


class _SlowRead:
    """read_denial_file held until the test lets it finish, as a long PDF holds it."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.calls = 0

    def __call__(self, path: Path) -> Any:
        from desktop_app.services.denial_intake import read_denial_file

        self.calls += 1
        self.go.wait(10)
        return read_denial_file(path)


@pytest.fixture
def reading(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> Iterator[tuple[Any, _SlowRead, Path]]:
    """A shown Read denial letter dialog whose file reads wait for `slow.go`, and a letter."""
    from desktop_app.ui import denial_dialog
    from tests.unit.services.test_denial_intake import _pdf

    slow = _SlowRead()
    monkeypatch.setattr(denial_dialog, "read_denial_file", slow)
    dialog = DenialDialog("read")
    qtbot.addWidget(dialog)
    dialog.show()
    good = tmp_path / "denial.pdf"
    good.write_bytes(_pdf(LETTER.read_text("utf-8").splitlines()))
    yield dialog, slow, good
    slow.go.set()  # a test that failed midway leaves no read waiting


def test_a_letter_is_read_in_the_background_and_the_dialog_says_so(
    qtbot: Any, reading: tuple[Any, _SlowRead, Path]
) -> None:
    dialog, slow, good = reading
    _drop(dialog, good)
    # The window answers while the letter is read: it says so, and takes no second letter.
    assert dialog.is_reading() and dialog.reading.isVisible()
    assert dialog.paste.isReadOnly()
    assert not any(b.isEnabled() for b in
                   (dialog.open_button, dialog.read_button, dialog.type_button))
    _drop(dialog, good)
    assert "Still reading" in dialog.problem.text()
    slow.go.set()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1)
    assert slow.calls == 1 and not dialog.is_reading()
    assert dialog.form.reference.widget.value() == "OD-2026-118734"
    assert dialog.open_button.isEnabled() and not dialog.paste.isReadOnly()
    # Dropped again on the values: the dialog goes back to the letter, where reading shows.
    slow.go.clear()
    mime = _file_mime(good)  # kept: the event does not own it
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(drop)
    assert dialog.steps.currentIndex() == 0 and dialog.reading.isVisible()
    slow.go.set()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1)
    assert slow.calls == 2


def test_cancel_while_reading_closes_at_once_and_keeps_nothing(
    reading: tuple[Any, _SlowRead, Path]
) -> None:
    from desktop_app.ui.workers import wait_for_tasks

    dialog, slow, good = reading
    _drop(dialog, good)
    assert dialog.is_reading()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    slow.go.set()
    assert wait_for_tasks()
    QApplication.processEvents()
    # The letter read after the cancel is dropped: nothing was proposed, nothing is kept.
    assert dialog.letter_read is None and dialog.confirmed is None
    assert dialog.steps.currentIndex() == 0 and dialog.paste.toPlainText() == ""


def test_paste_confirm_save_and_the_appeal_answers_each_reason(
    window: Any, store: Any, qtbot: Any
) -> None:
    stored = _appeal_case(store)
    window.load_cases()
    assert window.open_case(stored.id)

    def paste_and_confirm(dialog: Any) -> None:
        dialog.paste.setPlainText(LETTER.read_text("utf-8"))
        dialog.read_button.click()
        _confirm_all(dialog)

    seen = click_in_next_dialog("Save confirmed denial", paste_and_confirm)
    window.records.read_denial.trigger()
    assert seen.get("clicked") == "Save confirmed denial"
    qtbot.waitUntil(lambda: window.page.stored.case.denial.reasons is not None)
    case = window.page.stored.case
    assert case.denial.reference_number == "OD-2026-118734"
    assert case.denial.stated_deadline == dt.date(2027, 1, 13)
    kept = Path(case.attachments[-1].path)
    assert kept.read_text("utf-8") == LETTER.read_text("utf-8")
    # The editor shows the confirmed reasons in the Denial section.
    reasons = window.page.editor.forms["denial"].fields["reasons"]
    assert [r.category.value() for r in reasons.rows] == [
        "not_medically_necessary", "not_in_compendia"
    ]
    # The appeal quotes each reason under its own heading and answers it.
    letter = render_letter(window.page.current_case(), fmt="pdf", override_reason="test")
    from tests.unit.export import probes

    text = " ".join(probes.normalize(p) for p in probes.pdf_pages(letter.data))
    assert "Reason 1: Not medically necessary" in text
    assert "Reason 2: Not supported by the compendia" in text
    assert "“We denied this request because the requested drug is not medically necessary" \
        in text


def test_cancel_saves_nothing(window: Any, store: Any) -> None:
    stored = _appeal_case(store)
    window.load_cases()
    window.open_case(stored.id)
    click_in_next_dialog("Cancel")
    window.records.read_denial.trigger()
    assert store.get_case(stored.id).case.denial.reference_number == ""
    assert QApplication.activeModalWidget() is None


def test_reasons_are_edited_in_the_denial_section(window: Any, store: Any, qtbot: Any) -> None:
    stored = _appeal_case(store)
    window.load_cases()
    window.open_case(stored.id)
    field = window.page.editor.forms["denial"].fields["reasons"]
    field.add_button.click()
    row = field.rows[0]
    row.category.set_value("step_therapy")
    row.text.setPlainText("Must try bevacizumab-awwb first.")
    row.response.setPlainText("A biosimilar was tried in 2025 (infusion reaction).")
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=4000)
    saved = store.get_case(stored.id).case.denial
    assert saved.reasons[0].category == "step_therapy"
    assert saved.reasons[0].response.startswith("A biosimilar")


def test_checklist_names_the_stated_reasons_not_the_off_label_reasons() -> None:
    from desktop_app.ui.editor.labels import field_label

    assert field_label("denial.reasons") == "Denial, stated reasons"
    assert field_label("denial.reasons.2") == "Denial, stated reason 3"
    assert field_label("off_label.reasons") == "Off-label use, what is off-label"


def test_a_late_appeal_says_why_and_the_checklist_asks_for_good_cause(
    window: Any, store: Any, qtbot: Any
) -> None:
    from PySide6.QtTest import QTest

    data = json.loads((EXAMPLES / "expedited-appeal.json").read_text("utf-8"))
    data["denial"]["date"] = "2025-01-02"  # long past every window
    from desktop_app.domain.casefile import parse_case

    stored = store.create_case(parse_case(data))
    window.load_cases()
    window.open_case(stored.id)
    page = window.page
    codes = lambda: [f.code for f in page.findings_panel.findings()]  # noqa: E731
    qtbot.waitUntil(lambda: "appeal.deadline_passed" in codes(), timeout=4000)
    # Staff find the field from the checklist's words and type the good cause into it.
    page.editor.focus_field("denial.late_reason")
    box = QApplication.focusWidget()
    assert box is page.editor.forms["denial"].fields["late_reason"]
    QTest.keyClicks(box, "The notice reached us on November 18.")
    qtbot.waitUntil(lambda: "appeal.filed_late" in codes(), timeout=4000)
    assert "appeal.deadline_passed" not in codes()
    qtbot.waitUntil(lambda: not page.autosave.pending, timeout=4000)
    saved = store.get_case(stored.id).case.denial
    assert saved.late_reason == "The notice reached us on November 18."
