"""The template manager (Tools › Templates…): list, duplicate, edit, delete, import, export."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services import templates as service
from desktop_app.services.settings import shared_folder_problem
from desktop_app.ui.plain_text import plain_message
from desktop_app.ui.templates.dialogs import DuplicateDialog, HistoryDialog
from desktop_app.ui.templates.editor import TemplateEditorWindow

COLUMNS = ("Id", "Title", "Kind", "Version", "Last change", "Where")


class TemplateManagerDialog(QDialog):
    """Every template, built-in and custom, with the actions an admin needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Letter templates — PA Letter Studio")
        self.rows: list[service.TemplateInfo] = []
        self.editors: list[TemplateEditorWindow] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Templates")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.edit_or_duplicate())
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("duplicate", "&Duplicate…", self.duplicate),
            ("edit", "&Edit…", self.edit),
            ("history", "&History…", self.history),
            ("delete", "De&lete…", self.delete),
            ("import", "&Import…", self.import_file),
            ("export", "E&xport…", self.export_file),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Built-in templates are read-only: <b>Duplicate</b> one to reword it. A custom "
                "template with a built-in's id takes its place for every letter of that kind."
            )
        )
        self.shared_problem = QLabel()
        self.shared_problem.setWordWrap(True)
        self.shared_problem.setAccessibleName("Shared templates folder problem")
        self.shared_problem.setStyleSheet("color: #9b1c1c;")
        self.shared_problem.hide()
        layout.addWidget(self.shared_problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.about)
        layout.addLayout(row)
        self.resize(1100, 520)
        self.reload()

    # --- list ---------------------------------------------------------------------------
    def reload(self, select: tuple[str, str] | None = None) -> None:
        """Refill the list; keep (or move to) the selected template (id, location)."""
        current = select or self._selected_key()
        problem = shared_folder_problem()
        self.shared_problem.setText(problem or "")
        self.shared_problem.setVisible(bool(problem))
        self.rows = service.template_catalog()
        self.table.setRowCount(len(self.rows))
        for number, info in enumerate(self.rows):
            changed = (
                info.last_changed.astimezone().strftime("%Y-%m-%d %H:%M")
                if (info.last_changed)
                else ""
            )
            for column, value in enumerate(
                (info.id, info.title, info.kind, info.version, changed, info.status)
            ):
                item = QTableWidgetItem(value)
                item.setToolTip(info.description or info.title)
                if not info.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(number, column, item)
        keys = [(r.id, r.location) for r in self.rows]
        self.table.selectRow(keys.index(current) if current in keys else 0)
        self._update_buttons()

    def _selected_key(self) -> tuple[str, str] | None:
        info = self.selected()
        return (info.id, info.location) if info else None

    def selected(self) -> service.TemplateInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select(self, template_id: str, location: str) -> None:
        self.reload(select=(template_id, location))

    def _update_buttons(self) -> None:
        info = self.selected()
        custom = info is not None and not info.builtin
        self.buttons["edit"].setEnabled(custom)
        self.buttons["delete"].setEnabled(custom)
        self.buttons["history"].setEnabled(custom)
        self.buttons["duplicate"].setEnabled(info is not None)
        self.buttons["export"].setEnabled(info is not None)
        if info is None:
            self.about.setText("")
        elif info.builtin:
            self.about.setText(f"<b>{_typed(info.title)}</b> — built-in, read-only. "
                               f"{_typed(info.description)}")
        else:
            # An admin's title, description and file name are data: shown as typed.
            self.about.setText(f"<b>{_typed(info.title)}</b> — {_typed(info.status)}: "
                               f"{_typed(str(info.path))}")

    # --- actions ------------------------------------------------------------------------
    def edit_or_duplicate(self) -> None:
        info = self.selected()
        if info is not None:
            self.edit() if not info.builtin else self.duplicate()

    def duplicate(self) -> TemplateEditorWindow | None:
        info = self.selected()
        if info is None:
            return None
        dialog = DuplicateDialog(info, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new_id = dialog.chosen_id()
        title = dialog.new_title.text().strip() or None
        text = service.duplicate_text(service.read_template_file(info.path), new_id, title)
        return self.open_editor(text, dialog.chosen_location(), is_new=True)

    def edit(self) -> TemplateEditorWindow | None:
        info = self.selected()
        if info is None or info.builtin:
            return None
        return self.open_editor(service.read_template_file(info.path), info.location)

    def open_editor(
        self, text: str, location: str, *, is_new: bool = False
    ) -> TemplateEditorWindow:
        editor = TemplateEditorWindow(text, location=location, is_new=is_new, parent=self)
        editor.saved.connect(lambda info: self.select(info.id, info.location))
        editor.destroyed.connect(lambda _o=None, e=editor: self._forget(e))
        self.editors.append(editor)
        editor.show()
        editor.raise_()
        return editor

    def _forget(self, editor: TemplateEditorWindow) -> None:
        if editor in self.editors:
            self.editors.remove(editor)

    def history(self) -> None:
        info = self.selected()
        if info is None or info.builtin:
            return
        dialog = HistoryDialog(info, self)
        dialog.exec()
        if dialog.restored is not None:
            self.select(dialog.restored.id, dialog.restored.location)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, plain_message(text))
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        info = self.selected()
        if info is None or info.builtin:
            return
        consequence = (
            f"Letters will use the built-in “{info.id}” again."
            if info.overrides_builtin
            else "Letters can no longer be made with it."
        )
        if not self.confirm(
            "Delete template",
            f"Delete the custom template “{info.title}” ({info.id})? {consequence} "
            "Its versions are kept in the history folder.",
        ):
            return
        try:
            service.delete_custom_template(info.id, info.location)
        except AppError as exc:
            QMessageBox.warning(self, "Not deleted", plain_message(str(exc)))
        self.reload()

    def choose_import_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import a template", "", "Letter templates (*.letter)"
        )
        return Path(name) if name else None

    def import_file(self) -> None:
        path = self.choose_import_file()
        if path is None:
            return
        try:
            info = service.import_template_file(path)
        except AppError as exc:
            where = f"line {exc.line}: " if exc.line else ""
            QMessageBox.warning(self, "Template not imported",
                                plain_message(f"{path.name}: {where}{exc.message}"))
            return
        self.select(info.id, info.location)

    def choose_export_file(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export template", suggested, "Letter templates (*.letter)"
        )
        return Path(name) if name else None

    def export_file(self) -> None:
        info = self.selected()
        if info is None:
            return
        target = self.choose_export_file(f"{info.id}.letter")
        if target is None:
            return
        try:
            service.export_template_file(service.read_template_file(info.path), target)
        except (AppError, OSError) as exc:
            QMessageBox.warning(self, "Not exported", plain_message(str(exc)))


_open: list[TemplateManagerDialog] = []


def open_template_manager(parent: QWidget | None = None) -> None:
    """Show the template manager (one at a time); call from Tools › Templates…."""
    for dialog in _open:
        if dialog.parent() is parent and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
    dialog = TemplateManagerDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.destroyed.connect(lambda _o=None, d=dialog: _open.remove(d) if d in _open else None)
    _open.append(dialog)
    dialog.show()


def _typed(text: object) -> str:
    return html.escape(str(text), quote=False)
