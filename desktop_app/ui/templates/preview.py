"""The live preview: unsaved template text rendered for a sample case, off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from desktop_app.errors import AppError
from desktop_app.services import template_preview
from desktop_app.ui.workers import start_task


def failure_words(exc: BaseException) -> str:
    """A render failure in words, with the template line when there is one."""
    if isinstance(exc, AppError):
        line = getattr(exc, "line", None)
        where = f"line {line}: " if line else ""
        return f"Preview unavailable — {where}{exc.message}"
    return "Preview unavailable: the letter could not be drawn (an unexpected error)."


class TemplatePreview(QWidget):
    """`refresh(text)` re-renders; one render at a time and only the newest text is shown."""

    rendered = Signal()
    failed = Signal(str)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = QComboBox()
        self.cases.setAccessibleName("Sample case for the preview")
        for example in template_preview.example_cases():
            self.cases.addItem(example.label, str(example.path))
        wanted = "appeal" if kind == "appeal" else "preauth"
        for index in range(self.cases.count()):
            if wanted in self.cases.itemData(index) and "commercial" in self.cases.itemData(index):
                self.cases.setCurrentIndex(index)
        self.status = QLabel("Preview — waiting for the template check")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Preview status")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Letter preview")
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Sample case:"))
        chooser.addWidget(self.cases, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chooser)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._buffer: QBuffer | None = None
        self._busy = False
        self._queued: str | None = None
        self._text = ""
        self.last_pdf: bytes | None = None
        self.cases.currentIndexChanged.connect(lambda _i: self.refresh(self._text))

    @property
    def busy(self) -> bool:
        return self._busy or self._queued is not None

    def show_waiting(self, words: str) -> None:
        self.status.setStyleSheet("color: #8a5a00;")
        self.status.setText(words)

    def case_path(self) -> Path:
        return Path(str(self.cases.currentData()))

    def refresh(self, text: str) -> None:
        self._text = text
        if not text or self.cases.count() == 0:
            return
        if self._busy:
            self._queued = text
            return
        self._start(text)

    def _start(self, text: str) -> None:
        self._busy = True
        self.status.setText("Preview — updating…")
        case_path = self.case_path()
        start_task(
            lambda: template_preview.preview_template_pdf(text, case_path),
            self._on_done,
            self._on_failed,
        )

    def _next(self) -> bool:
        self._busy = False
        if self._queued is not None:
            text, self._queued = self._queued, None
            self._start(text)
            return True
        return False

    def _on_done(self, pdf: Any) -> None:
        if not isValid(self) or self._next():
            return
        self.last_pdf = pdf
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.document.pageCount()
        self.status.setStyleSheet("")
        self.status.setText(
            f"Preview for “{self.cases.currentText()}” — {pages} page{'s' if pages != 1 else ''}"
            " (sample data; nothing is saved or sent)"
        )
        self.rendered.emit()

    def _on_failed(self, exc: BaseException) -> None:
        if not isValid(self) or self._next():
            return
        words = failure_words(exc)
        self.status.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.status.setText(words)
        self.failed.emit(words)
