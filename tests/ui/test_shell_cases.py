"""Staff work in the main window: new case, live checks, autosave, reopen, delete and undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.services.cases import open_case_store
from desktop_app.ui.case_list import COL_PATIENT
from desktop_app.ui.first_run import load_examples_if_first_run
from tests.ui.conftest import click_in_next_dialog, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _activate(window: Any, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def _fields(window: Any) -> set[str | None]:
    return {f.field for f in window.page.findings_panel.findings()}


def _names(window: Any) -> list[str]:
    proxy = window.list_pane.proxy
    return [proxy.index(row, COL_PATIENT).data() for row in range(proxy.rowCount())]


def test_new_case_typed_is_checked_live_saved_and_there_after_reopening(
    window: Any, qtbot: Any, make_window: Callable[[Any], Any]
) -> None:
    assert window.list_pane.stack.currentWidget() is window.list_pane.empty
    _activate(window, qtbot)
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.page.stored is not None)
    qtbot.waitUntil(lambda: "patient.name" in _fields(window))
    assert window.page.side.tabText(0).startswith("Checks (")
    name_box = QApplication.focusWidget()
    type_text(name_box, "José Núñez-Lê")
    qtbot.waitUntil(lambda: "patient.name" not in _fields(window))
    assert "patient.dob" in _fields(window)  # other findings stand until fixed
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=3000)
    qtbot.waitUntil(lambda: "José Núñez-Lê" in _names(window), timeout=3000)
    window.close()

    again = make_window(open_case_store())
    assert _names(again) == ["José Núñez-Lê"]
    again.list_pane.select_case(window.page.case_id)
    qtbot.waitUntil(lambda: again.page.stored is not None)
    assert again.page.current_case().patient.name == "José Núñez-Lê"
    assert again.page.current_case().letter.kind == "preauth"


def test_closing_right_after_typing_loses_nothing(
    window: Any, qtbot: Any, make_window: Callable[[Any], Any]
) -> None:
    window.new_case()
    type_text(QApplication.focusWidget(), "Zoë")
    assert window.page.autosave.pending
    window.close()  # never asks; saves at once
    again = make_window(open_case_store())
    assert _names(again) == ["Zoë"]


def test_first_run_lists_the_examples_once(store: Any, make_window: Any) -> None:
    added = load_examples_if_first_run(store)
    assert added >= 3
    assert load_examples_if_first_run(store) == 0
    window = make_window(store)
    assert len(_names(window)) == added
    assert window.list_pane.count.text() == f"{added} cases"
    # The sample that proves odd text prints as typed is for tests, not a new office's list.
    assert not [n for n in _names(window) if any(m in n for m in ("<", "&amp;", "{{", "**"))]


def test_delete_is_confirmed_and_ctrl_z_brings_it_back(
    store: Any, make_window: Any, qtbot: Any
) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    before = _names(window)
    window.list_pane.table.selectRow(0)
    victim = window.list_pane.current_case_id()
    qtbot.waitUntil(lambda: window.page.case_id == victim)
    _activate(window, qtbot)
    window.list_pane.table.setFocus()
    seen = click_in_next_dialog("&No")
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Delete)
    assert seen.get("clicked") == "No"
    assert _names(window) == before

    _activate(window, qtbot)
    window.list_pane.table.setFocus()
    seen = click_in_next_dialog("&Yes")
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Delete)
    assert "Undo" in seen["text"]
    assert len(_names(window)) == len(before) - 1
    assert window.page.stored is None
    assert window.menu_actions.undo_delete.isEnabled()

    _activate(window, qtbot)
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL)
    assert sorted(_names(window)) == sorted(before)
    assert window.page.case_id == victim
    assert not window.menu_actions.undo_delete.isEnabled()


def test_del_in_a_text_field_deletes_text_not_the_case(store: Any, make_window: Any,
                                                       qtbot: Any) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    count = len(_names(window))
    window.list_pane.table.selectRow(0)
    qtbot.waitUntil(lambda: window.page.stored is not None)
    _activate(window, qtbot)
    window.page.editor.focus_field("patient.name")
    box = QApplication.focusWidget()
    box.home(False)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert QApplication.activeModalWidget() is None
    assert len(_names(window)) == count


def test_duplicate_opens_a_copy(store: Any, make_window: Any, qtbot: Any) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    window.list_pane.table.selectRow(0)
    qtbot.waitUntil(lambda: window.page.stored is not None)
    original = window.page.case_id
    name = window.page.current_case().patient.name
    window.menu_actions.duplicate.trigger()
    assert window.page.case_id != original
    assert window.page.current_case().patient.name == name
    assert _names(window).count(name) == 2


def test_autosave_keeps_the_status_buttons_and_the_header_current(
    store: Any, make_window: Any, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QPushButton

    load_examples_if_first_run(store)
    window = make_window(store)
    window.list_pane.table.selectRow(0)
    qtbot.waitUntil(lambda: window.page.stored is not None)
    header = window.page.header
    buttons = header.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Ready for signature"]
    revision = window.page.stored.revision
    _activate(window, qtbot)
    window.page.editor.focus_field("patient.name")
    type_text(QApplication.focusWidget(), " Jr")
    qtbot.waitUntil(lambda: window.page.stored.revision > revision, timeout=3000)
    assert header.findChildren(QPushButton) == buttons  # not rebuilt on every save
    assert header.title.text().split(" — ")[0].endswith(" Jr")
    buttons[0].click()
    assert window.page.stored.status == "ready_for_signature"
    qtbot.waitUntil(lambda: [b.text() for b in header.findChildren(QPushButton)
                             if b.isVisible()] == ["Sign…", "Mark signed on paper…",
                                                   "Back to draft"])
