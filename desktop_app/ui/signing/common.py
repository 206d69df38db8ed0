"""Pieces the signing dialogs share: the certificate box, an inline problem line, a PDF pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError, SigningError
from desktop_app.services.certificate_passwords import keyring_password
from desktop_app.services.signature_workflow import keyring_status
from desktop_app.services.signing import SigningRequest

CERTIFICATE_FILTER = "Certificate files (*.p12 *.pfx);;All files (*)"
UNEXPECTED = "Something unexpected went wrong. Nothing was signed or saved; please try again."


def problem_words(exc: BaseException) -> str:
    """What went wrong first, then what to do, then which file (by name): one calm paragraph.

    Anything that is not an AppError gets a generic line: no traceback reaches the user.
    """
    if not isinstance(exc, AppError):
        return UNEXPECTED
    words = exc.message.rstrip(".") + "."
    if exc.hint:
        words += f" {exc.hint[:1].upper()}{exc.hint[1:].rstrip('.')}."
    if exc.file:
        words += f" (File: {Path(exc.file).name or exc.file})"
    if exc.field:
        words += f" (Field: {exc.field})"
    return words


class ProblemLine(QLabel):
    """A red line under a form that says what went wrong and what to do; empty when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Problem")
        # File names and messages are data: a name like "<b>x.pdf" must not become markup.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: #a00000;")
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class CertificateBox(QGroupBox):
    """A checkable "Digital signature" group: certificate file, password, keyring option.

    The password stays in this widget's field until `clear_password()`; it is stored nowhere
    unless the user ticks "Remember in the system keyring" and a keyring exists.
    """

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.path = QLineEdit()
        self.path.setAccessibleName("Certificate file")
        self.path.setPlaceholderText("The physician's .p12 or .pfx file")
        self.browse = QPushButton("Choose…")
        self.browse.setAccessibleName("Choose certificate file")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Certificate password")
        self.remember = QCheckBox("Remember in the system keyring")
        self.remembered_note = QLabel("")
        self.remembered_note.setWordWrap(True)
        status = keyring_status()
        if not status.available:
            self.remember.setText("Remember in the system keyring (none on this computer)")
            self.remember.setEnabled(False)
            self.remember.setToolTip(f"{status.why_not} The password is asked each time.")
        else:
            self.remember.setToolTip("The system keyring keeps the password, not this app.")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Certificate:", row)
        form.addRow("Password:", self.password)
        form.addRow("", self.remember)
        form.addRow("", self.remembered_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.browse.clicked.connect(self._choose)
        self.path.textChanged.connect(self._certificate_changed)
        self.toggled.connect(lambda _on: self.changed.emit())

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose certificate", "", CERTIFICATE_FILTER)
        if chosen:
            self.path.setText(chosen)

    def _certificate_changed(self) -> None:
        remembered = self._remembered()
        self.remembered_note.setText(
            "The password is remembered in the system keyring; leave the field empty to use it."
            if remembered is not None
            else ""
        )
        self.changed.emit()

    def _remembered(self) -> bytes | None:
        text = self.path.text().strip()
        return keyring_password(Path(text)) if text else None

    def in_use(self) -> bool:
        """Signing with a certificate: ticked, or required (the box is not optional)."""
        return not self.isCheckable() or self.isChecked()

    def request(self) -> SigningRequest | None:
        """The signing request, or None when digital signing is not ticked."""
        if not self.in_use():
            return None
        text = self.path.text().strip()
        if not text:
            raise SigningError(
                "Choose the certificate file for the digital signature",
                hint=(
                    "or untick the certificate box to sign without one"
                    if self.isCheckable()
                    else "your own .p12 or .pfx certificate file, with its password"
                ),
            )
        typed = self.password.text()
        password = typed.encode("utf-8") if typed else self._remembered()
        return SigningRequest(Path(text).expanduser(), password)

    def wants_remembering(self) -> bool:
        return self.remember.isEnabled() and self.remember.isChecked()

    def clear_password(self) -> None:
        self.password.clear()


class PdfPane(QWidget):
    """A QPdfView over PDF bytes held in memory (nothing written to disk for a preview)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(accessible_name)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._buffer: QBuffer | None = None

    def show_pdf(self, data: bytes) -> None:
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def clear(self) -> None:
        self.document.close()
