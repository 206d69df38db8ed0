"""A table whose rows act on Enter as on a double-click: the Deadlines view opens the case,
the signing queue signs the letter. Keyboard users get the same action as mouse users."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableWidget


class EnterTable(QTableWidget):
    """Emits `row_entered(row)` when Enter is pressed on the current row."""

    row_entered = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.row_entered.emit(self.currentRow())
            return
        super().keyPressEvent(event)
