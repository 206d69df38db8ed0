"""The letter preview: renders the case to PDF on a pool thread and shows it in a QPdfView."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.case import Case
from desktop_app.errors import AppError, RenderRefused
from desktop_app.ui.workers import start_task

# Recorded nowhere: a preview is never sent, so it may show a letter that still has errors.
PREVIEW_OVERRIDE = "preview only, not sent"


@dataclass(frozen=True, slots=True)
class PreviewResult:
    pdf: bytes
    errors: int


def render_preview(case: Case) -> PreviewResult:
    """The letter as PDF bytes, with an override while errors stand so staff still see it."""
    from desktop_app.domain.findings import Severity
    from desktop_app.services.render import render_letter

    try:
        letter = render_letter(case, fmt="pdf")
    except RenderRefused:
        letter = render_letter(case, fmt="pdf", override_reason=PREVIEW_OVERRIDE)
    errors = sum(1 for f in letter.findings if f.severity is Severity.ERROR)
    return PreviewResult(letter.data, errors)


def preview_title(errors: int) -> str:
    if errors:
        noun = "error" if errors == 1 else "errors"
        return f"Preview — not ready to send: {errors} {noun}"
    return "Preview — ready to send"


class PreviewPane(QWidget):
    """`refresh(case)` re-renders; only the newest request's result is shown."""

    rendered = Signal()
    render_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Preview — open a case to see its letter")
        self.title.setAccessibleName("Preview status")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # may name a template or a file
        self.title.setWordWrap(True)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Letter preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        self._buffer: QBuffer | None = None
        self._busy = False
        self._queued: Case | None = None
        self.last: PreviewResult | None = None

    @property
    def busy(self) -> bool:
        return self._busy or self._queued is not None

    def refresh(self, case: Case) -> None:
        """Render a snapshot of `case`; one render at a time, the latest request wins."""
        snapshot = case.model_copy(deep=True)
        if self._busy:
            self._queued = snapshot
            return
        self._start(snapshot)

    def clear(self) -> None:
        self._queued = None
        self.document.close()
        self.last = None
        self.title.setText("Preview — open a case to see its letter")

    def _start(self, case: Case) -> None:
        self._busy = True
        self.title.setText("Preview — updating…")
        start_task(lambda: render_preview(case), self._on_done, self._on_failed)

    def _next(self) -> bool:
        self._busy = False
        if self._queued is not None:
            case, self._queued = self._queued, None
            self._start(case)
            return True
        return False

    def _on_done(self, result: Any) -> None:
        if self._next():
            return  # a newer edit is already rendering; skip the stale letter
        self.last = result
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(result.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.title.setText(preview_title(result.errors))
        self.rendered.emit()

    def _on_failed(self, exc: BaseException) -> None:
        if self._next():
            return
        if isinstance(exc, AppError):
            text = f"Preview unavailable: {exc}"
        else:
            text = "Preview unavailable: the letter could not be drawn. Your case is saved."
        self.title.setText(text)
        self.render_failed.emit(text)
        if not isinstance(exc, AppError):
            raise exc
