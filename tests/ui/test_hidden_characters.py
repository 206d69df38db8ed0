"""Nothing hides: a name pasted with a right-to-left override or a zero-width space is flagged
on its field, and the checklist offers to remove them; the fix is saved like typing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from desktop_app.services.cases import open_case_store
from tests.ui.conftest import type_text

HIDDEN = "text.hidden_characters"


def _hidden_fields(window: Any) -> set[str | None]:
    return {f.field for f in window.page.findings_panel.findings() if f.code == HIDDEN}


def test_hidden_characters_are_flagged_and_removed_on_request(
    window: Any, qtbot: Any, make_window: Any
) -> None:
    window.new_case()
    qtbot.waitUntil(lambda: window.page.stored is not None)
    panel = window.page.findings_panel
    editor = window.page.editor
    type_text(QApplication.focusWidget(), "Ann \u202eeoJ")  # shows as "Ann Joe"
    editor.focus_field("payer.member_id")
    type_text(QApplication.focusWidget(), "XJW\u200b123")
    qtbot.waitUntil(lambda: _hidden_fields(window) == {"patient.name", "payer.member_id"})
    assert panel.remove_hidden.isVisible()
    assert panel.remove_hidden.text() == "Remove hidden characters (2 fields)"
    message = next(f.message for f in panel.findings() if f.field == "patient.name")
    assert "U+202E right-to-left override" in message

    panel.remove_hidden.click()
    qtbot.waitUntil(lambda: not _hidden_fields(window))
    assert not panel.remove_hidden.isVisible()
    case = window.page.current_case()
    assert (case.patient.name, case.payer.member_id) == ("Ann eoJ", "XJW123")
    assert editor.current_section() == "payer"  # the user stays where they were
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=3000)
    window.close()

    again = make_window(open_case_store())
    again.list_pane.select_case(window.page.case_id)
    qtbot.waitUntil(lambda: again.page.stored is not None)
    assert again.page.current_case().patient.name == "Ann eoJ"


def test_a_name_pasted_past_its_limit_is_flagged_not_lost(
    window: Any, qtbot: Any, make_window: Any
) -> None:
    window.new_case()
    qtbot.waitUntil(lambda: window.page.stored is not None)
    box = QApplication.focusWidget()
    box.setText("Dr " + "Q" * 150)  # pasted: one edit
    qtbot.waitUntil(lambda: any(
        f.code == "text.too_long" and f.field == "patient.name"
        for f in window.page.findings_panel.findings()))
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=3000)
    window.close()
    again = make_window(open_case_store())
    again.list_pane.select_case(window.page.case_id)
    qtbot.waitUntil(lambda: again.page.stored is not None)
    assert again.page.current_case().patient.name == "Dr " + "Q" * 150  # saved, opens again


def test_an_override_in_a_name_ends_with_the_name_in_the_header(
    window: Any, qtbot: Any
) -> None:
    window.new_case()
    qtbot.waitUntil(lambda: window.page.stored is not None)
    # A closer typed into the name must not end the isolate early and let the override out.
    type_text(QApplication.focusWidget(), "Ann \u2069\u202eeoJ")
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=3000)
    title = window.page.header.title.text()
    assert title == "\u2068Ann \u202eeoJ\u2069 — Pre-authorization"  # the kind reads as typed
    assert window.page.editor.case().patient.name == "Ann \u2069\u202eeoJ"  # stored as typed


def test_names_without_bidi_controls_are_shown_exactly(window: Any, qtbot: Any) -> None:
    window.new_case()
    qtbot.waitUntil(lambda: window.page.stored is not None)
    type_text(QApplication.focusWidget(), "Nadia Haddad")
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=3000)
    assert window.page.header.title.text() == "Nadia Haddad — Pre-authorization"
