"""Staff type a new case from the keyboard: Tab between fields, pick from lists and completers."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.ui.editor.dates import parse_date
from tests.ui._editor_support import focused, make_editor
from tests.ui._typing import type_text


def tab() -> QWidget:
    widget = focused()
    assert widget is not None
    QTest.keyClick(widget, Qt.Key.Key_Tab)
    after = focused()
    assert after is not None
    return after


def type_here(text: str) -> None:
    widget = focused()
    assert widget is not None
    type_text(widget, text)


def test_a_new_case_typed_field_by_field_with_tab(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("letter.kind")
    assert focused() is editor.forms["letter"].fields["kind"]
    QTest.keyClick(focused(), Qt.Key.Key_Down)  # first choice: pre-authorization request
    assert tab().accessibleName() == "Letter date"
    type_here("11/24/2026")
    assert tab().accessibleName() == "Expedited"
    QTest.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert focused().accessibleName() == "Name"  # Ctrl+PageDown: next section, first field
    type_here("José Nguyễn 李小龍")
    assert tab().accessibleName() == "Date of birth"
    type_here("1951-03-14")
    assert tab().accessibleName() == "Sex"
    type_here("male")
    assert tab().accessibleName() == "Medicare number (MBI)"
    type_here("1eg4te5mk73")

    case = editor.case()
    assert case.letter.kind == "preauth"
    assert case.letter.date == dt.date(2026, 11, 24)
    assert case.patient.name == "José Nguyễn 李小龍"
    assert case.patient.dob == dt.date(1951, 3, 14)
    assert case.patient.sex == "male"
    assert case.patient.mbi == "1EG4TE5MK73"  # raised to capitals as typed


def test_every_edit_emits_case_changed(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("payer.name")
    with qtbot.waitSignal(editor.case_changed, timeout=1000):
        type_here("Ö")
    assert editor.case().payer.name == "Ö"


def test_loading_a_case_is_not_an_edit(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    from tests.ui._editor_support import full_case

    with qtbot.assertNotEmitted(editor.case_changed), qtbot.waitSignal(editor.case_loaded):
        editor.set_case(full_case())


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-24", dt.date(2026, 11, 24)),
        ("11/24/2026", dt.date(2026, 11, 24)),
        ("3/4/2025", dt.date(2025, 3, 4)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("2025-02-29", None),  # not a leap year
        ("24/11/2026", None),  # day first is not how US staff write it
        ("13/01/2026", None),
        ("2026-11", None),
        ("", None),
    ],
)
def test_dates_accept_iso_and_us_forms(typed: str, expected: dt.date | None) -> None:
    assert parse_date(typed) == expected


def test_a_date_can_be_empty_and_a_us_date_is_shown_as_iso(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    dob = editor.forms["patient"].fields["dob"]
    editor.focus_field("patient.dob")
    type_here("03/14/1951")
    tab()
    assert dob.line.text() == "1951-03-14"  # type: ignore[attr-defined]
    editor.focus_field("patient.dob")
    dob.line.clear()  # type: ignore[attr-defined]
    assert editor.case().patient.dob is None


def test_a_half_typed_date_is_marked_and_reads_as_empty(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("patient.dob")
    type_here("02/30/2026")
    line = focused()
    assert line is not None
    assert line.property("badInput") is True
    assert editor.case().patient.dob is None
    for _ in range(7):
        QTest.keyClick(line, Qt.Key.Key_Backspace)
    type_here("28/2026")
    assert line.property("badInput") is False
    assert editor.case().patient.dob == dt.date(2026, 2, 28)


def test_calendar_opens_from_the_keyboard_and_fills_the_date(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("denial.date")
    type_here("2026-11-02")
    date_field = editor.forms["denial"].fields["date"]
    QTest.keyClick(focused(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = date_field._calendar  # type: ignore[attr-defined]
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    view = calendar.focusWidget()  # the grid inside the calendar has the keyboard
    QTest.keyClick(view, Qt.Key.Key_Right)  # next day
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert focused() is date_field.line  # type: ignore[attr-defined]
    assert editor.case().denial is not None
    assert editor.case().denial.date == dt.date(2026, 11, 3)


def test_choosing_an_icd_code_fills_code_and_description(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    form = editor.forms["diagnosis"]
    editor.focus_field("diagnosis.icd10")
    type_here("c34.9")
    popup = form.completer.completer.popup()  # type: ignore[attr-defined]
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert ("C34.90 — Malignant neoplasm of unspecified part of unspecified bronchus or lung"
            in shown)
    assert "C34.9 — Malignant neoplasm of unspecified part of bronchus or lung" in shown[0]
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    diagnosis = editor.case().diagnosis
    assert diagnosis.icd10 == "C34.90"
    assert diagnosis.description == (
        "Malignant neoplasm of unspecified part of unspecified bronchus or lung")


def test_choosing_an_icd_code_keeps_a_description_already_typed(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    form = editor.forms["diagnosis"]
    form.description.setText("NSCLC, adenocarcinoma")  # type: ignore[attr-defined]
    editor.focus_field("diagnosis.icd10")
    type_here("C49")
    popup = form.completer.completer.popup()  # type: ignore[attr-defined]
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert editor.case().diagnosis.icd10 == "C49.22"
    assert editor.case().diagnosis.description == "NSCLC, adenocarcinoma"


def test_picking_a_drug_fills_hcpcs_and_brand(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    form = editor.forms["drug"]
    editor.focus_field("drug.generic_name")
    type_here("pem")
    popup = form.completer.completer.popup()  # type: ignore[attr-defined]
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "pemetrexed (Alimta, Pemfexy) — J9305"
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    drug = editor.case().drug
    assert (drug.generic_name, drug.hcpcs, drug.brand_name) == ("pemetrexed", "J9305", "Alimta")


def test_prescriber_picker_fills_the_form(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("prescriber")
    picker = editor.forms["prescriber"].picker  # type: ignore[attr-defined]
    picker.setFocus()
    QTest.keyClick(picker, Qt.Key.Key_Down)
    prescriber = editor.case().prescriber
    assert (prescriber.name, prescriber.credentials, prescriber.npi) == (
        "Maya R. Okafor", "MD", "1234567893")
    assert prescriber.email == "pa@clinic.example"


def test_every_input_has_an_accessible_name(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractItemView, QPushButton)
    inputs = [w for w in editor.findChildren(QWidget) if isinstance(w, kinds)
              # a combo's own line edit, a table's headers
              and not isinstance(w.parent(), QComboBox | QAbstractItemView)
              and w.window() is editor]
    assert len(inputs) > 80
    unnamed = [w.metaObject().className() for w in inputs
               if not (w.accessibleName() or (isinstance(w, QPushButton) and w.text()))]
    assert unnamed == []


def test_section_shortcuts_jump_to_the_section(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    QTest.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert editor.current_section() == "evidence"
    QTest.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert editor.current_section() == "diagnosis"
    assert isinstance(focused(), QLineEdit)
    assert QApplication.focusWidget().accessibleName() == "ICD-10-CM code"


def test_the_real_reference_service_offers_icd_codes(qtbot: QtBot) -> None:
    """End to end through services.reference (builds the ICD-10-CM index once: ~3 s)."""
    from desktop_app.ui.editor import CaseEditor
    from tests.ui._editor_support import show_active

    editor = CaseEditor()
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    editor.focus_field("diagnosis.icd10")
    type_here("C34.90")
    popup = editor.forms["diagnosis"].completer.completer.popup()  # type: ignore[attr-defined]
    qtbot.waitUntil(popup.isVisible, timeout=20_000)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert editor.case().diagnosis.icd10 == "C34.90"
    assert editor.case().diagnosis.description == (
        "Malignant neoplasm of unspecified part of unspecified bronchus or lung")


def test_prescriber_directory_refreshes_after_settings_change(qtbot: QtBot) -> None:
    from desktop_app.services import settings
    from desktop_app.ui.editor import CaseEditor

    editor = CaseEditor()
    qtbot.addWidget(editor)
    picker = editor.forms["prescriber"].picker  # type: ignore[attr-defined]
    assert not picker.isEnabled()  # an empty directory on a first run
    current = settings.load_practice_settings()
    doctor = settings.DirectoryPrescriber(name="Ana Lima", credentials="MD", npi="1234567893")
    settings.save_practice_settings(current.model_copy(update={"prescribers": [doctor]}))
    editor.refresh_directory()
    assert picker.isEnabled()
    assert picker.itemText(1) == "Ana Lima, MD"
