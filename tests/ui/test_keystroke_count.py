"""The Medicare Part B example typed from Ctrl+N to an exported PDF in the real window, every
key counted (README: "Keystrokes").

Two runs of the same case: with the practice's directories filled (payer, prescriber and
letterhead, a practice regimen saved from an earlier patient) and with every value typed.
Keys go to whatever has the focus; fields are reached with Alt+letter and Tab only. The one
step outside the app is the system file dialog for an attachment: its keys (the file's name
and Enter) are counted, not sent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop_app.domain.casefile import case_to_dict, load_case
from desktop_app.services import payers, regimens
from desktop_app.storage.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    save_settings,
)
from tests.ui._editor_support import show_active
from tests.ui._keyboard import CountingKeyboard, fill, typed_values

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-part-b-preauth.json"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

README = EXAMPLE.parents[1] / "README.md"
# What the README states; the test fails when the window needs more (or fewer) keys.
DIRECTORIES_KEYS = 1_279
TYPED_KEYS = 2_631


def _us(day: str) -> str:
    """A case date as staff type it: 12/03/2026."""
    return dt.date.fromisoformat(day).strftime("%m/%d/%Y")


@pytest.fixture
def example() -> dict[str, Any]:
    return case_to_dict(load_case(EXAMPLE))


@pytest.fixture
def attachments(tmp_path: Path, example: dict[str, Any]) -> dict[str, Path]:
    from reportlab.pdfgen.canvas import Canvas

    files = {}
    for item in example["attachments"]:
        path = tmp_path / Path(item["path"]).name
        canvas = Canvas(str(path))
        canvas.drawString(72, 720, "Fictional attachment")
        canvas.save()
        files[item["title"]] = path
    return files


def _fill_directories(example: dict[str, Any], files: dict[str, Path]) -> None:
    """The practice's lists as an office keeps them after its first weeks."""
    prescriber = example["prescriber"]
    save_settings(PracticeSettings(
        letterhead=PracticeLetterhead(name=prescriber["practice"], address=prescriber["address"]),
        prescribers=[DirectoryPrescriber(**{k: prescriber[k] for k in (
            "name", "credentials", "npi", "tax_id", "specialty", "phone", "fax", "email")})]))
    payer = example["payer"]
    jf = next(e for e in payers.payer_directory() if e.jurisdiction == "JF")
    payers.save_practice_payers([jf.model_copy(update={
        "builtin": False, "pa_fax": payer["fax"], "phone": payer["phone"],
        "pa_address": payer["address"]})])
    # Saved from an earlier patient's case, with the article's full text that case attached.
    case = load_case(EXAMPLE)
    assert case.drug is not None and case.attachments
    attached = [a.model_copy(update={"path": str(files[a.title])}) for a in case.attachments]
    regimens.save_regimen("Gemcitabine + docetaxel, sarcoma", case.drug, case.evidence,
                          attachments=attached)


def _export(keyboard: CountingKeyboard, window: Any, qtbot: QtBot, monkeypatch: Any,
            out: Path) -> None:
    from desktop_app.ui import export_flow

    saved: list[Path] = []

    def save_as(_parent: Any, _title: str, suggested: Path, fmt: str) -> Path:
        keyboard.count(1)  # Enter: the suggested name in the export folder
        saved.append(out / suggested.name)
        return saved[-1]

    monkeypatch.setattr(export_flow, "ask_save_path", save_as)
    keyboard.step = "export"
    keyboard.press(Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: bool(saved) and saved[0].exists(), timeout=30_000)
    assert saved[0].read_bytes().startswith(b"%PDF")


def _attach(keyboard: CountingKeyboard, editor: Any, monkeypatch: Any,
            files: dict[str, Path]) -> None:
    keyboard.step = "attachments"
    keyboard.press(Qt.Key.Key_A, ALT)
    rows = editor.lists["attachments"]
    for title, path in files.items():
        if any(item.title == title for item in rows.items()):
            continue  # the regimen brought it
        keyboard.press(Qt.Key.Key_Insert, ALT)
        form = rows.detail.currentWidget()

        def browse(path: Path = path) -> None:
            def chosen(*_a: Any, **_k: Any) -> tuple[str, str]:
                keyboard.count(len(path.name) + 1)  # the file's name typed, Enter
                return str(path), ""

            monkeypatch.setattr(QFileDialog, "getOpenFileName", chosen)
            keyboard.press(Qt.Key.Key_Tab)  # from the path line to Browse…
            keyboard.press(Qt.Key.Key_Space)

        fill(keyboard, form, {"title": title, "path": browse})


