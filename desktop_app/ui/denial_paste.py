"""The denial dialog's letter page: where a letter is pasted, dropped or opened, and the note
shown while a dropped or opened file is read. A file dropped on the text is read, not pasted
as a name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def local_file(mime: QMimeData) -> Path | None:
    """The first local file a drag or paste carries, if any."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None


def plain_label(accessible: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # what a letter says is data, never markup
    label.setWordWrap(True)
    if accessible:
        label.setAccessibleName(accessible)
    return label


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


class LetterPage(QWidget):
    """The intro, the text, Open file…, Read the letter, Type it in instead; the dialog
    connects the buttons."""

    def __init__(self, intro: str) -> None:
        super().__init__()
        self.intro = plain_label()
        self.intro.setText(intro)
        self.paste = PasteBox()
        self.paste.setAccessibleName("Denial letter text")
        self.paste.setTabChangesFocus(True)
        self.open_button = QPushButton("Open &file…")
        self.read_button = QPushButton("&Read the letter")
        self.type_button = QPushButton("&Type it in instead")
        # A PDF of many pages takes seconds to read: it is read on a pool thread, and this
        # shows meanwhile, so the dialog is seen working (and can still be cancelled).
        self.reading = QWidget()
        self.reading.setAccessibleName("Reading the letter")
        row = QHBoxLayout(self.reading)
        row.setContentsMargins(0, 0, 0, 0)
        said = plain_label()
        said.setText("Reading the letter…")
        moving = QProgressBar()
        moving.setRange(0, 0)  # no steps to count: it moves until the letter is read
        moving.setTextVisible(False)
        row.addWidget(said, 1)
        row.addWidget(moving, 1)
        self.reading.hide()
        column = QVBoxLayout(self)
        for widget in (self.intro, self.paste, self.open_button, self.read_button,
                       self.type_button, self.reading):
            column.addWidget(widget)

    def set_reading(self, reading: bool) -> None:
        """While a file is read: the note shows, and the text and buttons wait."""
        self.reading.setVisible(reading)
        self.paste.setReadOnly(reading)
        for button in (self.open_button, self.read_button, self.type_button):
            button.setEnabled(not reading)
        if not reading:
            self.paste.setFocus(Qt.FocusReason.OtherFocusReason)
