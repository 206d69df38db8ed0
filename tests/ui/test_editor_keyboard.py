"""Filling a case from the keyboard: choices picked by typing, readable suggestions, row buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.ui.editor.completers import MAX_POPUP_EMS
from desktop_app.ui.editor.dropdowns import ChoiceBox
from tests.ui._editor_support import make_editor


def _type_keys(widget: QComboBox, text: str) -> None:
    # Real key presses (QTest maps ASCII to keys), so spaces arrive as Key_Space.
    QTest.keyClicks(widget, text)


def test_typing_a_plan_type_with_spaces_picks_it_and_closes_nothing(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("payer.plan_type")
    box = QApplication.focusWidget()
    assert isinstance(box, ChoiceBox)
    _type_keys(box, "Medicare Part D")
    assert box.currentText() == "Medicare Part D"
    assert not box.view().isVisible()  # the space did not open the list
    assert editor.case().payer.plan_type == "medicare_part_d"


def test_typing_again_after_a_pause_starts_a_new_search(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("payer.plan_type")
    box = QApplication.focusWidget()
    assert isinstance(box, ChoiceBox)
    _type_keys(box, "commercial (s")
    assert box.currentText() == "Commercial (self-funded / ERISA)"  # case does not matter
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    _type_keys(box, "Medicaid")
    assert box.currentText() == "Medicaid"
    _type_keys(box, "zzz")  # matches nothing: the choice stays
    assert box.currentText() == "Medicaid"


def test_a_space_alone_still_opens_the_list(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("payer.plan_type")
    box = QApplication.focusWidget()
    assert isinstance(box, ChoiceBox)
    QTest.keyClick(box, Qt.Key.Key_Space)
    qtbot.waitUntil(box.view().isVisible)
    box.hidePopup()


def test_icd_suggestions_are_wide_enough_to_read(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.resize(700, 600)
    form = editor.forms["diagnosis"]
    editor.focus_field("diagnosis.icd10")
    form.icd10.setText("lung")
    form.completer.refresh()
    popup = form.completer.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    metrics = popup.fontMetrics()
    texts = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert texts
    assert popup.width() > form.icd10.width()
    # Descriptions read whole (up to a sane width), so lobe and side can be told apart.
    widest = max(metrics.horizontalAdvance(t) for t in texts)
    cap = MAX_POPUP_EMS * metrics.horizontalAdvance("M")
    assert popup.viewport().width() >= min(widest, cap - 4 * metrics.averageCharWidth())
    popup.hide()


def test_row_buttons_are_short_and_name_their_keys(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    evidence = editor.lists["evidence"]
    buttons = {b.text(): b for b in evidence.findChildren(QPushButton)}
    assert set(buttons) == {"Add", "Remove", "Move up", "Move down", "Undo", "Import…"}
    assert "Alt+Ins" in buttons["Add"].toolTip()
    assert "Ctrl+V" in buttons["Import…"].toolTip()
    assert "Ctrl+Z" in buttons["Undo"].toolTip()
    editor.show_section("evidence")
    QApplication.processEvents()
    # The citation list gets more room than the button column beside it.
    assert evidence.table.width() > buttons["Move down"].width()


def test_an_empty_directory_says_where_prescribers_come_from(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    picker = editor.forms["prescriber"].picker
    picker.clear()
    editor.forms["prescriber"]._reference = type(  # an empty directory
        "Empty", (), {"prescribers": staticmethod(list)})()
    editor.refresh_directory()
    assert not picker.isEnabled()
    assert "Settings" in picker.currentText()
