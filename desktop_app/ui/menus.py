"""The main window's actions and menus, with mnemonics and the keyboard shortcuts staff use."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from desktop_app.ui.status import MOVE_LABELS, STATUS_LABELS


@dataclass
class Actions:
    new: QAction
    duplicate: QAction
    import_cases: QAction
    export_case: QAction
    export_pdf: QAction
    export_docx: QAction
    explain_en: QAction
    explain_es: QAction
    settings: QAction
    backups: QAction
    quit: QAction
    undo_delete: QAction
    delete: QAction
    find: QAction
    refresh_preview: QAction
    show_checks: QAction
    appeal: QAction
    new_version: QAction
    moves: dict[str, QAction]
    about: QAction


def menu_action(window: QMainWindow, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def add_menu_action(window: QMainWindow, menu: QMenu, text: str, slot: Callable[[], object],
                    shortcut: str | None, tip: str) -> QAction:
    """An action made as `menu_action` makes it, added to `menu`."""
    action = menu_action(window, text, slot, shortcut, tip)
    menu.addAction(action)
    return action


def build_menus(window: QMainWindow, slots: dict[str, Callable[..., object]],
                list_view: QWidget) -> Actions:
    """Create every action, put them in menus, and return them for enabling and tests."""
    key = QKeySequence.StandardKey
    a = Actions(
        new=menu_action(window, "&New case", slots["new"], key.New, "Start a new case"),
        duplicate=menu_action(window, "D&uplicate case", slots["duplicate"], "Ctrl+D",
                          "Copy the selected case into a new draft"),
        import_cases=menu_action(window, "&Import case file…", slots["import_cases"], "Ctrl+O",
                             "Add cases from case files (.json)"),
        export_case=menu_action(window, "Export &case file…", slots["export_case"], None,
                            "Save the open case as a case file (.json)"),
        export_pdf=menu_action(window, "Export letter as &PDF…", slots["export_pdf"], "Ctrl+E"),
        export_docx=menu_action(window, "Export letter as &Word…", slots["export_docx"],
                            "Ctrl+Shift+E"),
        explain_en=menu_action(window, "Explain to the patient (E&nglish)…", slots["explain_en"],
                           "Ctrl+Shift+I", "A plain-language letter for the patient, as PDF"),
        explain_es=menu_action(window, "Explain to the patient (Spani&sh)…", slots["explain_es"],
                           "Ctrl+Alt+I", "The letter for the patient in Spanish, as PDF"),
        settings=menu_action(window, "&Settings…", slots["settings"], "Ctrl+,",
                         "Letterhead, prescribers, your name and the shared templates folder"),
        backups=menu_action(window, "&Backups…", slots["backups"], None,
                        "The daily copies of the case database, and restoring one"),
        quit=menu_action(window, "&Quit", slots["quit"], key.Quit),
        undo_delete=menu_action(window, "&Undo delete", slots["undo_delete"], key.Undo,
                            "Bring back the case deleted last"),
        delete=menu_action(window, "&Delete case…", slots["delete"], key.Delete),
        find=menu_action(window, "&Find case", slots["find"], key.Find, "Search the case list"),
        refresh_preview=menu_action(window, "Refresh &preview", slots["refresh_preview"], "F5"),
        show_checks=menu_action(window, "Show &checks", slots["show_checks"], "Ctrl+Shift+K"),
        appeal=menu_action(window, "&Appeal this denial", slots["appeal"], None,
                       "Start an appeal case from this denied case"),
        new_version=menu_action(window, "Start a new &version", slots["new_version"], None,
                            "Change a signed letter; the signed version is kept"),
        moves={},
        about=menu_action(window, "&About PA Letter Studio", slots["about"]),
    )
    # Del and Ctrl+Z act on the case list only: in a text field Del deletes characters, and
    # the evidence and therapy tables have their own Ctrl+Z (undo a row change). Two window-wide
    # actions on one key are ambiguous, and Qt then fires neither. The Edit menu still works.
    for action in (a.delete, a.undo_delete):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        list_view.addAction(action)
    mnemonic = {"draft": "Back to &draft", "ready_for_signature": "&Ready for signature",
                "signed": "Mark &signed on paper…", "sent": "Mark s&ent",
                "approved": "Mark a&pproved", "denied": "Mark de&nied"}
    for status in STATUS_LABELS:
        a.moves[status] = menu_action(window, mnemonic.get(status, MOVE_LABELS[status]),
                                  functools.partial(slots["move"], status))
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for item in (a.new, a.duplicate, None, a.import_cases, a.export_case, None, a.export_pdf,
                 a.export_docx, a.explain_en, a.explain_es, None, a.settings, a.backups, None,
                 a.quit):
        file_menu.addSeparator() if item is None else file_menu.addAction(item)
    edit_menu = bar.addMenu("&Edit")
    for item in (a.undo_delete, None, a.delete, None, a.find):
        edit_menu.addSeparator() if item is None else edit_menu.addAction(item)
    case_menu = bar.addMenu("&Case")
    for action in a.moves.values():
        case_menu.addAction(action)
    case_menu.addSeparator()
    case_menu.addAction(a.appeal)
    case_menu.addAction(a.new_version)
    view_menu = bar.addMenu("&View")
    view_menu.addAction(a.refresh_preview)
    view_menu.addAction(a.show_checks)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.about)
    return a
