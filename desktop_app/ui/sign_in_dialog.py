"""Who is at this desk: asked at start when the OS login does not settle it or a PIN is set.

The person is chosen from the practice's list (the OS login's own first); a person with a PIN
types it. A wrong PIN is said in the dialog and nothing else happens; Quit leaves the app.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services.people import SignInNeeded, sign_in


class SignInDialog(QDialog):
    def __init__(self, store: Any, needed: SignInNeeded, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is working at this desk?")
        self.store = store
        self.person = QComboBox(objectName="signInPerson")
        for person in needed.choices:
            self.person.addItem(person.label, person)
        self.pin = QLineEdit(objectName="signInPin", echoMode=QLineEdit.EchoMode.Password)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #9b1c1c;")
        self.person.currentIndexChanged.connect(self._pin_needed)
        form = QFormLayout()
        form.addRow("&Person:", self.person)
        form.addRow("P&IN or password:", self.pin)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("&Sign in", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"This computer's login is “{needed.login}”. Choose who you "
                                "are; your name goes on everything you do here.", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._pin_needed()

    def _pin_needed(self) -> None:
        chosen = self.person.currentData()
        self.pin.setEnabled(bool(chosen and chosen.has_pin))

    def try_sign_in(self) -> None:
        try:
            sign_in(self.store, self.person.currentData(), self.pin.text())
        except AppError as exc:
            self.problem.setText(str(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.accept()


def ask_who_is_here(store: Any) -> bool:
    """Sign in at start; False when the person chose Quit."""
    from desktop_app.services.people import start_desk

    needed = start_desk(store)
    if needed is None:
        return True
    return SignInDialog(store, needed).exec() == QDialog.DialogCode.Accepted
