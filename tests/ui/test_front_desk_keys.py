"""Keyboard and mouse traps staff hit while filling a case, each tried as staff would."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.findings import Finding, Severity
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.section_list import MNEMONIC_ROLE, TITLE_ROLE
from tests.ui._editor_support import focused, full_case, make_editor, show_active

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _wheel(widget: QWidget, notches: int = -1) -> None:
    """One wheel notch over the widget's middle, as a mouse sends it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


# -- 1. the wheel ------------------------------------------------------------------------------
def test_the_wheel_over_an_unfocused_plan_type_changes_nothing(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.show_section("payer")
    box = editor.forms["payer"].fields["plan_type"]
    before = editor.case().payer.plan_type
    editor.focus_field("payer.name")
    assert not box.hasFocus()
    _wheel(box)
    _wheel(box, 2)
    assert editor.case().payer.plan_type == before
    # The wheel never hands it the focus either (Qt's default WheelFocus would).
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_wheel_still_works_on_a_box_staff_chose(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.show_section("letter")
    box = editor.forms["letter"].fields["kind"]
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    before = box.currentIndex()
    _wheel(box, 1 if before > 1 else -1)
    assert box.currentIndex() != before


def test_the_wheel_over_letter_kind_and_ecog_is_ignored_too(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.focus_field("patient.name")
    for key, name in (("letter", "kind"), ("diagnosis", "ecog")):
        box = editor.forms[key].fields[name]
        index = box.currentIndex()
        _wheel(box)
        assert box.currentIndex() == index


# -- 2. window keys from every field, number fields --------------------------------------------
@pytest.fixture
def case_window(store: Any, make_window: Any, qtbot: QtBot, monkeypatch: Any) -> Any:
    from desktop_app.ui import file_actions

    window = make_window(store)
    window.new_case()
    qtbot.waitUntil(lambda: window.page.stored is not None)
    calls: list[str] = []
    monkeypatch.setattr(file_actions, "export_letter_as",
                        lambda _w, fmt: calls.append(fmt) or True)
    window.export_calls = calls
    show_active(qtbot, window)
    return window


@pytest.mark.parametrize("path", ["patient.name", "denial.amount_in_controversy",
                                  "off_label.rationale", "payer.plan_type", "drug.route"])
def test_ctrl_e_and_ctrl_shift_e_export_from_any_field(case_window: Any, qtbot: QtBot,
                                                       path: str) -> None:
    editor = case_window.page.editor
    editor.focus_field(path)
    field = focused()
    assert field is not None
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL | SHIFT)
    assert case_window.export_calls == ["pdf", "docx"]


def test_f5_ctrl_n_and_ctrl_f_work_from_a_line_edit(case_window: Any, qtbot: QtBot) -> None:
    editor = case_window.page.editor
    editor.focus_field("patient.name")
    name = focused()
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, "Ana")
    qtbot.keyClick(name, Qt.Key.Key_F5)
    assert case_window.page.side.currentWidget() is case_window.page.preview
    editor.focus_field("patient.name")
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL)
    assert case_window.list_pane.search.hasFocus()
    editor.focus_field("patient.name")
    before = len(case_window.store.list_cases())
    qtbot.keyClick(focused(), Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(case_window.store.list_cases()) == before + 1)
    assert editor.forms["patient"].fields["name"].hasFocus()  # the new case, ready to type


def test_a_number_field_refuses_a_file_path_and_takes_an_amount(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.focus_field("denial.amount_in_controversy")
    amount = focused()
    assert isinstance(amount, QLineEdit)
    amount.clear()
    qtbot.keyClicks(amount, "/home/staff/Documents/appeal.pdf")
    assert amount.text() in ("", ".")  # no letter or slash of the path got in
    amount.clear()
    qtbot.keyClicks(amount, "$1,250.50")
    assert editor.case().denial is not None
    assert editor.case().denial.amount_in_controversy == 1250.5


def test_a_number_field_holding_no_number_is_a_finding(qtbot: QtBot) -> None:
    from desktop_app.ui.editor.live_check import LiveChecker
    from tests.ui._editor_support import fake_check

    editor = make_editor(qtbot, full_case())
    checker = LiveChecker(editor, check=fake_check)
    editor.focus_field("drug.dose.amount")
    amount = focused()
    assert isinstance(amount, QLineEdit)
    amount.clear()
    qtbot.keyClicks(amount, "$")
    report = checker.check_now()
    found = [f for f in report.findings if f.code == "input.unreadable"]
    assert [f.field for f in found] == ["drug.dose.amount"]
    assert "not a number" in found[0].message
    assert amount.property("finding") == "error"


# -- 3. Alt letters ----------------------------------------------------------------------------
def test_section_letters_are_not_menu_letters(window: Any) -> None:
    menu_letters = set()
    for action in window.menuBar().actions():
        text = action.text()
        if "&" in text:
            menu_letters.add(text[text.index("&") + 1].upper())
    section_letters = [s.mnemonic for s in L.SECTIONS]
    assert len(set(section_letters)) == len(section_letters)
    assert not menu_letters & set(section_letters), menu_letters & set(section_letters)
    assert menu_letters <= L.MENU_MNEMONICS


def test_alt_m_and_alt_s_reach_regimen_and_prior_therapies(case_window: Any,
                                                           qtbot: QtBot) -> None:
    editor = case_window.page.editor
    editor.focus_field("patient.name")
    qtbot.keyClick(focused(), Qt.Key.Key_M, ALT)
    assert editor.current_section() == "drug"
    assert editor.forms["drug"].isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_S, ALT)
    assert editor.current_section() == "prior_therapies"


