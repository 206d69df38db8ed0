"""Where a denial letter's text is pasted: a file dropped on it is read, not pasted as a name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit


def local_file(mime: QMimeData) -> Path | None:
    """The first local file a drag or paste carries, if any."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None


class PasteBox(QPlainTextEdit):
    """The letter's text; `file_dropped` carries a dropped file's path for reading."""

    file_dropped = Signal(object)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return local_file(source) is not None or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        path = local_file(source)
        if path is not None:
            self.file_dropped.emit(path)
            return
        # Plain text only: what a user pastes is data, never markup.
        self.insertPlainText(source.text())
