"""The payer directory as staff use it: pick a payer by typing, get asked before the
directory changes, keep the list in Tools > Payer directory, import and export CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.case import Case, Letter
from desktop_app.services import payers
from desktop_app.services.payers import PayerEntry
from tests.ui._editor_support import focused, make_editor

BAY_STATE = PayerEntry(name="Bay State Health Plan", plan_type="commercial_fully_insured",
                       state="MA", pa_fax="(617) 555-0188", appeals_fax="(617) 555-0199",
                       pa_address="100 Summer St, Boston, MA 02110",
                       appeals_address="PO Box 55, Boston, MA 02110", phone="(800) 555-0100")


def _pick(qtbot: QtBot, editor: Any, typed: str, wanted: str) -> None:
    form = editor.forms["payer"]
    editor.focus_field("payer.name")
    qtbot.keyClicks(focused(), typed)
    form.completer.refresh()
    popup = form.completer.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    row = next(i for i, text in enumerate(rows) if wanted in text)
    popup.setCurrentIndex(model.index(row, 0))
    form.completer.completer.activated[type(model.index(row, 0))].emit(model.index(row, 0))


def test_choosing_a_payer_fills_the_section(qtbot: QtBot) -> None:
    payers.save_practice_payers([BAY_STATE])
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth")))
    _pick(qtbot, editor, "bay st", "Bay State Health Plan")
    payer = editor.case().payer
    assert payer.name == "Bay State Health Plan"
    assert payer.plan_type == "commercial_fully_insured"
    assert (payer.fax, payer.state, payer.phone) == ("(617) 555-0188", "MA", "(800) 555-0100")
    assert payer.address == "100 Summer St, Boston, MA 02110"


def test_an_appeal_gets_the_appeals_fax_and_address(qtbot: QtBot) -> None:
    payers.save_practice_payers([BAY_STATE])
    editor = make_editor(qtbot, Case(letter=Letter(kind="appeal")))
    _pick(qtbot, editor, "bay", "Bay State")
    assert editor.case().payer.fax == "(617) 555-0199"
    assert editor.case().payer.address == "PO Box 55, Boston, MA 02110"


def test_the_medicare_contractor_for_a_state_is_found_by_its_state(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth")))
    _pick(qtbot, editor, "noridian OR", "Jurisdiction F")
    payer = editor.case().payer
    assert payer.name == "Noridian Healthcare Solutions (Jurisdiction F)"
    assert payer.plan_type == "medicare_part_b"


def test_a_part_b_appeal_gets_the_contractors_redetermination_address_and_fax(
        qtbot: QtBot) -> None:
    from desktop_app.services.check import check_case

    editor = make_editor(qtbot, Case(letter=Letter(kind="appeal")))
    _pick(qtbot, editor, "palmetto SC", "Jurisdiction M")
    payer = editor.case().payer
    assert payer.name == "Palmetto GBA (Jurisdiction M)"
    assert (payer.plan_type, payer.fax, payer.phone) == (
        "medicare_part_b", "(803) 699-2427", "(855) 696-0705")
    assert payer.address.splitlines() == [
        "Palmetto GBA Part B – AG-655", "P.O. Box 100190", "Columbia, SC 29202-3190"]
    codes = {f.code for f in check_case(editor.case()).findings}
    assert "payer.fax_differs_from_directory" not in codes
    # A fax typed over the contractor's: the form asks, and the checklist warns.
    form = editor.forms["payer"]
    editor.focus_field("payer.fax")
    focused().selectAll()
    qtbot.keyClicks(focused(), "(803) 555-0142")
    qtbot.waitUntil(form.question.isVisible)
    assert "fax" in form.question.text.text()
    found = [f for f in check_case(editor.case()).findings
             if f.code == "payer.fax_differs_from_directory"]
    assert [f.field for f in found] == ["payer.fax"] and "(803) 699-2427" in found[0].message


def test_a_part_b_request_gets_no_prior_authorization_fax(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth")))
    _pick(qtbot, editor, "palmetto SC", "Jurisdiction M")
    payer = editor.case().payer
    assert payer.name == "Palmetto GBA (Jurisdiction M)"
    assert not payer.fax and not payer.address  # nothing invented: Part B drugs need no PA


def test_editing_the_fax_asks_before_the_directory_changes(qtbot: QtBot) -> None:
    payers.save_practice_payers([BAY_STATE])
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth")))
    _pick(qtbot, editor, "bay", "Bay State")
    form = editor.forms["payer"]
    editor.focus_field("payer.fax")
    fax = focused()
    fax.selectAll()
    qtbot.keyClicks(fax, "(617) 555-0177")
    qtbot.waitUntil(form.question.isVisible)
    assert "fax" in form.question.text.text()
    assert payers.practice_payers()[0].pa_fax == "(617) 555-0188"  # nothing changed yet
    form.question.keep_button.click()
    assert not form.question.isVisible()
    form.compare_with_directory()
    assert not form.question.isVisible()  # the answer holds for this value
    form.question.show()
    form.question.update_button.click()
    assert payers.practice_payers()[0].pa_fax == "(617) 555-0177"
    form.compare_with_directory()
    assert not form.question.isVisible()


def test_the_directory_dialog_imports_checks_and_saves(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop_app.ui.payer_directory import PayerDirectoryDialog

    source = tmp_path / "payers.csv"
    source.write_text("name,plan_type,state,pa_fax\nBay State Health Plan,"
                      "Commercial (fully insured),MA,(617) 555-0188\nBad Plan,medicaid,TX,12\n",
                      "utf-8")
    dialog = PayerDirectoryDialog()
    qtbot.addWidget(dialog)
    shipped = dialog.table.rowCount()
    assert shipped == 12  # the Medicare contractors, before the practice adds any
    dialog.import_file(source)
    assert "1 new" in dialog.note.text() and "line 3" in dialog.note.text()
    assert dialog.table.rowCount() == shipped + 1
    row = dialog.add_row()
    dialog.table.item(row, 0).setText("Typo Plan")
    dialog.table.item(row, 3).setText("555-01")
    dialog.save()
    assert "Typo Plan: the PA fax 555-01 is not a valid" in dialog.note.text()
    assert [e.name for e in payers.practice_payers()] == ["Bay State Health Plan"]
    dialog.table.item(row, 3).setText("(214) 555-0100")
    dialog.save()
    assert [e.name for e in payers.practice_payers()] == ["Bay State Health Plan", "Typo Plan"]
    out = tmp_path / "out.csv"
    dialog.export_file(out)
    assert "Exported 14 payers" in dialog.note.text()
    QApplication.processEvents()


def test_the_part_b_contractor_in_the_keys_the_keystroke_count_names(qtbot: QtBot) -> None:
    """bench/keystrokes.py counts Alt+Y, "nor f", Down and Enter for the payer, with the
    practice's copy of the contractor holding its fax, address and phone."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    jf = next(e for e in payers.payer_directory() if e.jurisdiction == "JF")
    payers.save_practice_payers([jf.model_copy(update={
        "builtin": False, "pa_fax": "(701) 555-0148", "phone": "(877) 908-8431",
        "pa_address": "PO Box 0148, Fargo, ND 58108-0148"})])
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth")))
    QTest.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert focused() is editor.forms["payer"].widget_for("name")
    qtbot.keyClicks(focused(), "nor f")
    popup = editor.forms["payer"].completer.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    payer = editor.case().payer
    assert payer.name == "Noridian Healthcare Solutions (Jurisdiction F)"
    assert (payer.plan_type, payer.fax, payer.phone) == (
        "medicare_part_b", "(701) 555-0148", "(877) 908-8431")
    assert payer.address == "PO Box 0148, Fargo, ND 58108-0148"