def _prior_therapies(keyboard: CountingKeyboard, editor: Any, example: dict[str, Any]) -> None:
    keyboard.step = "prior therapies"
    keyboard.press(Qt.Key.Key_S, ALT)
    rows = editor.lists["prior_therapies"]
    for therapy in example["prior_therapies"]:
        keyboard.press(Qt.Key.Key_Insert, ALT)
        form = rows.detail.currentWidget()
        fill(keyboard, form, typed_values(form, therapy))


def _off_label(keyboard: CountingKeyboard, editor: Any, example: dict[str, Any]) -> None:
    keyboard.step = "off-label"
    keyboard.press(Qt.Key.Key_O, ALT)
    off = example["off_label"]
    assert off["reasons"] == ["indication"]  # the first box: Space ticks it
    form = editor.forms["off_label"]
    fill(keyboard, form, {"reasons": lambda: keyboard.press(Qt.Key.Key_Space),
                          **typed_values(form, off, skip=("reasons",))})


def _section(keyboard: CountingKeyboard, editor: Any, key: str, letter: Qt.Key,
             values: dict[str, Any], skip: tuple[str, ...] = ()) -> None:
    """Alt+letter into a section, then every value typed, Tab between fields."""
    keyboard.step = key
    keyboard.press(letter, ALT)
    form = editor.forms[key]
    fill(keyboard, form, typed_values(form, values, skip))


def _pick_from_popup(keyboard: CountingKeyboard, qtbot: QtBot, completer: Any,
                     typed: str) -> None:
    keyboard.type(typed)
    popup = completer.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    keyboard.press(Qt.Key.Key_Down, to=popup)
    keyboard.press(Qt.Key.Key_Return, to=popup)


