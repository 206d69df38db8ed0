"""The open case's header: who and what the letter is for, its status, deadline and next moves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.services.statuses import next_statuses
from desktop_app.ui.plain_text import isolated
from desktop_app.ui.status import MOVE_LABELS, due_state, kind_label, status_label

URGENT_STYLE = "color: #9b1c1c; font-weight: bold;"


class CaseHeader(QWidget):
    """Title on one row; status, appeal deadline and the workflow buttons on the next.

    Emits `move_requested(status)`, `sign_requested()` and `appeal_requested()`; the page and
    the window do the work.
    """

    move_requested = Signal(str)
    sign_requested = Signal()
    appeal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAccessibleName("Open case")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the patient's name, never markup
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setAccessibleName("Case status")
        self.moves = QHBoxLayout()
        self._moves_for: str | None = None  # the status the buttons were made for
        second = QHBoxLayout()
        second.addWidget(self.status, 1)
        second.addLayout(self.moves)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addLayout(second)

    def show_case(self, stored: Any, deadline: Any = None) -> None:
        """Show `stored` (a StoredCase); `deadline` is the appeal's last day, if any."""
        case = stored.case
        parts = [isolated(case.patient.name) or "New case", isolated(case.drug.generic_name),
                 kind_label(case.letter.kind)]
        self.title.setText(" — ".join(p for p in parts if p))
        text = f"Status: {status_label(stored.status)}"
        state = due_state(deadline, stored.status) if deadline else None
        if state and state.level != "ok":
            # Words and a sign, not colour alone: the deadline must read in grey scale too.
            text += f"   ⚠ Appeal deadline: {state.text}"
            self.status.setStyleSheet(URGENT_STYLE)
        else:
            self.status.setStyleSheet("")
        self.status.setText(text)
        self._show_moves(stored.status)

    def _show_moves(self, status: str) -> None:
        # Autosave re-shows the header often; rebuild the buttons only when the status moved.
        if status == self._moves_for:
            return
        self._moves_for = status
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if status == "ready_for_signature":
            # The physician's way to sign: it records the signer, the time and the file's hash.
            sign = QPushButton("Sign…")
            sign.setToolTip("Sign this letter in the app (Ctrl+Shift+G)")
            sign.clicked.connect(self.sign_requested)
            self.moves.addWidget(sign)
        for target in next_statuses(status):
            button = QPushButton(MOVE_LABELS[target])
            button.clicked.connect(lambda _c=False, t=target: self.move_requested.emit(t))
            self.moves.addWidget(button)
        if status == "denied":
            appeal = QPushButton("Appeal this denial")
            appeal.clicked.connect(self.appeal_requested)
            self.moves.addWidget(appeal)
