"""Tools > Practice regimens: the regimens the practice saved from cases, and removing one
that is out of date (a new compendium version, a changed dose)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services import regimens
from desktop_app.ui.plain_text import plain_message

NAME_ROLE = Qt.ItemDataRole.UserRole


class RegimenListDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Practice regimens")
        self.resize(720, 420)
        intro = QLabel("Saved from a case's Regimen section (“Save as a practice regimen…”). "
                       "Typing a regimen's name in Generic name fills the regimen and adds "
                       "its evidence. Remove one when its compendium listing or dose is out "
                       "of date, then save it again from an up-to-date case.")
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Practice regimens")
        self.problem = QLabel("")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.confirm = self._confirm  # tests answer for staff
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        try:
            found = regimens.practice_regimens()
        except AppError as exc:
            self.problem.setText(f"The practice regimens cannot be read: {exc}")
            found = []
        for regimen in found:
            saved = f" (saved {regimen.saved_on:%m/%d/%Y})" if regimen.saved_on else ""
            item = QListWidgetItem(
                f"{regimen.name}{saved} — {regimens.regimen_summary(regimen)}", self.list)
            item.setData(NAME_ROLE, regimen.name)
        if not found and not self.problem.text():
            self.problem.setText("None saved yet.")
        self.remove_button.setEnabled(bool(found))
        if found:
            self.list.setCurrentRow(0)

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name = str(item.data(NAME_ROLE))
        if not self.confirm(name):
            return
        try:
            regimens.remove_regimen(name)
        except AppError as exc:
            self.problem.setText(f"Not removed: {exc}")
            return
        self.problem.setText("")
        self.reload()

    def _confirm(self, name: str) -> bool:
        answer = QMessageBox.question(self, "Practice regimens",
                                      plain_message(f"Remove the practice regimen “{name}”? "
                                                    "Cases that used it keep their regimen "
                                                    "and evidence."))
        return answer == QMessageBox.StandardButton.Yes


def open_regimen_list(parent: QWidget) -> RegimenListDialog:
    dialog = RegimenListDialog(parent)
    dialog.show()
    return dialog
