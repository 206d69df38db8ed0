"""Settings as an office manager fills them in: letterhead, prescribers with checked NPIs, name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.services.settings import PracticeSettings, load_practice_settings
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import click_in_next_dialog, type_text


@pytest.fixture
def dialog(qtbot: Any) -> SettingsDialog:
    widget = SettingsDialog()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _add_prescriber(dialog: SettingsDialog, name: str, npi: str) -> None:
    row = dialog.directory_tab.add_prescriber(None)
    dialog.directory_tab.table.item(row, 0).setText(name)
    dialog.directory_tab.table.item(row, 1).setText("MD")
    dialog.directory_tab.table.item(row, 2).setText(npi)


def test_bad_npi_is_named_and_nothing_saved(dialog: SettingsDialog) -> None:
    type_text(dialog.letterhead_tab.practice_name, "Clínica Oncológica São José")
    _add_prescriber(dialog, "Dr. Ana Sousa", "1234567890")
    dialog.save()
    assert dialog.problems.isVisible()
    assert "Dr. Ana Sousa" in dialog.problems.text() and "NPI" in dialog.problems.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert load_practice_settings().letterhead.name == ""


def test_good_settings_are_saved_and_shown_next_time(
    dialog: SettingsDialog, qtbot: Any, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    type_text(dialog.letterhead_tab.practice_name, "Clínica Oncológica São José")
    type_text(dialog.letterhead_tab.address, "12 Rua Fictícia")
    qtbot.keyClick(dialog.letterhead_tab.address, Qt.Key.Key_Return)
    type_text(dialog.letterhead_tab.address, "Springfield, MA 01101")
    type_text(dialog.letterhead_tab.fax, "+1 555 010 0199")
    type_text(dialog.letterhead_tab.logo, str(logo))
    _add_prescriber(dialog, "Dr. Ana Sousa", "1234567893")
    dialog.directory_tab.add_prescriber(None)  # an empty row left behind is ignored
    type_text(dialog.user_name, "Front desk — Lê")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = load_practice_settings()
    assert saved.letterhead.name == "Clínica Oncológica São José"
    assert saved.letterhead.address.splitlines()[1] == "Springfield, MA 01101"
    assert [(p.name, p.npi) for p in saved.prescribers] == [("Dr. Ana Sousa", "1234567893")]
    assert saved.user_name == "Front desk — Lê"

    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.letterhead_tab.practice_name.text() == "Clínica Oncológica São José"
    table = again.directory_tab.table
    assert table.rowCount() == 1 and table.item(0, 2).text() == "1234567893"


def test_every_input_has_an_accessible_name(dialog: SettingsDialog) -> None:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTableWidget

    inputs = dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit)
    inputs += dialog.findChildren(QTableWidget)
    unnamed = [w for w in inputs if not w.accessibleName() and w.parent() is not None
               and not isinstance(w.parent(), QTableWidget)]
    # Editors Qt creates inside table cells while editing are labelled by the column header.
    assert [w for w in unnamed if w.objectName() != "qt_spinbox_lineedit"] == []


def test_a_prescriber_added_in_settings_is_offered_in_the_open_case(
    store: Any, make_window: Any, qtbot: Any
) -> None:
    from desktop_app.ui import file_actions

    window = make_window(store)
    window.new_case()
    qtbot.waitUntil(lambda: window.page.stored is not None)
    picker = window.page.editor.forms["prescriber"].picker
    assert not picker.isEnabled()  # an empty directory: nothing to pick yet

    def fill(dialog: Any) -> None:
        _add_prescriber(dialog, "Dr. Nguyễn Thị Lan", "1234567893")

    seen = click_in_next_dialog("Save", fill)
    assert file_actions.open_settings(window)
    assert seen.get("clicked") == "Save"
    assert picker.isEnabled()
    assert [picker.itemText(i) for i in range(1, picker.count())] == ["Dr. Nguyễn Thị Lan, MD"]
    assert window.statusBar().currentMessage() == "Settings saved."
    # Picking the new entry fills the open case's prescriber.
    picker.activated.emit(1)
    assert window.page.current_case().prescriber.npi == "1234567893"


def test_add_from_cases_fills_the_directory_and_the_signing_queue_sees_it(
    store: Any, qtbot: Any
) -> None:
    from desktop_app.services.settings import DirectoryPrescriber
    from desktop_app.ui.signing.queue import SignatureQueue
    from tests.unit.storage.sample import sample_case

    first = sample_case()
    first.prescriber.name = "Dr. Zoë <b>Ng&amp;uyễn</b>"
    first.prescriber.credentials = "MD"
    store.create_case(sample_case())  # an older case with the same NPI: the newest name wins
    store.create_case(first)
    queue = SignatureQueue(store)
    qtbot.addWidget(queue)
    # Even before Add from cases, the queue offers the prescriber the cases name (issue 13).
    before = [queue.physician.itemText(i) for i in range(queue.physician.count())]
    assert before == ["Dr. Zoë <b>Ng&amp;uyễn</b>, MD — NPI 1234567893"]

    listed = PracticeSettings(prescribers=[DirectoryPrescriber(name="Dr. Kept", npi="1245319599")])
    dialog = SettingsDialog(settings=listed, store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    directory = dialog.directory_tab
    qtbot.mouseClick(directory.from_cases, Qt.MouseButton.LeftButton)
    assert [directory.table.item(r, 0).text() for r in range(directory.table.rowCount())] == [
        "Dr. Kept", "Dr. Zoë <b>Ng&amp;uyễn</b>"
    ]
    assert directory.directory_note.text().startswith("Added 1 prescriber from your cases")
    qtbot.mouseClick(directory.from_cases, Qt.MouseButton.LeftButton)  # nothing new the 2nd time
    assert directory.table.rowCount() == 2
    assert "already in the directory" in directory.directory_note.text()
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted

    reopened = SignatureQueue(store)
    qtbot.addWidget(reopened)
    offered = [reopened.physician.itemText(i) for i in range(reopened.physician.count())]
    assert offered == ["Dr. Kept — NPI 1245319599",
                       "Dr. Zoë <b>Ng&amp;uyễn</b>, MD — NPI 1234567893"]


def test_without_a_case_store_add_from_cases_is_off(dialog: SettingsDialog) -> None:
    assert not dialog.directory_tab.from_cases.isEnabled()


def test_shared_templates_folder_is_checked_and_saved(
    dialog: SettingsDialog, tmp_path: Path
) -> None:
    from desktop_app.services.templates import list_templates

    repo_root = Path(__file__).resolve().parents[2]

    dialog.tabs.setCurrentIndex(3)
    type_text(dialog.shared_templates, str(tmp_path / "not-mounted"))
    dialog.save()
    assert "Shared templates folder" in dialog.problems.text()
    assert load_practice_settings().shared_templates_dir is None

    shared = tmp_path / "practice-templates"
    shared.mkdir()
    builtin = (repo_root / "templates" / "offlabel-preauth.letter").read_text(encoding="utf-8")
    (shared / "offlabel-preauth.letter").write_text(builtin, encoding="utf-8")
    dialog.shared_templates.clear()
    type_text(dialog.shared_templates, str(shared))
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_practice_settings().shared_templates_dir == str(shared)
    chosen = {t.id: t.location for t in list_templates()}
    assert chosen["offlabel-preauth"] == "shared"  # the practice's copy replaces the built-in
    assert chosen["offlabel-appeal"] == "built-in"


def test_cancel_with_typing_asks_before_discarding(dialog: SettingsDialog, qtbot: Any) -> None:
    assert not dialog.has_changes()
    dialog.reject()  # nothing typed: closes at once, no question
    assert dialog.result() == QDialog.DialogCode.Rejected

    again = SettingsDialog()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitActive(again)
    type_text(again.letterhead_tab.practice_name, "Riverside Oncology")
    seen = click_in_next_dialog("Cancel")
    qtbot.keyClick(again, Qt.Key.Key_Escape)  # Esc: keep editing when asked
    assert seen.get("clicked") == "Cancel"
    assert "not saved" in seen["text"]
    assert again.isVisible() and again.letterhead_tab.practice_name.text() == "Riverside Oncology"

    seen = click_in_next_dialog("Discard")
    again.reject()
    assert seen.get("clicked") == "Discard"
    assert not again.isVisible()
    assert load_practice_settings().letterhead.name == ""


def test_a_data_folder_others_may_change_is_a_standing_note_in_the_window(
    store: Any, make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services import data_folder

    window = make_window(store)
    window.load_cases()
    note = window.folder_notes[1]
    assert note.label is None or note.label.isHidden()  # this test's own folder: no note
    monkeypatch.setattr(data_folder, "others_may_change", lambda _folder: True)
    window.load_cases()
    assert note.label is not None and not note.label.isHidden()
    assert note.label.text() == "⚠ Data folder not private"
    assert "PA_LETTER_HOME" in note.label.toolTip()
    assert note.label.accessibleName() == "Data folder problem"
    monkeypatch.setattr(data_folder, "others_may_change", lambda _folder: False)
    window.load_cases()
    assert note.label.isHidden()
