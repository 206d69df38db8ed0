"""Tools > Payer directory: the practice's payers and plans, with CSV import and export.

Shipped Medicare contractors are listed too (greyed: edit one and it becomes the practice's
own copy, which takes its place). Save checks every fax as a NANP number first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_terms import PLAN_TYPE_LABELS
from desktop_app.errors import AppError
from desktop_app.services import payer_csv, payers
from desktop_app.services.payers import PayerEntry

COLUMNS = (("name", "Name"), ("plan_type", "Plan type"), ("state", "State"),
           ("pa_fax", "PA fax"), ("pa_address", "PA address"), ("appeals_fax", "Appeals fax"),
           ("appeals_address", "Appeals address"), ("phone", "Phone"),
           ("portal_url", "Portal"), ("self_funded", "Self-funded"), ("notes", "Notes"))
ENTRY_ROLE = Qt.ItemDataRole.UserRole
_SHIPPED = QColor(110, 110, 110)
_LABEL_TO_PLAN = {label.casefold(): key for key, label in PLAN_TYPE_LABELS.items()}


def _cell_text(entry: PayerEntry, field: str) -> str:
    value = getattr(entry, field)
    if field == "plan_type":
        return PLAN_TYPE_LABELS.get(value or "", "")
    if field == "self_funded":
        return "" if value is None else ("yes" if value else "no")
    return "" if value is None else str(value)


class PayerDirectoryDialog(QDialog):
    """Edits a copy of the directory; Save writes it, Close leaves it as it was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Payer directory")
        self.resize(1100, 520)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Payers and plans")
        self.table.setHorizontalHeaderLabels([title for _f, title in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel(wordWrap=True)
        self.note.setAccessibleName("Payer directory message")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for text, slot in (("&Add payer", self.add_row), ("&Remove selected", self.remove_rows),
                           ("&Import CSV…", self.choose_import),
                           ("E&xport CSV…", self.choose_export)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Close)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Payers and plans the practice sends letters to. Typing a payer's name in a case "
            "offers these; choosing one fills the payer section. The Medicare Part B "
            "contractors come with the app (grey), with the appeals (redetermination) address, "
            "fax and phone where they were read on the contractor's page; the Notes say which "
            "page, and what is missing or not yet confirmed. Edit one and it becomes the "
            "practice's own. No contractor has a PA fax: Part B drugs need no prior "
            "authorization.", wordWrap=True))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(box)
        self.opened_version: object = None  # the stored list's version when shown
        self.reload()

    def reload(self) -> None:
        self.note.clear()
        try:
            # Read before the list: a save meanwhile then shows as a change, never hides.
            self.opened_version = payers.directory_version()
            entries = payers.payer_directory()
        except AppError as exc:
            entries = []
            self.opened_version = None
            self.note.setText(f"The payer directory could not be read: {exc}")
        earlier = payers.earlier_desk_list()
        if earlier is not None and not self.note.text():
            self.note.setText(
                "This list is the practice's, shared by every desk. This desk's earlier list "
                f"was left as it was in {earlier}; add what it lacks here if it is still "
                "needed.")
        self.table.setRowCount(0)
        for entry in entries:
            self.add_row(entry)
        self.shown = self.entries()  # what the table held when read: edits differ from it

    def add_row(self, entry: PayerEntry | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, (field, _title) in enumerate(COLUMNS):
            item = QTableWidgetItem(_cell_text(entry, field) if entry else "")
            if entry is not None and entry.builtin:
                item.setForeground(QBrush(_SHIPPED))
                item.setToolTip(f"Shipped with the app. Source: {entry.source}"
                                + ("" if entry.verified else " (not verified)"))
            self.table.setItem(row, col, item)
        first = self.table.item(row, 0)
        if first is not None:
            first.setData(ENTRY_ROLE, entry)
        if entry is None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        return row

    def remove_rows(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def entries(self) -> list[PayerEntry]:
        """The practice's entries as the table shows them (unchanged shipped rows left out)."""
        found = []
        for row in range(self.table.rowCount()):
            entry = self._row_entry(row)
            if entry is not None:
                found.append(entry)
        return found

    def _row_entry(self, row: int) -> PayerEntry | None:
        texts = {f: self._text(row, col) for col, (f, _t) in enumerate(COLUMNS)}
        if not any(texts.values()):
            return None
        first = self.table.item(row, 0)
        kept: Any = first.data(ENTRY_ROLE) if first is not None else None
        base = kept if isinstance(kept, PayerEntry) else PayerEntry(name="")
        values: dict[str, Any] = dict(texts)
        values["plan_type"] = _LABEL_TO_PLAN.get(texts["plan_type"].casefold(),
                                                 texts["plan_type"] or None)
        values["state"] = texts["state"].upper() or None
        flag = texts["self_funded"].casefold()
        values["self_funded"] = None if not flag else flag in ("yes", "y", "true", "1")
        if base.builtin and all(values[f] == getattr(base, f) for f in values):
            return None  # a shipped entry nobody changed stays shipped
        try:
            return base.model_copy(update={**values, "builtin": False})
        except ValueError:
            return None

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def save(self) -> None:
        entries = self.entries()
        bad = [f"{e.name or 'A row'}: {p[0]}" for e in entries if (p := payers.payer_problems(e))]
        if bad:
            self.note.setText("Please fix:\n• " + "\n• ".join(bad))
            return
        try:
            payers.save_practice_payers(entries, opened=self.opened_version)
        except payers.DirectoryChanged:
            self.note.setText(
                "Another desk saved the payer directory while this window was open, so "
                "yours was not saved. Your list is still here: note your changes, close "
                "and open the directory again to see theirs, then make yours.")
            return
        except AppError as exc:
            self.note.setText(f"The directory could not be saved: {exc}")
            return
        self.accept()

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import payers", "", "CSV files (*.csv)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        if self.entries() != self.shown:
            # An import saves and reloads the list: edits not yet saved would be lost.
            self.note.setText("Nothing was imported: the table has changes not saved yet. "
                              "Press OK to save them, then open the directory and import again.")
            return
        try:
            result = payer_csv.import_csv(path)
        except AppError as exc:
            self.note.setText(f"Nothing was imported: {exc}")
            return
        self.reload()
        text = f"Imported {result.added} new and {result.updated} updated payers."
        if result.problems:
            text += " Skipped:\n• " + "\n• ".join(result.problems[:10])
            if len(result.problems) > 10:
                text += f"\n• … and {len(result.problems) - 10} more"
        self.note.setText(text)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export payers", "payers.csv",
                                              "CSV files (*.csv)")
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        try:
            count = payer_csv.export_csv(path)
        except AppError as exc:
            self.note.setText(f"The file could not be written: {exc}")
            return
        self.note.setText(f"Exported {count} payers to {path.name}.")


def open_payer_directory(parent: QWidget | None = None) -> PayerDirectoryDialog:
    dialog = PayerDirectoryDialog(parent)
    dialog.open()
    return dialog
