"""Keys that mean different things in different places: Ctrl+Z in the case list and in a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.ui.case_list import COL_PATIENT
from desktop_app.ui.first_run import load_examples_if_first_run
from tests.ui.conftest import click_in_next_dialog, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _names(window: Any) -> list[str]:
    proxy = window.list_pane.proxy
    return [proxy.index(row, COL_PATIENT).data() for row in range(proxy.rowCount())]


def _activate(window: Any, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def _delete_first_case(window: Any, qtbot: Any) -> Any:
    window.list_pane.table.selectRow(0)
    victim = window.list_pane.current_case_id()
    qtbot.waitUntil(lambda: window.page.case_id == victim)
    _activate(window, qtbot)
    window.list_pane.table.setFocus()
    seen = click_in_next_dialog("&Yes")
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Delete)
    assert seen.get("clicked") == "Yes"
    return victim


def _open_with_evidence(window: Any, qtbot: Any) -> Any:
    for summary in window.store.list_cases():
        if len(window.store.get_case(summary.id).case.evidence) >= 2:
            window.open_case(summary.id)
            qtbot.waitUntil(lambda: window.page.stored is not None)
            return summary
    raise AssertionError("no example case with two evidence items")


def test_ctrl_z_in_the_evidence_table_undoes_the_row_not_the_delete(
    store: Any, make_window: Any, qtbot: Any
) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    before = _names(window)
    _delete_first_case(window, qtbot)
    assert window.menu_actions.undo_delete.isEnabled()  # a deleted case waits for Ctrl+Z
    after_delete = _names(window)

    _open_with_evidence(window, qtbot)
    evidence = window.page.editor.lists["evidence"]
    window.page.editor.focus_field("evidence")
    rows = len(evidence.items())
    evidence.select_row(0)
    evidence.table.setFocus()
    _activate(window, qtbot)
    qtbot.keyClick(evidence.table, Qt.Key.Key_Delete)
    assert len(evidence.items()) == rows - 1
    qtbot.keyClick(evidence.table, Qt.Key.Key_Z, CTRL)
    assert len(evidence.items()) == rows  # the table's own undo fired
    assert _names(window) == after_delete  # and the deleted case stayed deleted

    # In the list, Ctrl+Z brings the case back.
    window.list_pane.table.setFocus()
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL)
    assert sorted(_names(window)) == sorted(before)


def test_ctrl_z_in_a_text_field_undoes_typing(store: Any, make_window: Any, qtbot: Any) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    _delete_first_case(window, qtbot)
    count = len(_names(window))
    window.list_pane.table.selectRow(0)
    qtbot.waitUntil(lambda: window.page.stored is not None)
    _activate(window, qtbot)
    window.page.editor.focus_field("patient.phone")
    box = QApplication.focusWidget()
    assert isinstance(box, QLineEdit)
    original = box.text()
    type_text(box, "9")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.text() == original
    assert len(_names(window)) == count


def test_edit_menu_undo_delete_works_wherever_the_focus_is(
    store: Any, make_window: Any, qtbot: Any
) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    before = _names(window)
    victim = _delete_first_case(window, qtbot)
    assert window.focusWidget() is window.list_pane.table  # ready for Ctrl+Z
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.list_pane.search.setFocus()
    window.menu_actions.undo_delete.trigger()
    assert sorted(_names(window)) == sorted(before)
    assert window.page.case_id == victim


def test_enter_in_the_search_opens_the_case_ready_for_typing(
    store: Any, make_window: Any, qtbot: Any
) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    _activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    type_text(window.list_pane.search, "whitcombe")
    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_Return)
    assert window.page.current_case().patient.name == "Harold T. Whitcombe"
    focus = QApplication.focusWidget()
    assert focus is not None and window.page.editor.isAncestorOf(focus)
    # Alt+Y reaches the payer from anywhere in the window, the search box included.
    window.list_pane.search.setFocus()
    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert window.page.editor.current_section() == "payer"
    assert window.list_pane.search.text() == "whitcombe"  # no stray "y" typed
