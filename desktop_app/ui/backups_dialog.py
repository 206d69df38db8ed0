"""File > Backups…: the copies of the case database, newest first, and a checked restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
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

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

COLUMNS = ("Taken", "Kind", "Size", "File")
KIND_WORDS = {"daily": "Daily", "replaced": "Replaced by a restore"}


def kind_words(kind: str) -> str:
    if kind.startswith("before-"):
        return f"Before upgrade {kind.removeprefix('before-')}"
    return KIND_WORDS.get(kind.split("-")[0], kind)


class BackupsDialog(QDialog):
    """Lists the backups; Restore… checks the chosen one, then puts it in place."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("Backups of the case database")
        self.resize(820, 380)
        intro = QLabel(
            "The app copies the case database once a day when it starts, and before every "
            "upgrade. A restore checks the copy first and keeps the database it replaces."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Backups")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Backup result")
        self.restore_button = QPushButton("Restore…")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result)
        layout.addLayout(row)
        self.backups: list[Any] = []
        self.reload()

    def reload(self) -> None:
        from desktop_app.services.backups import list_backups

        try:
            self.backups = list_backups()
        except AppError as exc:
            self.backups = []
            self.result.setText(str(exc))
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            values = (backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                      kind_words(backup.kind), f"{max(1, backup.size // 1024)} KiB",
                      backup.path.name)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self.backups:
            self.table.selectRow(0)
        elif not self.result.text():
            self.result.setText("No backups yet; the first is made when the app next starts.")
        self.restore_button.setEnabled(bool(self.backups))

    def selected(self) -> Path | None:
        row = self.table.currentRow()
        return self.backups[row].path if 0 <= row < len(self.backups) else None

    def restore_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        answer = QMessageBox.question(
            self, "Restore backup",
            f"Replace the case database with the backup {chosen.name}?\n\nChanges made since "
            "that backup are not in it. The current database is kept among the backups.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return restore_into_window(self.window_, chosen, self.result.setText) and (
            self.reload() is None)


def restore_into_window(window: MainWindow, backup: Path, say: Any) -> bool:
    """Save and close the open case, restore, then show the restored cases."""
    if not window.page.flush():
        say("Resolve the message above the open case first.")
        return False
    window.page.close_case()
    window.deleted.clear()  # undo cannot reach into another database
    try:
        message = window.store.restore(backup)
    except AppError as exc:
        say(f"Not restored: {exc}")
        window.load_cases()
        return False
    window.load_cases()
    say(message)
    window.statusBar().showMessage(message, 15000)
    return True


def open_backups(window: MainWindow) -> BackupsDialog:
    dialog = BackupsDialog(window)
    dialog.show()
    return dialog