def test_the_section_list_shows_each_letter(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    for row, info in enumerate(L.SECTIONS):
        item = editor.nav.item(row)
        assert item.data(TITLE_ROLE) == info.title
        assert item.data(MNEMONIC_ROLE) == info.mnemonic
        assert info.mnemonic.casefold() in info.title.casefold()  # underlined in the title
        assert f"Alt+{info.mnemonic}" in item.toolTip()


# -- 4. Tab across sections --------------------------------------------------------------------
def test_tab_off_the_last_field_goes_to_the_next_section(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.focus_field("letter.template")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert editor.current_section() == "patient"
    assert focused() is editor.forms["patient"].widget_for("name")
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, SHIFT)
    assert editor.current_section() == "letter"
    assert focused() is editor.forms["letter"].widget_for("template")


def test_tab_inside_a_section_still_goes_field_by_field(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.focus_field("patient.name")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert editor.current_section() == "patient"
    assert focused() is editor.forms["patient"].widget_for("dob")


def test_going_to_a_field_of_another_section_is_not_a_tab(qtbot: QtBot) -> None:
    # A finding clicked, or a fix applied, while the cursor sits in the patient's name: the
    # page switch moves Qt's focus, which must not step on past the section asked for.
    editor = make_editor(qtbot, full_case())
    editor.focus_field("patient.name")
    assert editor.focus_field("payer.member_id")
    assert editor.current_section() == "payer"
    assert focused() is editor.forms["payer"].widget_for("member_id")


# -- 5. no jump --------------------------------------------------------------------------------
def test_counts_never_move_the_form_sideways(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    QApplication.processEvents()
    width, form_x = editor.nav.width(), editor.pages.x()
    many = [Finding("required.missing", Severity.ERROR, f"evidence.{i}.journal", "x")
            for i in range(12)]
    many += [Finding("evidence.case_report", Severity.WARNING, f"evidence.{i}", "y")
             for i in range(3)]
    editor.mark_fields(many)
    QApplication.processEvents()
    assert editor.nav.width() == width
    assert editor.pages.x() == form_x
    assert editor.nav.item(8).text() == "Evidence (12 errors, 3 warnings)"  # for readers


# -- 6. Alt+Insert from the section ------------------------------------------------------------
def test_alt_insert_adds_a_row_while_the_section_list_has_the_focus(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    evidence = editor.lists["evidence"]
    rows = len(evidence.items())
    editor.show_section("evidence")
    editor.nav.setFocus()
    qtbot.waitUntil(editor.nav.hasFocus)
    qtbot.keyClick(editor.nav, Qt.Key.Key_Insert, ALT)
    assert len(evidence.items()) == rows + 1
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    editor.nav.setFocus()
    qtbot.keyClick(editor.nav, Qt.Key.Key_2, ALT)  # an article, directly
    assert len(evidence.items()) == rows + 2
    assert evidence.items()[-1].type in ("article", "compendium", "trial", "guideline")


def test_a_long_value_shows_from_its_start(qtbot: QtBot) -> None:
    case = full_case()
    case.drug.route = "intravenous infusion over 90 minutes through a central line"
    case.drug.frequency = "days 1 and 8 of each 21-day cycle, repeated until progression"
    editor = make_editor(qtbot, case)
    editor.resize(700, 600)
    editor.show_section("drug")
    for name in ("route", "frequency"):
        field = editor.forms["drug"].fields[name]
        line = field if isinstance(field, QLineEdit) else field.lineEdit()  # type: ignore[attr-defined]
        assert isinstance(line, QLineEdit) and line.text().startswith("days 1" if
                                                                      name == "frequency"
                                                                      else "intravenous")
        assert line.cursorPosition() == 0
    # Once staff go to the field, what they type goes at the end as before.
    editor.focus_field("drug.frequency")
    qtbot.keyClicks(focused(), "!")
    assert editor.case().drug.frequency.endswith("progression!")
