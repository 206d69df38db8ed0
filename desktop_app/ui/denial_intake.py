"""Read denial letter…: paste the letter's text or drop its PDF, check what the app read, and
save the confirmed denial into the case, with the letter kept as an attachment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services.denial_intake import (
    ConfirmedDenial,
    DenialLetter,
    propose_from_text,
    read_denial_file,
)
from desktop_app.ui.denial_confirm import DenialConfirmForm

INTRO = (
    "Paste the denial letter's text below, or drop the PDF the payer sent onto this window "
    "(or choose Open file…). Then choose Read the letter."
)


def _local_file(mime: QMimeData) -> Path | None:
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None


class PasteBox(QPlainTextEdit):
    """Where the letter's text is pasted; a dropped file is read, not pasted as its name."""

    file_dropped = Signal(object)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return _local_file(source) is not None or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        path = _local_file(source)
        if path is not None:
            self.file_dropped.emit(path)
            return
        # Plain text only: what a user pastes is data, never markup.
        self.insertPlainText(source.text())


class DenialIntakeDialog(QDialog):
    """Two steps: the letter, then the values read from it to confirm. `confirmed` holds the
    result once the dialog is accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read denial letter")
        self.setAcceptDrops(True)
        self.confirmed: ConfirmedDenial | None = None
        self.letter: DenialLetter | None = None
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.paste = PasteBox()
        self.paste.setAccessibleName("Denial letter text")
        self.paste.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem reading the letter")
        self.open_button = QPushButton("&Open file…")
        self.read_button = QPushButton("&Read the letter")
        self.read_button.setDefault(True)
        first = QWidget()
        first_layout = QVBoxLayout(first)
        for widget in (self.intro, self.paste, self.problem, self.open_button, self.read_button):
            first_layout.addWidget(widget)
        self.form = DenialConfirmForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.steps = QStackedWidget()
        self.steps.addWidget(first)
        self.steps.addWidget(scroll)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back = self.buttons.addButton("&Back", QDialogButtonBox.ButtonRole.ResetRole)
        self.save = self.buttons.addButton("&Save confirmed denial",
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.waiting = QLabel()
        self.waiting.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.waiting)
        layout.addWidget(self.buttons)
        self.open_button.clicked.connect(self.choose_file)
        self.read_button.clicked.connect(self.read_pasted)
        self.paste.file_dropped.connect(self.read_file)
        self.back.clicked.connect(lambda: self._step(0))
        self.save.clicked.connect(self._accept_if_confirmed)
        self.buttons.rejected.connect(self.reject)
        self.form.changed.connect(self._update_save)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(60 * em, 44 * em)
        self._step(0)

    # -- step 1: the letter ------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _local_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.read_file(path)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Open the denial letter", "", "Denial letters (*.pdf *.txt);;All files (*)"
        )
        if name:
            self.read_file(Path(name))

    def read_file(self, path: object) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            letter = read_denial_file(Path(str(path)))
        except AppError as exc:
            self.problem.setText(f"The letter could not be read: {exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.paste.setPlainText(letter.text)
        self._show(letter)

    def read_pasted(self) -> None:
        text = self.paste.toPlainText()
        if not text.strip():
            self.problem.setText("Paste the letter's text first, or open its PDF.")
            return
        self._show(propose_from_text(text))

    def _show(self, letter: DenialLetter) -> None:
        self.problem.clear()
        self.letter = letter
        self.form.show_letter(letter)
        self._step(1)

    # -- step 2: confirm ---------------------------------------------------------------------
    def _step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        self.back.setVisible(index == 1)
        self.save.setVisible(index == 1)
        self.read_button.setDefault(index == 0)
        self._update_save()
        if index == 0:
            self.paste.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_save(self) -> None:
        waiting = self.form.unconfirmed() if self.steps.currentIndex() == 1 else []
        self.save.setEnabled(self.steps.currentIndex() == 1 and not waiting)
        self.waiting.setText(
            "Still to confirm: " + ", ".join(waiting) + "." if waiting else ""
        )

    def _accept_if_confirmed(self) -> None:
        confirmed = self.form.confirmed()
        if confirmed is None:
            self._update_save()
            return
        self.confirmed = confirmed
        self.accept()


def read_denial_letter(parent: QWidget) -> Any:
    """Run the dialog; the ConfirmedDenial, or None if staff cancelled."""
    dialog = DenialIntakeDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.confirmed
