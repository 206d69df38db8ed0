"""The letter for the patient, printed from the open case in one keystroke, in two languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop_app.ui import export_flow
from desktop_app.ui.first_run import load_examples_if_first_run


@pytest.fixture
def examples_window(store: Any, make_window: Any) -> Any:
    load_examples_if_first_run(store)
    return make_window(store)


def _open(window: Any, qtbot: Any, patient_start: str) -> Any:
    for summary in window.store.list_cases():
        if summary.patient_name.startswith(patient_start):
            assert window.open_case(summary.id)
            qtbot.waitUntil(lambda: window.page.stored is not None)
            return summary
    raise AssertionError(f"no example case for {patient_start}")


@pytest.mark.parametrize(
    ("modifiers", "heading", "deadline"),
    [
        (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
         "About your appeal", "The last day to send this appeal is January 24, 2027."),
        (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
         "Sobre su apelación", "El último día para enviar esta apelación es el 24 de enero"),
    ],
)
def test_one_keystroke_saves_the_letter_for_the_patient(
    examples_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    modifiers: Any, heading: str, deadline: str,
) -> None:
    window = examples_window
    window.show()
    window.activateWindow()
    summary = _open(window, qtbot, "Rosa")
    asked: list[tuple[str, str]] = []

    def save_as(_parent: Any, title: str, suggested: Path, fmt: str) -> Path:
        asked.append((title, suggested.name))
        return tmp_path / suggested.name

    monkeypatch.setattr(export_flow, "ask_save_path", save_as)
    qtbot.keyClick(window, Qt.Key.Key_I, modifiers)
    qtbot.waitUntil(lambda: bool(window.store.exports(summary.id)), timeout=20000)
    title, name = asked[0]
    assert title == "Save the letter for the patient"
    assert name.startswith("patient-explainer") and "rosa" not in name.lower()  # no PHI
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / name).pages)
    assert heading in text and deadline in " ".join(text.split())
    record = window.store.exports(summary.id)[-1]
    assert record.template_id.startswith("patient-explainer")
    assert "Letter for the patient saved" in window.statusBar().currentMessage()


def test_the_actions_sit_in_the_file_menu_and_wait_for_a_case(examples_window: Any) -> None:
    actions = examples_window.menu_actions
    assert actions.explain_en.shortcut() == QKeySequence("Ctrl+Shift+I")
    assert actions.explain_es.shortcut() == QKeySequence("Ctrl+Alt+I")
    assert not actions.explain_en.isEnabled()  # no case open yet
    file_menu = examples_window.menuBar().actions()[0].menu()
    assert actions.explain_en in file_menu.actions() and actions.explain_es in file_menu.actions()
