"""The row changes Ctrl+Z takes back in a list section: a row added, removed or moved.

Separate from the list editor itself: each change is a small undo-stack command that needs
only a list's two ways of changing its rows (insert one, take one out), so what a change
does and what undoing it does can be read side by side, apart from the table and buttons.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel
from PySide6.QtGui import QUndoCommand


class EditableRows(Protocol):
    """What a change needs of the list editor: the two steps every row change is made of."""

    def insert_item(self, row: int, item: BaseModel) -> None: ...
    def take_item(self, row: int) -> BaseModel: ...


class InsertRow(QUndoCommand):
    def __init__(self, editor: EditableRows, row: int, item: BaseModel, text: str) -> None:
        super().__init__(text)
        self._editor, self._row, self._item = editor, row, item

    def redo(self) -> None:
        self._editor.insert_item(self._row, self._item)

    def undo(self) -> None:
        self._item = self._editor.take_item(self._row)


class RemoveRow(QUndoCommand):
    def __init__(self, editor: EditableRows, row: int) -> None:
        super().__init__("remove row")
        self._editor, self._row = editor, row
        self._item: BaseModel | None = None

    def redo(self) -> None:
        self._item = self._editor.take_item(self._row)

    def undo(self) -> None:
        if self._item is not None:
            self._editor.insert_item(self._row, self._item)


class MoveRow(QUndoCommand):
    def __init__(self, editor: EditableRows, source: int, target: int) -> None:
        super().__init__("move row")
        self._editor, self._source, self._target = editor, source, target

    def redo(self) -> None:
        self._editor.insert_item(self._target, self._editor.take_item(self._source))

    def undo(self) -> None:
        self._editor.insert_item(self._source, self._editor.take_item(self._target))
