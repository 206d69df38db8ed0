"""Staff record their check of an unverified catalog entry against the FDA label, in the
off-label section, as they would after reading the label on DailyMed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.case import Case
from desktop_app.domain.case_treatment import LabelCheck
from desktop_app.services import reference
from desktop_app.storage.settings import PracticeSettings, save_settings
from desktop_app.ui.editor import CaseEditor
from desktop_app.ui.editor.label_check import LabelCheckField
from desktop_app.ui.editor.label_check_dialog import LabelCheckDialog
from tests.support.drug_fixtures import install_catalog
from tests.ui._editor_support import show_active
from tests.ui._typing import type_text
from tests.ui.conftest import click_in_next_dialog

TRASTUZUMAB = {"generic_name": "trastuzumab", "brand_name": "Herceptin", "hcpcs": "J9355"}
LABEL_REVISED = dt.date(2024, 2, 1)  # the fixture's HERCEPTIN label


@pytest.fixture
def editor(qtbot: QtBot, pa_letter_home: Path) -> CaseEditor:
    install_catalog(pa_letter_home)
    save_settings(PracticeSettings(user_name="Dana Whitfield, RN"))
    editor = CaseEditor(reference=reference)
    qtbot.addWidget(editor)
    editor.resize(1100, 760)
    show_active(qtbot, editor)
    return editor


def open_off_label(editor: CaseEditor, drug: dict[str, Any], **off_label: Any) -> LabelCheckField:
    editor.set_case(Case.model_validate({"drug": drug, "off_label": off_label}))
    editor.show_section("off_label")
    field: LabelCheckField = editor.forms["off_label"].label_check  # type: ignore[attr-defined]
    return field


def test_recording_a_check_fills_who_today_and_the_cited_revision(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    field = open_off_label(editor, TRASTUZUMAB)
    assert field.isVisible()
    assert field.status.text().startswith("No one has checked these labeled uses")
    assert not field.clear.isEnabled()
    seen = click_in_next_dialog("OK")
    with qtbot.waitSignal(field.edited):
        assert field.ask_and_record()
    assert "HERCEPTIN (trastuzumab) for injection" in seen["text"]
    assert "Dana Whitfield, RN" in seen["dialog"].name.text()  # offered from Settings > You
    check = editor.case().off_label.label_check
    assert isinstance(check, LabelCheck)
    assert (check.checked_by, check.checked_on, check.label_revised) == (
        "Dana Whitfield, RN", dt.date.today(), LABEL_REVISED)
    assert field.status.text().endswith(
        "against the label revised February 2024. The letter states them as the label's.")
    # Saved as the case format reads it back.
    again = Case.model_validate_json(editor.case().model_dump_json())
    assert again.off_label.label_check == check


def test_removing_the_check_leaves_the_case_without_one(qtbot: QtBot, editor: CaseEditor) -> None:
    field = open_off_label(editor, TRASTUZUMAB, label_check={
        "checked_by": "Dana Whitfield, RN", "checked_on": dt.date(2026, 11, 30),
        "label_revised": LABEL_REVISED})
    assert field.clear.isEnabled()
    with qtbot.waitSignal(field.edited):
        field.clear.click()
    assert editor.case().off_label.label_check is None
    assert field.status.text().startswith("No one has checked")


def test_the_dialog_wants_a_name_and_a_date_not_in_the_future(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    dialog = LabelCheckDialog("HERCEPTIN", LABEL_REVISED, "", None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.problem.text() == "Type the name of the person who checked the label."
    type_text(dialog.name, "Ana Ruiz")
    dialog.day.set_value(dt.date.today() + dt.timedelta(days=1))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.problem.text() == "The date of the check cannot be in the future."
    dialog.day.set_value(dt.date.today())
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert dialog.result_values() == ("Ana Ruiz", dt.date.today())


def test_cancelling_records_nothing(editor: CaseEditor) -> None:
    field = open_off_label(editor, TRASTUZUMAB)
    click_in_next_dialog("Cancel")
    assert not field.ask_and_record()
    assert editor.case().off_label.label_check is None


def test_a_check_of_an_older_label_asks_for_a_new_one(editor: CaseEditor) -> None:
    field = open_off_label(editor, TRASTUZUMAB, label_check={
        "checked_by": "Dana Whitfield, RN", "checked_on": dt.date(2023, 7, 1),
        "label_revised": dt.date(2023, 6, 1)})
    assert field.status.text().endswith(
        "The catalog now cites the label revised February 2024: check again and record the "
        "new check.")
    assert field.record.text() == "New check…"


def test_a_verified_entry_shows_no_label_check_row(editor: CaseEditor) -> None:
    field = open_off_label(editor, {"generic_name": "pemetrexed"})
    assert not field.isVisible()
    layout = editor.forms["off_label"].layout_
    assert not layout.isRowVisible(field)  # its caption is hidden too
    open_off_label(editor, TRASTUZUMAB)
    assert layout.isRowVisible(field)


def test_a_typed_name_is_data_not_markup(qtbot: QtBot, editor: CaseEditor) -> None:
    field = open_off_label(editor, TRASTUZUMAB, label_check={
        "checked_by": "<b>Ana</b> &amp; Co", "checked_on": dt.date(2026, 11, 30),
        "label_revised": LABEL_REVISED})
    assert field.status.text().startswith("<b>Ana</b> &amp; Co checked them on November 30, 2026")


def test_the_check_is_reached_by_tab_after_the_letters_own_fields(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    field = open_off_label(editor, TRASTUZUMAB)
    form = editor.forms["off_label"]
    assert next(iter(form.fields)) == "reasons"  # Alt+O still lands in the reasons
    last = form.widget_for("conflict_explanation")
    assert last is not None
    last.setFocus()
    qtbot.waitUntil(last.hasFocus)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field.record
    QTest.keyClick(field.record, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field.open_label
    # Shown right under the label panel all the same.
    row, _role = form.layout_.getWidgetPosition(field)
    assert row == 1


def test_a_check_without_a_date_says_it_does_not_count_yet(editor: CaseEditor) -> None:
    field = open_off_label(editor, TRASTUZUMAB, label_check={
        "checked_by": "Dana Whitfield, RN", "label_revised": LABEL_REVISED})
    assert field.status.text().endswith("The check needs a name and a date to count.")