def _directory_flow(keyboard: CountingKeyboard, window: Any, qtbot: QtBot,
                    example: dict[str, Any]) -> None:
    editor = window.page.editor
    keyboard.step = "patient"  # Ctrl+N leaves the cursor in the patient's name
    form = editor.forms["patient"]
    fill(keyboard, form, typed_values(form, example["patient"]))

    keyboard.step = "payer"
    keyboard.press(Qt.Key.Key_Y, ALT)
    form = editor.forms["payer"]
    _pick_from_popup(keyboard, qtbot, form.completer, "nor f")
    fill(keyboard, form, {"state": example["payer"]["state"]})

    keyboard.step = "prescriber"
    keyboard.press(Qt.Key.Key_R, ALT)
    keyboard.press(Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is editor.forms["prescriber"].picker
    keyboard.press(Qt.Key.Key_Down)

    keyboard.step = "diagnosis"
    keyboard.press(Qt.Key.Key_D, ALT)
    form = editor.forms["diagnosis"]
    _pick_from_popup(keyboard, qtbot, form.completer, example["diagnosis"]["icd10"])
    fill(keyboard, form, typed_values(form, example["diagnosis"],
                                      skip=("icd10", "description")))

    keyboard.step = "regimen"
    keyboard.press(Qt.Key.Key_M, ALT)
    form = editor.forms["drug"]
    _pick_from_popup(keyboard, qtbot, form.completer, "gem doc")
    assert QApplication.focusWidget() is form.widget_for("start_date")
    keyboard.type(_us(example["drug"]["start_date"]))

    _off_label(keyboard, editor, example)
    _prior_therapies(keyboard, editor, example)


def _typed_flow(keyboard: CountingKeyboard, window: Any, example: dict[str, Any]) -> None:
    """Nothing in the practice's lists: every value typed, no look-up or suggestion taken."""
    editor = window.page.editor
    keyboard.step = "patient"
    form = editor.forms["patient"]
    fill(keyboard, form, typed_values(form, example["patient"]))
    # The member ID is the MBI typed under Patient: nothing left to type for it.
    _section(keyboard, editor, "payer", Qt.Key.Key_Y, example["payer"], skip=("member_id",))
    _section(keyboard, editor, "prescriber", Qt.Key.Key_R, example["prescriber"])
    _section(keyboard, editor, "diagnosis", Qt.Key.Key_D, example["diagnosis"])
    _section(keyboard, editor, "drug", Qt.Key.Key_M, example["drug"])
    _off_label(keyboard, editor, example)
    _prior_therapies(keyboard, editor, example)
    keyboard.step = "evidence"
    keyboard.press(Qt.Key.Key_I, ALT)
    rows = editor.lists["evidence"]
    for item in example["evidence"]:
        number = {"compendium": Qt.Key.Key_1, "article": Qt.Key.Key_2,
                  "trial": Qt.Key.Key_3}[item["type"]]
        keyboard.press(number, ALT)  # adds a row of that kind
        form = rows.detail.currentWidget()
        fill(keyboard, form, typed_values(form, item))


def _run(flow: str, store: Any, make_window: Any, qtbot: QtBot, monkeypatch: Any,
         out: Path, example: dict[str, Any], files: dict[str, Path]) -> CountingKeyboard:
    window = make_window(store)
    show_active(qtbot, window)
    keyboard = CountingKeyboard(window)
    keyboard.step = "Ctrl+N"
    keyboard.press(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.page.stored is not None)
    if flow == "directories":
        _directory_flow(keyboard, window, qtbot, example)
    else:
        _typed_flow(keyboard, window, example)
    _attach(keyboard, window.page.editor, monkeypatch, files)
    _same_case(window.page.editor.case(), example, files, linked=flow == "directories")
    _export(keyboard, window, qtbot, monkeypatch, out)
    return keyboard


def test_the_part_b_example_with_the_directories_filled(
    store: Any, make_window: Any, qtbot: QtBot, monkeypatch: Any, tmp_path: Path,
    example: dict[str, Any], attachments: dict[str, Path]
) -> None:
    _fill_directories(example, attachments)
    keyboard = _run("directories", store, make_window, qtbot, monkeypatch, tmp_path, example,
                    attachments)
    assert keyboard.total == DIRECTORIES_KEYS, dict(keyboard.keys)
    assert 2 * DIRECTORIES_KEYS <= TYPED_KEYS  # at least halved
    assert f"**{DIRECTORIES_KEYS:,}**" in README.read_text("utf-8")


def test_the_part_b_example_typed_in_full(
    store: Any, make_window: Any, qtbot: QtBot, monkeypatch: Any, tmp_path: Path,
    example: dict[str, Any], attachments: dict[str, Path]
) -> None:
    keyboard = _run("typed", store, make_window, qtbot, monkeypatch, tmp_path, example,
                    attachments)
    assert keyboard.total == TYPED_KEYS, dict(keyboard.keys)
    assert f"| {TYPED_KEYS:,} |" in README.read_text("utf-8")


def _same_case(case: Any, example: dict[str, Any], files: dict[str, Path],
               *, linked: bool) -> None:
    """The window holds the example, value for value (today's letter date; the attachments
    where this test put them; the article link only where a regimen brought the full text,
    since Browse… attaches a file without one)."""
    typed = case_to_dict(case)
    expected = dict(example)
    expected["letter"] = {**example["letter"], "date": typed["letter"]["date"]}
    expected["attachments"] = sorted(
        ({**{k: v for k, v in item.items() if linked or k != "article"},
          "path": str(files[item["title"]])} for item in example["attachments"]),
        key=lambda item: item["title"])
    typed["attachments"] = sorted(typed.get("attachments", []), key=lambda item: item["title"])
    # The MBI typed once is the member ID too, as typed (the letter prints it once).
    expected["payer"] = {**example["payer"], "member_id": example["patient"]["mbi"]}
    # A suggestion accepted in its own letter case: "partial response".
    expected["prior_therapies"] = [
        {k: (typed_v if isinstance(v, str) and str(typed_v).casefold() == v.casefold() else v)
         for (k, v), typed_v in zip(row.items(), typed_row.values(), strict=True)}
        for row, typed_row in zip(example["prior_therapies"], typed.get("prior_therapies", []),
                                  strict=False)]
    # A design chosen in the form is marked as staff's choice (the example leaves it unsaid).
    for item in typed.get("evidence", []):
        if item.get("design_source") == "staff":
            del item["design_source"]
    for section in expected:
        assert typed.get(section) == expected[section], _difference(typed.get(section),
                                                                    expected[section])
    assert set(typed) == set(expected)


def _difference(typed: Any, expected: Any, where: str = "") -> str:
    """The first value the window holds that the example does not, by its path."""
    if isinstance(typed, dict) and isinstance(expected, dict):
        for key in sorted(set(typed) | set(expected)):
            if typed.get(key) != expected.get(key):
                return _difference(typed.get(key), expected.get(key), f"{where}.{key}")
    if isinstance(typed, list) and isinstance(expected, list) and len(typed) == len(expected):
        for index, (a, b) in enumerate(zip(typed, expected, strict=True)):
            if a != b:
                return _difference(a, b, f"{where}.{index}")
    return f"{where}: the window holds {typed!r}, the example {expected!r}"
