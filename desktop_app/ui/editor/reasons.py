"""The denial's stated reasons in the Denial section: one row per reason, each with its
category, the payer's words and the practice's own response."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_denial import DenialReason
from desktop_app.services.denial_intake import reason_categories
from desktop_app.ui.editor.dropdowns import ChoiceBox
from desktop_app.ui.editor.widgets import TextBox


class ReasonRow(QFrame):
    """One stated reason."""

    edited = Signal()
    remove_requested = Signal(object)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.category = ChoiceBox(reason_categories(), self)
        self.text = TextBox(self, lines=3)
        self.response = TextBox(self, lines=2)
        self.response.setPlaceholderText("Optional: the practice's own answer to this reason")
        self.remove = QPushButton("Remove", self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for caption, widget in (("Category:", self.category), ("Payer's words:", self.text),
                                ("Our response:", self.response)):
            label = QLabel(caption, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(widget)
            form.addRow(label, widget)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(form)
        self.renumber(number)
        for widget in (self.category, self.text, self.response):
            widget.edited.connect(self.edited)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def renumber(self, number: int) -> None:
        self.title.setText(f"Reason {number}")
        for widget, words in ((self.category, "category"), (self.text, "payer's words"),
                              (self.response, "our response")):
            widget.setAccessibleName(f"Reason {number}, {words}")
        self.remove.setAccessibleName(f"Remove reason {number}")

    def reason(self) -> DenialReason:
        category = self.category.value()
        response = str(self.response.value() or "").strip()
        return DenialReason.model_construct(
            category=category if isinstance(category, str) else None,
            text=str(self.text.value() or ""),
            response=response or None,
        )


class ReasonsField(QWidget):
    """The list of stated reasons; value() is a list of DenialReason (None when empty)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReasonRow] = []
        self.list_layout = QVBoxLayout()
        self.add_button = QPushButton("Add a stated reason", self)
        self.add_button.setAccessibleName("Add a stated reason")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.list_layout)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.add_button)
        self.add_button.clicked.connect(self._add_and_focus)

    def _add_row(self) -> ReasonRow:
        row = ReasonRow(len(self.rows) + 1, self)
        row.edited.connect(self.edited)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self.list_layout.addWidget(row)
        return row

    def _add_and_focus(self) -> None:
        row = self._add_row()
        row.category.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def _remove(self, row: object) -> None:
        if not isinstance(row, ReasonRow) or row not in self.rows:
            return
        self.rows.remove(row)
        self.list_layout.removeWidget(row)
        row.deleteLater()
        for number, other in enumerate(self.rows, 1):
            other.renumber(number)
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def value(self) -> list[DenialReason] | None:
        reasons = [row.reason() for row in self.rows]
        return reasons or None

    def set_value(self, value: object) -> None:
        while self.rows:
            row = self.rows.pop()
            self.list_layout.removeWidget(row)
            row.deleteLater()
        for reason in value if isinstance(value, list) else []:
            row = self._add_row()
            row.category.set_value(getattr(reason, "category", None))
            row.text.set_value(getattr(reason, "text", ""))
            row.response.set_value(getattr(reason, "response", None))
