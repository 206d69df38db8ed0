"""Staff save a case's regimen for the practice and pick it for the next patient: the
Regimen section fills, the evidence comes along (once), the cursor waits on the start date.
Real services.reference, over the test's own data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.casefile import load_case
from desktop_app.services import reference, regimens
from desktop_app.storage.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    save_settings,
)
from desktop_app.ui.editor import CaseEditor
from tests.ui._editor_support import show_active
from tests.ui._typing import type_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-part-b-preauth.json"


@pytest.fixture
def editor(qtbot: QtBot, pa_letter_home: Path) -> CaseEditor:
    editor = CaseEditor(reference=reference)
    qtbot.addWidget(editor)
    editor.resize(1100, 760)
    show_active(qtbot, editor)
    return editor


def _save_example_regimen(qtbot: QtBot, editor: CaseEditor) -> None:
    editor.set_case(load_case(EXAMPLE))
    editor.show_section("drug")
    editor.regimens.ask_name = lambda suggested: (  # type: ignore[attr-defined]
        "Gemcitabine + docetaxel, sarcoma" if suggested == "gemcitabine + docetaxel" else "")
    qtbot.mouseClick(editor.forms["drug"].save_button, Qt.MouseButton.LeftButton)


def test_saving_keeps_the_regimen_and_its_evidence_for_the_practice(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    _save_example_regimen(qtbot, editor)
    note = editor.forms["drug"].saved_note.text()  # type: ignore[attr-defined]
    assert ("Saved as “Gemcitabine + docetaxel, sarcoma” with 3 evidence items and 1 full "
            "text") in note
    [kept] = regimens.practice_regimens()
    assert kept.drug.start_date is None  # the patient's date stays with the patient
    assert kept.drug.dose.amount == 900 and len(kept.evidence) == 3


def test_the_next_patient_gets_regimen_and_evidence_from_a_few_keys(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    _save_example_regimen(qtbot, editor)
    editor.set_case(load_case(EXAMPLE).model_copy(
        update={"evidence": [], "drug": None, "attachments": None}))
    assert editor.forms["drug"].saved_note.text() == ""  # type: ignore[attr-defined]
    # The keys bench/keystrokes.py counts for this step: Alt+M, "gem doc", Down, Enter.
    QTest.keyClick(editor, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.forms["drug"].widget_for("generic_name")
    type_text(QApplication.focusWidget(), "gem doc")
    popup = editor.forms["drug"].completer.completer.popup()  # type: ignore[attr-defined]
    qtbot.waitUntil(popup.isVisible)
    first = popup.model().index(0, 0).data()
    assert first.startswith("Practice regimen: Gemcitabine + docetaxel, sarcoma")
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    case = editor.case()
    assert (case.drug.generic_name, case.drug.hcpcs, case.drug.cycles) == (
        "gemcitabine", "J9198", 6)
    assert case.drug.combination_with == ["docetaxel 75 mg/m2 IV on day 8"]
    assert case.drug.start_date is None
    assert [e.type for e in case.evidence] == ["compendium", "article", "trial"]
    # The SARC002 full text came along; the earlier patient's CT report did not.
    assert [(a.title, a.article) for a in case.attachments or []] == [
        ("Maki et al., J Clin Oncol 2007 (full text)", "pmid:17602081")]
    assert "1 full text under Attachments" in editor.forms["drug"].saved_note.text()  # type: ignore[attr-defined]
    start = editor.forms["drug"].widget_for("start_date")
    assert start is not None and start.hasFocus()  # the one field left to type
    type_text(start, "12/03/2026")
    assert editor.case().drug.start_date is not None
    # Picked again: the evidence is not listed twice; Ctrl+Z takes the rows back out.
    editor.forms["drug"]._choose(regimens.practice_regimens()[0])  # type: ignore[attr-defined]
    assert len(editor.case().evidence) == 3
    editor.lists["evidence"].undo_stack.undo()  # type: ignore[attr-defined]
    assert editor.case().evidence == []
    assert not editor.case().attachments


def test_a_directory_prescriber_brings_the_practice_name_and_address(
    qtbot: QtBot, pa_letter_home: Path
) -> None:
    save_settings(PracticeSettings(
        letterhead=PracticeLetterhead(name="Cascade Valley Oncology",
                                      address="2200 NE Neff Rd, Suite 300\nBend, OR 97701"),
        prescribers=[DirectoryPrescriber(name="Maya R. Okafor", credentials="MD",
                                         npi="1304567898")]))
    editor = CaseEditor(reference=reference)
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    form = editor.forms["prescriber"]
    # Alt+R, Shift+Tab up to the directory picker, Down fills the form (bench/keystrokes.py).
    QTest.keyClick(editor, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is form.picker  # type: ignore[attr-defined]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    prescriber = editor.case().prescriber
    assert (prescriber.name, prescriber.npi) == ("Maya R. Okafor", "1304567898")
    assert prescriber.practice == "Cascade Valley Oncology"
    assert prescriber.address == "2200 NE Neff Rd, Suite 300\nBend, OR 97701"


def test_tools_lists_the_regimens_and_removes_one_staff_confirm(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    from desktop_app.ui.regimen_list import RegimenListDialog

    _save_example_regimen(qtbot, editor)
    dialog = RegimenListDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("Gemcitabine + docetaxel, sarcoma (saved ")
    asked: list[str] = []
    dialog.confirm = lambda name: asked.append(name) or False  # staff say no
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Gemcitabine + docetaxel, sarcoma"] and dialog.list.count() == 1
    dialog.confirm = lambda name: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0 and regimens.practice_regimens() == []
    assert dialog.problem.text() == "None saved yet." and not dialog.remove_button.isEnabled()
