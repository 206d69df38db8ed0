"""The packet builder's attachment list: drop files from the file manager, rename, reorder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop_app.domain.case_evidence import Attachment
from desktop_app.ui.plain_text import plain_tooltip

ATTACHABLE = (".pdf", ".png", ".jpg", ".jpeg")
FILE_FILTER = "Documents and scans (*.pdf *.png *.jpg *.jpeg);;All files (*)"


def title_for(path: Path) -> str:
    """A readable default title from the file name: "her2_report-final" -> "Her2 report final"."""
    words = path.stem.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or path.name
    return text[:1].upper() + text[1:]


class AttachmentTable(QTableWidget):
    """Title (editable) and file; Alt+Up/Down moves the selected row; file drops are added."""

    changed = Signal()
    files_dropped = Signal(list)

    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setHorizontalHeaderLabels(("Title (as the letter lists it)", "File"))
        self.setAccessibleName("Attachments, in packet order")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    # -- contents -------------------------------------------------------------------------
    def attachments(self) -> list[Attachment]:
        found = []
        for row in range(self.rowCount()):
            title_item, file_item = self.item(row, 0), self.item(row, 1)
            path = file_item.data(Qt.ItemDataRole.UserRole) if file_item else ""
            found.append(Attachment(title=title_item.text() if title_item else "", path=path))
        return found

    def set_attachments(self, attachments: list[Attachment]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        for attachment in attachments:
            self._append(attachment)
        self.blockSignals(False)
        self.changed.emit()

    def _append(self, attachment: Attachment) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(attachment.title))
        file_item = QTableWidgetItem(Path(attachment.path).name or "(no file)")
        file_item.setData(Qt.ItemDataRole.UserRole, attachment.path)
        file_item.setToolTip(plain_tooltip(attachment.path))  # a file name may look like a tag
        file_item.setFlags(file_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, 1, file_item)

    def add_files(self, paths: list[Path]) -> None:
        self.blockSignals(True)
        for path in paths:
            self._append(Attachment(title=title_for(path), path=str(path)))
        self.blockSignals(False)
        if paths:
            self.selectRow(self.rowCount() - 1)
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            self.selectRow(min(row, self.rowCount() - 1))
            self.changed.emit()

    def move_selected(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.rowCount():
            return
        items = self.attachments()
        items[row], items[target] = items[target], items[row]
        self.set_attachments(items)
        self.selectRow(target)

    # -- keyboard and drops ----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            if event.key() == Qt.Key.Key_Up:
                self.move_selected(-1)
                return
            if event.key() == Qt.Key.Key_Down:
                self.move_selected(1)
                return
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.remove_selected()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._local_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(files)
