"""Mark denied: the denial as the payer's letter states it, then the appeal starts with it;
and the question before a second appeal of one denial.

`ask_denial` and `ask_second_appeal` are the two questions the case page asks, module-level
so a scripted session (tests/ui/soak.py) can answer them as staff would.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.denials import DenialEntry
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.lists import PathField
from desktop_app.ui.editor.widgets import ChoiceBox, TextBox, TextLine
from desktop_app.ui.status import status_label

# Medicare's first appeal level has its own name; other plans start with an internal appeal.
FIRST_LEVEL = {"medicare_part_b": "redetermination", "medicare_part_d": "redetermination"}


class DenialDialog(QDialog):
    """`choice` is "appeal" (mark denied and start the appeal), "only" or "" (cancelled)."""

    def __init__(self, plan_type: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark denied")
        self.choice = ""
        self.date = DateField()
        self.date.line.setAccessibleName("Denial date")
        self.reference = TextLine()
        self.reference.setAccessibleName("Claim or authorization number")
        self.level = ChoiceBox(list(L.APPEAL_LEVEL_CHOICES))
        self.level.setAccessibleName("Appeal level")
        self.level.set_value(FIRST_LEVEL.get(plan_type or "", "first"))
        self.reasons = TextBox(lines=5)
        self.reasons.setAccessibleName("Reasons as stated")
        self.reasons.setPlaceholderText("One reason per line, in the payer's words")
        self.letter = PathField()
        self.letter.line.setAccessibleName("Denial letter file")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #9b1c1c;")
        self.problem.hide()
        form = QFormLayout()
        for label, widget in (("Denial &date:", self.date), ("&Reference number:", self.reference),
                              ("Appeal &level:", self.level),
                              ("Reasons as &stated:", self.reasons),
                              ("Denial le&tter:", self.letter)):
            caption = QLabel(label)
            caption.setBuddy(widget.focusProxy() or widget)
            form.addRow(caption, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.appeal_button = buttons.addButton("Start the &appeal",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.only_button: QPushButton = buttons.addButton(
            "Mark denied &only", QDialogButtonBox.ButtonRole.ActionRole)
        self.appeal_button.setDefault(True)
        self.appeal_button.clicked.connect(lambda: self._finish("appeal"))
        self.only_button.clicked.connect(lambda: self._finish("only"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("From the payer's denial letter. The appeal starts with these "
                                "filled in and the letter attached.", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.date.setFocus()

    def entry(self) -> DenialEntry:
        level = self.level.value()
        return DenialEntry(
            date=self.date.value(),
            reference_number=self.reference.value(),
            level=level if isinstance(level, str) else None,
            # One per line: a stated reason may itself hold semicolons.
            reasons=tuple(line.strip() for line in self.reasons.toPlainText().splitlines()
                          if line.strip()),
            letter_path=self.letter.value(),
        )

    def _finish(self, choice: str) -> None:
        if choice == "appeal":
            if self.date.has_bad_input():
                self._say("The denial date is not a date: type it as MM/DD/YYYY.")
                return
            problems = self.entry().problems()
            if problems:
                self._say(f"Please fix: {problems[0]}.")
                return
        self.choice = choice
        self.accept()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def ask_denial(parent: QWidget, plan_type: str | None) -> tuple[str, DenialEntry | None]:
    """("appeal" or "only", the denial typed), or ("", None) when staff cancel."""
    dialog = DenialDialog(plan_type, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.choice:
        return "", None
    return dialog.choice, dialog.entry()


def ask_second_appeal(parent: QWidget, existing: Any) -> str:
    """ "open" the appeal already started (the default), start a "second", or "cancel"."""
    box = QMessageBox(parent)
    box.setWindowTitle("PA Letter Studio")
    box.setText(f"This denial already has an appeal ({status_label(existing.status)}, "
                f"last changed {existing.updated_at.astimezone():%Y-%m-%d}).")
    box.setInformativeText("Open it, or start a second appeal of the same denial?")
    open_button = box.addButton("Open the appeal", QMessageBox.ButtonRole.AcceptRole)
    second = box.addButton("Start a second appeal", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(open_button)
    box.exec()
    clicked = box.clickedButton()
    return "open" if clicked is open_button else "second" if clicked is second else "cancel"
