"""A checklist finding about the practice's settings opens Settings at the field it names,
as a finding about the case puts the cursor in the case's field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.ui.findings_panel import KEY_ROLE
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import click_in_next_dialog

FIELD = "settings.letterhead.name"


def _row_of(window: Any, field: str) -> int | None:
    panel = window.page.findings_panel
    for row in range(panel.list.count()):
        key = panel.list.item(row).data(KEY_ROLE)
        if key is not None and key[1] == field:
            return row
    return None


def test_activating_a_letterhead_finding_opens_settings_at_that_field(
    window: Any, qtbot: Any, pa_letter_home: Path
) -> None:
    settings = {"letterhead": {"name": "Riverside\u202e Oncology", "fax": "555-201-7788"}}
    (pa_letter_home / "settings.json").write_text(json.dumps(settings), "utf-8")
    window.new_case()
    qtbot.waitUntil(lambda: _row_of(window, FIELD) is not None, timeout=5000)
    seen: dict[str, Any] = {}

    def where_the_cursor_is(dialog: Any) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen["tab"] = dialog.tabs.tabText(dialog.tabs.currentIndex())
        seen["focus"] = dialog.focusWidget() is dialog.letterhead_tab.practice_name
        seen["text"] = dialog.letterhead_tab.practice_name.text()

    closed = click_in_next_dialog("Cancel", where_the_cursor_is)
    panel = window.page.findings_panel
    row = _row_of(window, FIELD)
    assert row is not None
    panel.list.setCurrentRow(row)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # as staff activate it from the keyboard
    qtbot.waitUntil(lambda: "clicked" in closed, timeout=5000)
    assert seen == {"tab": "&Letterhead", "focus": True, "text": "Riverside\u202e Oncology"}


def test_a_prescriber_field_selects_the_persons_row(qtbot: Any, pa_letter_home: Path) -> None:
    people = [{"name": "Dr. A. One", "npi": "1234567893"},
              {"name": "Dr. B. Two", "credentials": "MD\u2067", "npi": "1245319599"}]
    (pa_letter_home / "settings.json").write_text(json.dumps({"prescribers": people}), "utf-8")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.directory_tab.table
    assert dialog.focus_setting("prescribers.1.credentials")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "&Prescribers"
    assert (table.currentRow(), table.currentColumn()) == (1, 1)
    assert dialog.focus_setting("prescribers.0.tax_id")  # no column: the person's row
    assert (table.currentRow(), table.currentColumn()) == (0, 0)
    # A row the directory no longer has, or a path it has no field for: nothing moves.
    assert not dialog.focus_setting("prescribers.7.name")
    assert not dialog.focus_setting("letterhead.motto")
    assert not dialog.focus_setting("")
    assert (table.currentRow(), table.currentColumn()) == (0, 0)


def test_settings_opened_plainly_puts_the_cursor_in_practice_name(
    qtbot: Any, pa_letter_home: Path
) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.letterhead_tab.practice_name
