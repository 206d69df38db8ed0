"""Evidence, prior therapies and attachments: rows added, filled, moved and undone by keyboard."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.case_evidence import (
    ArticleEvidence,
    CompendiumEvidence,
    GuidelineEvidence,
    TrialEvidence,
)
from desktop_app.domain.case_treatment import PriorTherapy
from desktop_app.ui.editor.row_undo import InsertRow, MoveRow, RemoveRow
from tests.ui._editor_support import focused, full_case, make_editor
from tests.ui._typing import type_text

ALT = Qt.KeyboardModifier.AltModifier


def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = focused()
    assert widget is not None
    QTest.keyClick(widget, k, modifiers)


def fill(*values: str) -> None:
    """Type each value into the focused field, then Tab on; '' just moves on."""
    for value in values:
        widget = focused()
        assert widget is not None
        if value:
            type_text(widget, value)
        key(Qt.Key.Key_Tab)


def test_one_evidence_row_of_each_kind_added_with_the_keyboard(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("evidence")
    key(Qt.Key.Key_1, ALT)  # compendium; the cursor lands in its first field
    assert focused().accessibleName() == "Compendium"
    key(Qt.Key.Key_Down)  # NCCN
    key(Qt.Key.Key_Tab)
    fill("v2.2026", "2A", "Preferred, category 2A")
    key(Qt.Key.Key_2, ALT)
    assert focused().accessibleName() == "Title"
    fill("Pemetrexed in sarcoma")
    type_text(focused(), "Doe J")
    key(Qt.Key.Key_Return)  # one author per line
    type_text(focused(), "Roe R; Poe P")  # or separated by semicolons
    key(Qt.Key.Key_Tab)
    fill("Journal of Clinical Oncology", "2021",
         "39", "4", "100-110", "12345678", "10.1200/JCO.20.01234")
    key(Qt.Key.Key_3, ALT)
    fill("nct01234567", "A phase II study")
    key(Qt.Key.Key_4, ALT)
    fill("Soft tissue sarcoma", "ESMO", "2025")

    evidence = editor.case().evidence
    assert [type(e) for e in evidence] == [
        CompendiumEvidence, ArticleEvidence, TrialEvidence, GuidelineEvidence]
    compendium, article, trial, guideline = evidence
    assert isinstance(compendium, CompendiumEvidence)
    assert (compendium.compendium, compendium.version, compendium.rating) == (
        "NCCN", "v2.2026", "2A")
    assert isinstance(article, ArticleEvidence)
    assert article.authors == ["Doe J", "Roe R", "Poe P"]
    assert (article.journal, article.year, article.pmid) == (
        "Journal of Clinical Oncology", 2021, "12345678")
    assert article.doi == "10.1200/JCO.20.01234"
    assert isinstance(trial, TrialEvidence)
    assert trial.nct == "NCT01234567"
    assert isinstance(guideline, GuidelineEvidence)
    assert (guideline.title, guideline.issuer, guideline.version) == (
        "Soft tissue sarcoma", "ESMO", "2025")
    table = editor.lists["evidence"].table
    assert table.item(1, 1).text() == "Pemetrexed in sarcoma. Journal of Clinical Oncology. 2021"


def test_rating_choices_follow_the_compendium(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("evidence")
    key(Qt.Key.Key_1, ALT)
    form = editor.lists["evidence"]._kinds["compendium"].form
    rating = form.fields["rating"]
    form.fields["compendium"].set_value("DrugDex")  # type: ignore[attr-defined]
    assert [rating.itemText(i) for i in range(rating.count())] == [  # type: ignore[attr-defined]
        "I", "IIa", "IIb", "III", "not indicated"]
    type_text(rating, "Class IIa")  # free text stays possible
    assert editor.case().evidence[0].rating == "Class IIa"  # type: ignore[union-attr]


def test_removed_row_comes_back_with_ctrl_z(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    rows = editor.lists["evidence"]
    editor.focus_field("evidence")
    rows.select_row(0)
    rows.table.setFocus()
    key(Qt.Key.Key_Delete)
    assert [type(e) for e in editor.case().evidence] == [ArticleEvidence]
    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.case().evidence == full_case().evidence
    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(editor.case().evidence) == 1


def test_alt_delete_removes_the_row_being_edited(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.focus_field("prior_therapies.0.regimen")
    key(Qt.Key.Key_Delete, ALT)
    assert editor.case().prior_therapies is None
    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.case().prior_therapies == full_case().prior_therapies


def test_rows_move_up_and_down(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    rows = editor.lists["evidence"]
    editor.focus_field("evidence.1.title")
    key(Qt.Key.Key_Up, ALT | Qt.KeyboardModifier.ShiftModifier)  # works from inside the row too
    assert [type(e) for e in editor.case().evidence] == [ArticleEvidence, CompendiumEvidence]
    assert rows.current_row() == 0
    assert focused() is rows.table  # so Ctrl+Z undoes the move, not the typing
    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [type(e) for e in editor.case().evidence] == [CompendiumEvidence, ArticleEvidence]


def test_insert_on_the_table_adds_the_chosen_kind(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    rows = editor.lists["evidence"]
    rows.kind_box.setCurrentIndex(2)  # clinical trial
    editor.focus_field("evidence")
    key(Qt.Key.Key_Insert)
    assert [type(e) for e in editor.case().evidence] == [TrialEvidence]
    assert focused().accessibleName() == "NCT number"


def test_prior_therapy_typed_with_dates(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("prior_therapies")
    key(Qt.Key.Key_Insert, ALT)
    fill("Doxorubicin + ifosfamide", "01/15/2025", "2025-06-30", "partial response",
         "toxicity")
    therapy = editor.case().prior_therapies[0]  # type: ignore[index]
    assert therapy.regimen == "Doxorubicin + ifosfamide"
    assert (therapy.started, therapy.ended) == (dt.date(2025, 1, 15), dt.date(2025, 6, 30))
    assert (therapy.best_response, therapy.reason_stopped) == ("partial response", "toxicity")
    table = editor.lists["prior_therapies"].table
    assert [table.item(0, c).text() for c in range(5)] == [
        "Doxorubicin + ifosfamide", "2025-01-15", "2025-06-30", "partial response", "toxicity"]


def test_attachment_title_and_path(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.focus_field("attachments")
    key(Qt.Key.Key_Insert, ALT)
    fill("Pathology report", "/home/staff/pathology.pdf")
    browse = focused()
    assert isinstance(browse, QWidget) and browse.accessibleName() == "Choose the attachment file"
    attachment = editor.case().attachments[0]  # type: ignore[index]
    assert (attachment.title, attachment.path) == ("Pathology report", "/home/staff/pathology.pdf")


class _PlainRows:
    """Just the two steps row_undo.py needs, so its changes are tested apart from the table."""

    def __init__(self, *names: str) -> None:
        self.rows: list[BaseModel] = [PriorTherapy(regimen=name) for name in names]

    def insert_item(self, row: int, item: BaseModel) -> None:
        self.rows.insert(row, item)

    def take_item(self, row: int) -> BaseModel:
        return self.rows.pop(row)

    def names(self) -> list[str | None]:
        return [getattr(item, "regimen", None) for item in self.rows]


def test_each_row_change_is_taken_back_and_made_again(qtbot: QtBot) -> None:
    rows = _PlainRows("FOLFOX", "FOLFIRI")
    stack = QUndoStack()
    stack.push(InsertRow(rows, 1, PriorTherapy(regimen="CAPOX"), "add Prior therapy"))
    stack.push(MoveRow(rows, 0, 2))
    stack.push(RemoveRow(rows, 0))
    assert [stack.text(i) for i in range(stack.count())] == [
        "add Prior therapy", "move row", "remove row"]
    # The list after each change, oldest first: undo walks back, redo walks forward again.
    after = [["FOLFOX", "FOLFIRI"], ["FOLFOX", "CAPOX", "FOLFIRI"],
             ["CAPOX", "FOLFIRI", "FOLFOX"], ["FOLFIRI", "FOLFOX"]]
    assert rows.names() == after[3]
    for step in (2, 1, 0):
        stack.undo()
        assert rows.names() == after[step]
    for step in (1, 2, 3):
        stack.redo()
        assert rows.names() == after[step]
