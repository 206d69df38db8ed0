"""Small dialogs of the template manager: duplicating a template, and its version history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services import templates as service
from desktop_app.ui.plain_text import plain_message


class DuplicateDialog(QDialog):
    """Ask how to customise a copy: a new letter with its own id, or a replacement."""

    def __init__(self, source: service.TemplateInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Duplicate “{source.title}”")
        self.source = source
        layout = QVBoxLayout(self)
        self.new_letter = QRadioButton("Make a new letter with its own id")
        self.replace = QRadioButton(f"Replace the built-in: keep the id “{source.id}”")
        choice = QButtonGroup(self)
        choice.addButton(self.new_letter)
        choice.addButton(self.replace)
        self.new_letter.setChecked(True)
        explain_new = QLabel(
            "The built-in stays as it is. Your copy is an extra letter that staff pick by "
            "its id or title; existing letters are not affected."
        )
        can_replace = source.builtin and source.active
        explain_replace = QLabel(
            "Every letter of this kind will use your copy instead of the built-in, as soon as "
            "you save it. Delete your copy later to go back to the built-in."
            if can_replace
            else "Only a built-in that is not already replaced can be replaced this way."
        )
        self.replace.setEnabled(can_replace)
        for label in (explain_new, explain_replace):
            label.setWordWrap(True)
            label.setIndent(24)
        self.new_id = QLineEdit(f"{source.id}-custom" if source.builtin else f"{source.id}-copy")
        self.new_id.setAccessibleName("New id")
        self.new_title = QLineEdit(f"{source.title} (our version)")
        self.new_title.setAccessibleName("New title")
        self.location = QComboBox()
        for key, folder in service.template_folders().items():
            self.location.addItem(f"{service.LOCATION_WORDS[key]} ({folder})", key)
        form = QFormLayout()
        form.addRow("New id:", self.new_id)
        form.addRow("New title:", self.new_title)
        form.addRow("Save in:", self.location)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Duplicate and edit")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        for widget in (self.new_letter, explain_new, self.replace, explain_replace):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.new_letter.toggled.connect(self._choice_changed)
        self._choice_changed()

    def _choice_changed(self) -> None:
        self.new_id.setEnabled(self.new_letter.isChecked())
        self.new_title.setEnabled(self.new_letter.isChecked())

    def chosen_id(self) -> str | None:
        """The new id, or None to keep the built-in's id (replace it)."""
        return self.new_id.text().strip() if self.new_letter.isChecked() else None

    def chosen_location(self) -> str:
        return str(self.location.currentData())

    def _accept(self) -> None:
        new_id = self.chosen_id()
        problem = service.new_id_problem(new_id) if new_id is not None else None
        if problem:
            self.problem.setText(f"The id cannot be used: {problem}.")
            self.new_id.setFocus()
            return
        self.accept()


class HistoryDialog(QDialog):
    """The kept versions of a custom template: view each one and restore it."""

    def __init__(self, info: service.TemplateInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.restored: service.TemplateInfo | None = None
        self.setWindowTitle(f"Versions of {info.id}")
        self.versions = QListWidget()
        self.versions.setAccessibleName("Versions")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Version text")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.versions)
        split.addWidget(self.text)
        split.setSizes([220, 680])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(
            "Restore this version", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.clicked.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Every save keeps the version it replaced. Restoring saves the old text again as "
                "the newest version, so nothing is lost."
            )
        )
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.versions.currentItemChanged.connect(lambda _c, _p: self._show())
        self.resize(980, 640)
        self._load()

    def _load(self) -> None:
        self.versions.clear()
        for version in service.template_history(self.info.id, self.info.location):
            stamp = version.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            label = f"v{version.version} — {stamp}" + (" (current)" if version.current else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, version.version)
            item.setData(Qt.ItemDataRole.UserRole + 1, version.current)
            self.versions.addItem(item)
        self.versions.setCurrentRow(0)

    def selected_version(self) -> str | None:
        item = self.versions.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show(self) -> None:
        item = self.versions.currentItem()
        version = self.selected_version()
        if item is None or version is None:
            return
        self.text.setPlainText(
            service.template_version_text(self.info.id, version, self.info.location)
        )
        self.restore_button.setEnabled(not item.data(Qt.ItemDataRole.UserRole + 1))

    def restore(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        try:
            self.restored = service.restore_template_version(
                self.info.id, version, self.info.location
            )
        except AppError as exc:
            QMessageBox.warning(self, "Not restored", plain_message(str(exc)))
            return
        self._load()
