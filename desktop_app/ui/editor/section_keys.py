"""How the case editor's keys are made: a shortcut on a widget, the row keys on the section list.

Kept apart from the editor's pages and case: the editor says which keys go where (Alt+letter
to a section, Ctrl+PgUp/PgDown); this makes the actions, and the row keys (Alt+Insert,
Alt+1..4) reach whichever list section is showing when they are pressed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop_app.ui.editor.rows import RowListEditor


def add_shortcut(widget: QWidget, keys: str, slot: Callable[[], object],
                 context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
                 ) -> None:
    action = QAction(widget)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(context)
    action.triggered.connect(lambda _checked=False: slot())
    widget.addAction(action)


def add_row_keys(nav: QWidget, current_list: Callable[[], RowListEditor | None]) -> None:
    """Alt+Insert (and Alt+1..4 for evidence) from the section list too: the hint says
    "Press Alt+Insert to add a row" as soon as the section shows, before the table has
    the focus. Only on the list, so the row editor's own keys stay unambiguous."""
    def add(kind: str | None) -> None:
        editor = current_list()
        if editor is None:
            return
        if kind is None:
            editor.add_chosen()
        elif kind in editor.kind_keys():
            editor.add_row(kind)

    keys = [("Alt+Ins", None), ("Alt+1", "compendium"), ("Alt+2", "article"),
            ("Alt+3", "trial"), ("Alt+4", "guideline")]
    for shortcut, kind in keys:
        action = QAction(nav)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False, k=kind: add(k))
        nav.addAction(action)
