"""The "Record the label check" dialog: who checked the catalog's label facts against the FDA
label, and when, with the box that confirms the check for the whole practice.

Kept apart from the field in the off-label section (label_check.py) because the dialog only
asks and checks what was typed; the field decides what the check means for the case. How a
label revision is worded ("March 2024") lives here, where the dialog names the label; the
field words its own messages the same way.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.bounds import NAME_CHARS
from desktop_app.ui.editor.dates import DateField


def revision_in_words(day: dt.date | None) -> str:
    return f"{day:%B %Y}" if day else "an unknown revision"


PRACTICE_BOX = "Confirm for the whole practice (every case with this drug and label revision)"


class LabelCheckDialog(QDialog):
    """Who checked the catalog's label facts, and when; the label is named, not editable."""

    def __init__(self, title: str, revised: dt.date, name: str,
                 parent: QWidget | None = None, *, practice: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record the label check")
        what = QLabel(
            f"I compared the labeled uses, doses and routes shown for this drug with its FDA "
            f"label, {title} (revised {revision_in_words(revised)}), and they match it.", self)
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setWordWrap(True)
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(NAME_CHARS)
        self.name.setAccessibleName("Checked by")
        self.day = DateField(self)
        self.day.set_value(dt.date.today())
        self.day.line.setAccessibleName("Checked on")
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #a00;")
        form = QFormLayout()
        form.addRow("Checked &by:", self.name)
        form.addRow("Checked &on:", self.day)
        # Offered only when the drug is a catalog entry a confirmation can name.
        self.practice = QCheckBox(PRACTICE_BOX, self)
        self.practice.setVisible(practice)
        self._practice_offered = practice
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.practice)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def accept(self) -> None:
        name = self.name.text().strip()
        day = self.day.value()
        if not name:
            self.problem.setText("Type the name of the person who checked the label.")
            self.name.setFocus()
            return
        if day is None:
            self.problem.setText("Type the date of the check, e.g. 2026-12-02.")
            self.day.setFocus()
            return
        if day > dt.date.today():
            self.problem.setText("The date of the check cannot be in the future.")
            self.day.setFocus()
            return
        super().accept()

    def for_practice(self) -> bool:
        return self._practice_offered and self.practice.isChecked()

    def result_values(self) -> tuple[str, dt.date]:
        day = self.day.value()
        return self.name.text().strip(), day if day is not None else dt.date.today()
