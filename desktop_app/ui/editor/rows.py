"""A list section (evidence, prior therapies, attachments): a table of rows and a form for one.

Rows are added, removed and moved from the keyboard, and each change can be undone (Ctrl+Z).
The kinds of row a list holds are described in row_kinds.py; the undoable changes are in
row_undo.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.item_edits import keep_unshown_fields
from desktop_app.ui.editor.field_marks import Marks
from desktop_app.ui.editor.mark_style import ICON_FOR_SEVERITY, set_mark
from desktop_app.ui.editor.row_kinds import RowKind
from desktop_app.ui.editor.row_undo import InsertRow, MoveRow, RemoveRow
from desktop_app.ui.plain_text import plain_tooltip


class RowListEditor(QWidget):
    """Rows of one list in a table; the selected row is edited in the form below it."""

    edited = Signal()

    def __init__(self, title: str, columns: list[str], kinds: list[RowKind],
                 summarize: Callable[[BaseModel], list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._kinds = {k.key: k for k in kinds}
        self._summarize = summarize
        self._items: list[BaseModel] = []
        self._row_marks: dict[int, Marks] = {}
        self.undo_stack = QUndoStack(self)
        self.table = QTableWidget(0, len(columns), self)
        self._setup_table(columns)
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName(f"Kind of {title.lower()} item to add")
        for kind in kinds:
            self.kind_box.addItem(kind.label, kind.key)
            if kind.shortcut:
                self.kind_box.setItemData(self.kind_box.count() - 1,
                                          f"Add one directly with {kind.shortcut}",
                                          Qt.ItemDataRole.ToolTipRole)
        self.kind_box.setVisible(len(kinds) > 1)
        self.detail = QStackedWidget(self)
        keys = ", ".join(f"{k.shortcut} {k.label.lower()}" for k in kinds if k.shortcut)
        hint = QLabel("Nothing selected. Press Alt+Insert to add a row"
                      + (f" ({keys})." if keys else "."), self)
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.addWidget(hint)
        for kind in kinds:
            self.detail.addWidget(kind.form)
            kind.form.edited.connect(self._on_form_edited)
        self._build_layout(kinds)

    def _setup_table(self, columns: list[str]) -> None:
        table = self.table
        table.setHorizontalHeaderLabels(columns)
        table.setAccessibleName(f"{self.title} list")
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the form, as staff expect
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if len(columns) == 2:  # a short "kind" column, the rest for the citation
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(False)
        table.itemSelectionChanged.connect(self._show_current)

    def _build_layout(self, kinds: list[RowKind]) -> None:
        # Buttons in a column beside the table, so the page stays narrow at large text sizes.
        buttons = QVBoxLayout()
        buttons.addWidget(self.kind_box)
        specs = [
            ("Add", "Alt+Ins", self.add_chosen), ("Remove", "Alt+Del", self.remove_current),
            ("Move up", "Alt+Shift+Up", lambda: self.move_current(-1)),
            ("Move down", "Alt+Shift+Down", lambda: self.move_current(1)),
        ]
        # Short button words, keys in the tooltip: the table beside them needs the width.
        for text, keys, slot in specs:
            button = QPushButton(text, self)
            button.setToolTip(f"{text} ({keys})")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self._shortcut(keys, slot)
        undo = QPushButton("Undo", self)
        undo.setToolTip("Undo the last row change (Ctrl+Z)")
        undo.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        undo.setEnabled(False)
        buttons.addWidget(undo)
        buttons.addStretch(1)
        self._buttons = buttons
        self._shortcut("Ctrl+Z", self.undo_stack.undo)
        self._shortcut("Ctrl+Shift+Z", self.undo_stack.redo)
        for kind in kinds:
            if kind.shortcut:
                self._shortcut(kind.shortcut, partial(self.add_row, kind.key))
        self._shortcut("Ins", self.add_chosen, on_table=True)
        self._shortcut("Del", self.remove_current, on_table=True)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addWidget(self.detail, 3)

    def add_button(self, text: str, tooltip: str, slot: Callable[[], object]) -> QPushButton:
        """Another button in the column beside the table, above the stretch."""
        button = QPushButton(text, self)
        button.setToolTip(tooltip)
        button.clicked.connect(lambda _checked=False: slot())
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button

    def _shortcut(self, keys: str, slot: Callable[[], object], *, on_table: bool = False) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        # Section-wide keys; a line edit's own Ctrl+Z / Ctrl+Del still go to the line edit.
        context = Qt.ShortcutContext.WidgetShortcut if on_table else (
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        (self.table if on_table else self).addAction(action)

    # --- the rows -------------------------------------------------------------------------
    def items(self) -> list[BaseModel]:
        return list(self._items)

    def set_items(self, items: list[BaseModel]) -> None:
        self._items = list(items)
        self.undo_stack.clear()
        self.table.setRowCount(len(self._items))
        for row in range(len(self._items)):
            self._show_row(row)
        self.select_row(0 if self._items else -1)

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        # While a row is being inserted or removed the table and the list briefly disagree.
        return rows[0].row() if rows and rows[0].row() < len(self._items) else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self._show_current()

    def add_row(self, kind_key: str) -> None:
        """Add a new empty row after the selected one and put the cursor in its first field."""
        row = self.current_row() + 1 if self.current_row() >= 0 else len(self._items)
        item = self._kinds[kind_key].new()
        self.undo_stack.push(InsertRow(self, row, item, f"add {self._kinds[kind_key].label}"))
        self.focus_field(row, "")

    def remove_current(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.undo_stack.push(RemoveRow(self, row))
            self.table.setFocus()

    def move_current(self, step: int) -> None:
        row = self.current_row()
        if row >= 0 and 0 <= row + step < len(self._items):
            self.undo_stack.push(MoveRow(self, row, row + step))
            # On the table, Ctrl+Z undoes the move; in a text field it would undo typing.
            self.table.setFocus()

    def add_chosen(self) -> None:
        """Add a row of the kind chosen in the kind box (Alt+Insert)."""
        self.add_row(str(self.kind_box.currentData()))

    def kind_keys(self) -> list[str]:
        return list(self._kinds)

    def insert_item(self, row: int, item: BaseModel) -> None:
        self._items.insert(row, item)
        self.table.insertRow(row)
        self._show_row(row)
        self.select_row(row)
        self.edited.emit()

    def take_item(self, row: int) -> BaseModel:
        item = self._items.pop(row)
        self.table.removeRow(row)
        self.select_row(min(row, len(self._items) - 1))
        self.edited.emit()
        return item

    def _show_row(self, row: int) -> None:
        for column, text in enumerate(self._summarize(self._items[row])):
            cell = self.table.item(row, column)
            if cell is None:
                cell = QTableWidgetItem()
                self.table.setItem(row, column, cell)
            if cell.text() != text:
                cell.setText(text)
        self._show_row_mark(row)

    def _kind_of(self, item: BaseModel) -> RowKind:
        key = getattr(item, "type", None)
        return self._kinds.get(str(key)) or next(iter(self._kinds.values()))

    def _show_current(self) -> None:
        row = self.current_row()
        if row < 0:
            self.detail.setCurrentIndex(0)
            return
        kind = self._kind_of(self._items[row])
        kind.form.write(self._items[row])
        kind.form.set_marks(self._row_marks.get(row, {}))
        self.detail.setCurrentWidget(kind.form)

    def _on_form_edited(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        kind = self._kind_of(self._items[row])
        old = self._items[row]
        new = keep_unshown_fields(old, kind.form.read(), kind.form.fields)
        self._items[row] = kind.after_edit(old, new) if kind.after_edit else new
        self._show_row(row)
        self.edited.emit()

    # --- focus and marks ------------------------------------------------------------------
    def focus_field(self, row: int, leaf: str) -> bool:
        """Select a row and focus one of its fields (or its first field when leaf is '')."""
        if not 0 <= row < len(self._items):
            self.table.setFocus()
            return False
        self.select_row(row)
        form = self._kind_of(self._items[row]).form
        name = leaf or next(iter(form.fields))
        widget = form.widget_for(name)
        if widget is None:
            self.table.setFocus()
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def set_marks(self, row_marks: dict[int, Marks], whole: tuple[str, str]) -> None:
        """Findings on rows ({row: {field: (severity, message)}}) and on the list as a whole."""
        old = set(self._row_marks)
        self._row_marks = row_marks
        for row in old | set(row_marks):
            if 0 <= row < len(self._items):
                self._show_row_mark(row)
        set_mark(self.table, *whole)
        row = self.current_row()
        if row >= 0:
            self._kind_of(self._items[row]).form.set_marks(row_marks.get(row, {}))

    def _show_row_mark(self, row: int) -> None:
        cell = self.table.item(row, 0)
        if cell is None:
            return
        marks = self._row_marks.get(row, {})
        severities = [sev for sev, _ in marks.values()]
        worst = "error" if "error" in severities else ("warning" if severities else "")
        cell.setIcon(self.style().standardIcon(ICON_FOR_SEVERITY[worst]) if worst else QIcon())
        cell.setToolTip(plain_tooltip("\n".join(msg for _, msg in marks.values())))