def test_two_desks_on_one_database_the_second_save_is_told_and_keeps_its_rows(
        qtbot: QtBot, postgres_url: str, monkeypatch: Any) -> None:
    from desktop_app.ui.payer_directory import PayerDirectoryDialog

    monkeypatch.setenv("PA_LETTER_DB_URL", postgres_url)
    first, second = PayerDirectoryDialog(), PayerDirectoryDialog()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    for dialog, name, fax in ((first, "Bay State Health Plan", "(617) 555-0188"),
                              (second, "Pine Tree Fictional Health", "(207) 555-0142")):
        row = dialog.add_row()
        dialog.table.item(row, 0).setText(name)
        dialog.table.item(row, 3).setText(fax)
    first.save()
    assert first.result() == first.DialogCode.Accepted
    second.save()
    assert "Another desk saved the payer directory" in second.note.text()
    assert second.result() != second.DialogCode.Accepted
    rows = [second.table.item(r, 0).text() for r in range(second.table.rowCount())]
    assert "Pine Tree Fictional Health" in rows  # what was typed is still on screen
    assert [e.name for e in payers.practice_payers()] == ["Bay State Health Plan"]
    again = PayerDirectoryDialog()  # opened again: the first desk's entry is there
    qtbot.addWidget(again)
    assert again.table.item(0, 0).text() == "Bay State Health Plan"


def test_an_import_never_drops_rows_typed_but_not_saved(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop_app.ui.payer_directory import PayerDirectoryDialog

    source = tmp_path / "payers.csv"
    source.write_text("name,state\nBay State Health Plan,MA\n", "utf-8")
    dialog = PayerDirectoryDialog()
    qtbot.addWidget(dialog)
    row = dialog.add_row()
    dialog.table.item(row, 0).setText("Plan typed a minute ago")
    dialog.import_file(source)
    assert "changes not saved yet" in dialog.note.text()
    assert dialog.table.item(row, 0).text() == "Plan typed a minute ago"
    assert payers.practice_payers() == []
    dialog.save()
    again = PayerDirectoryDialog()
    qtbot.addWidget(again)
    again.import_file(source)
    assert "1 new" in again.note.text()
    assert [e.name for e in payers.practice_payers()] == ["Plan typed a minute ago",
                                                         "Bay State Health Plan"]


def test_typing_a_payer_on_a_shared_database_asks_it_a_few_times_not_per_key(
        qtbot: QtBot, postgres_url: str, monkeypatch: Any) -> None:
    """A payer another desk saved is offered as its name is typed key by key, slowly enough
    for a suggestion after every key, and the server is not asked about the list each time."""
    from sqlalchemy import event

    from desktop_app.services.practice_data import shared_database
    from desktop_app.storage.database import open_database
    from desktop_app.storage.practice_lists import payer_document

    monkeypatch.setenv("PA_LETTER_DB_URL", postgres_url)
    other_desk = open_database(postgres_url)
    payer_document(other_desk, "Front desk B").save([BAY_STATE])
    other_desk.dispose()
    database = shared_database()
    assert database is not None
    asked: list[str] = []
    event.listen(database.engine, "before_cursor_execute",
                 lambda *args: asked.append(str(args[2])))
    editor = make_editor(qtbot, Case(letter=Letter(kind="preauth")))
    editor.focus_field("payer.name")
    for key in "Bay State Health Plan":
        qtbot.keyClicks(focused(), key)
        qtbot.wait(150)  # past the suggestion delay: each key searches
    popup = editor.forms["payer"].completer.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    assert any("Bay State Health Plan" in model.index(r, 0).data()
               for r in range(model.rowCount()))
    about_the_list = [q for q in asked if "practice_documents" in q]
    assert len(about_the_list) <= 4  # 21 keys: read once, re-checked at most once
    popup.hide()
