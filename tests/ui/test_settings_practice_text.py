"""Settings as an admin types a letterhead the letters cannot carry: said on the field first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from desktop_app.domain.findings import Finding, Severity
from desktop_app.services.settings import load_practice_settings
from desktop_app.ui.editor import CaseEditor
from desktop_app.ui.findings_panel import FindingsPanel
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.ui._editor_support import FakeReference
from tests.ui.conftest import type_text


@pytest.fixture
def dialog(qtbot: Any) -> SettingsDialog:
    widget = SettingsDialog()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_direction_override_in_the_practice_name_is_said_on_the_field_and_not_saved(
    dialog: SettingsDialog,
) -> None:
    type_text(dialog.letterhead_tab.practice_name, "Riverside ")
    assert dialog.notes.text("letterhead.name") == ""
    type_text(dialog.letterhead_tab.practice_name, "\u202eygolocnO")  # pasted from a web page, say
    note = dialog.notes.text("letterhead.name")
    assert "The practice name holds U+202E RIGHT-TO-LEFT OVERRIDE" in note
    assert "\u202e" not in note
    assert dialog.notes.labels["letterhead.name"].isVisible()
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problems.isVisible()
    assert "The practice name holds U+202E" in dialog.problems.text()
    assert "\u202e" not in dialog.problems.text()
    assert load_practice_settings().letterhead.name == ""  # nothing saved
    typed = dialog.letterhead_tab.practice_name.text()
    assert typed == "Riverside \u202eygolocnO"  # the typing is kept


def test_arabic_in_the_practice_name_is_warned_about_and_can_be_saved(
    dialog: SettingsDialog,
) -> None:
    type_text(dialog.letterhead_tab.practice_name, "مركز الأورام")
    note = dialog.notes.text("letterhead.name")
    assert "Arabic or Hebrew letters" in note and "Word file" in note
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_practice_settings().letterhead.name == "مركز الأورام"


def test_markup_in_the_letterhead_is_plain_text_with_no_note(dialog: SettingsDialog) -> None:
    type_text(dialog.letterhead_tab.practice_name, "<b>Riverside</b> &amp; {{ x }}")
    type_text(dialog.letterhead_tab.phone, "555-0100 <i>x2</i>")
    assert dialog.notes.text("letterhead.name") == dialog.notes.text("letterhead.phone") == ""
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_practice_settings().letterhead.name == "<b>Riverside</b> &amp; {{ x }}"


def test_a_prescriber_row_with_a_control_character_is_named_by_its_row(
    dialog: SettingsDialog,
) -> None:
    row = dialog.directory_tab.add_prescriber(None, edit=False)
    dialog.directory_tab.table.item(row, 0).setText("Dr. Ada\x00 Fictional")
    dialog.directory_tab.table.item(row, 2).setText("1234567893")
    assert "Prescriber row 1's name holds U+0000" in dialog.notes.text("prescribers")
    dialog.save()
    assert "Prescriber row 1's name holds U+0000" in dialog.problems.text()
    assert load_practice_settings().prescribers == []


def test_a_hand_edited_settings_file_shows_its_problem_on_opening_and_keeps_the_text(
    qtbot: Any, pa_letter_home: Path
) -> None:
    stored = {"letterhead": {"name": "Riverside\u2067 Oncology", "fax": "555 𝔄"}}
    (pa_letter_home / "settings.json").write_text(json.dumps(stored), "utf-8")
    opened = SettingsDialog()
    qtbot.addWidget(opened)
    opened.show()
    assert "U+2067 RIGHT-TO-LEFT ISOLATE" in opened.notes.text("letterhead.name")
    assert "cannot print" in opened.notes.text("letterhead.fax")
    assert opened.letterhead_tab.practice_name.text() == "Riverside\u2067 Oncology"
    assert not opened.has_changes()


def test_a_practice_finding_on_the_checklist_says_where_in_settings_it_is(qtbot: Any) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    editor = CaseEditor(reference=FakeReference())
    qtbot.addWidget(editor)
    panel.set_findings([
        Finding("practice.unsafe_characters", Severity.ERROR, "settings.letterhead.name",
                "In Settings, the practice name holds U+202E RIGHT-TO-LEFT OVERRIDE"),
        Finding("practice.unprintable", Severity.WARNING, "settings.prescribers.1.credentials",
                "In Settings, prescriber row 2's credentials has a character the PDF cannot "
                "print"),
    ])
    texts = [panel.list.item(row).text() for row in range(panel.list.count())]
    assert any("Settings ▸ Letterhead, name" in text for text in texts)
    assert any("Settings ▸ Prescribers, row 2, credentials" in text for text in texts)
    # Not a case field: activating it leaves the case form as it is.
    assert editor.focus_field("settings.letterhead.name") is False
