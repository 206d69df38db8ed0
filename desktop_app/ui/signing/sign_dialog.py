"""The physician's sign dialog: who signs, how the signature looks, the certificate, the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.cases import CaseStore
from desktop_app.services.render import suggested_file_name
from desktop_app.services.sign_case import SignedLetter, SignOrder, sign_case
from desktop_app.services.signature_block import signer_display_name, signing_date_words
from desktop_app.services.signature_workflow import (
    error_findings,
    missing_enclosures,
    npi_digits,
    override_on_record,
    queue_physicians,
    typed_name_signatures_allowed,
)
from desktop_app.ui.signing.common import CertificateBox, ProblemLine, problem_words
from desktop_app.ui.workers import start_task


def default_signed_path(store: CaseStore, case_id: str) -> Path:
    """~/Documents (or home)/<letter name>-signed.pdf: no patient data in the name."""
    case = store.get_case(case_id).case
    folder = Path.home() / "Documents"
    name = suggested_file_name(case, "pdf").removesuffix(".pdf") + "-signed.pdf"
    return (folder if folder.is_dir() else Path.home()) / name


class SignDialog(QDialog):
    """Sign one case's letter. `signed(SignedLetter)` fires once it is written and locked."""

    signed = Signal(object)

    def __init__(self, store: CaseStore, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.case_id = store, case_id
        self.result_letter: SignedLetter | None = None
        stored = store.get_case(case_id)
        case = stored.case
        self.setWindowTitle("Sign letter")
        self.setMinimumWidth(560)
        summary = QLabel(
            f"<b>{_escape(case.patient.name) or 'Unnamed patient'}</b> — "
            f"{_escape(case.drug.generic_name) or 'no drug yet'} — "
            f"{_escape(case.payer.name) or 'no payer yet'} (version {stored.version})"
        )
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.RichText)
        self.physician = QComboBox()
        self.physician.setAccessibleName("Signing physician")
        self.people = queue_physicians(store)
        for person in self.people:
            self.physician.addItem(f"{signer_display_name(person)} — NPI {person.npi}")
        wanted = npi_digits(case.prescriber.npi)
        for index, person in enumerate(self.people):
            if npi_digits(person.npi) == wanted:
                self.physician.setCurrentIndex(index)
        self.appearance = QLabel()
        self.errors_note = QLabel()
        for label in (self.appearance, self.errors_note):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
        self.override = QPlainTextEdit()
        self.override.setAccessibleName("Reason for signing with errors")
        self.override.setPlaceholderText("Why this letter may be signed with these errors")
        self.override.setTabChangesFocus(True)
        self.override.setMaximumHeight(70)
        self.out_path = QLineEdit(str(default_signed_path(store, case_id)))
        self.out_path.setAccessibleName("Save signed letter as")
        self.browse = QPushButton("Choose…")
        self.typed_allowed = typed_name_signatures_allowed()
        # The physician's own certificate is required unless the practice allows typed names.
        self.certificate = CertificateBox("Sign with my own certificate (PAdES digital signature)")
        self.certificate.setChecked(True)
        self.certificate.setCheckable(self.typed_allowed)
        self.problem = ProblemLine()
        self.status = QLabel("")
        # The enclosure list is signed with the letter: name what is not attached, before.
        self.missing = missing_enclosures(case)
        self.enclosures_note = QLabel()
        self.enclosures_note.setWordWrap(True)
        self.enclosures_note.setTextFormat(Qt.TextFormat.PlainText)
        self.enclosures_note.setAccessibleName("Enclosures not attached")
        self.sign_without = QCheckBox("Sign anyway; I will send these enclosures separately")
        if self.missing:
            listed = "\n".join(f"• {title}" for title in self.missing)
            self.enclosures_note.setText(
                "The letter lists these enclosures, but their files are not attached:\n"
                f"{listed}\nAttach them under Attachments first: nothing can be added to "
                "the letter once it is signed.")
            self.enclosures_note.setStyleSheet("color: #9b1c1c;")
        else:
            self.enclosures_note.hide()
            self.sign_without.hide()
        self.sign_without.toggled.connect(lambda _on: self._refresh())
        # The pages being signed, drawn as the preview draws them.
        from desktop_app.ui.preview import PreviewPane

        self.pages = PreviewPane(self)
        self.pages.setAccessibleName("The letter being signed")
        self.pages.setMinimumSize(420, 360)
        self.pages.refresh(case)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton(
            "Sign and lock", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._layout(summary)
        self.physician.currentIndexChanged.connect(self._refresh)
        self.certificate.changed.connect(self._refresh)
        self.override.textChanged.connect(self._refresh)
        self.browse.clicked.connect(self._choose_file)
        self.sign_button.clicked.connect(self.start_signing)
        self.buttons.rejected.connect(self.reject)
        self._errors = error_findings(case)
        self._reason_on_record = override_on_record(store, case_id)
        self._explain_errors()
        self._refresh()

    def _layout(self, summary: QLabel) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.out_path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Signing physician:", self.physician)
        form.addRow("Signature:", self.appearance)
        form.addRow("Save signed letter as:", file_row)
        left = QVBoxLayout()
        left.addWidget(summary)
        left.addLayout(form)
        left.addWidget(self.errors_note)
        left.addWidget(self.override)
        left.addWidget(self.enclosures_note)
        left.addWidget(self.sign_without)
        left.addWidget(self.certificate)
        left.addWidget(self.problem)
        left.addWidget(self.status)
        left.addStretch(1)
        left.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.pages, 1)

    def _explain_errors(self) -> None:
        count = len(self._errors)
        if not count:
            self.errors_note.setText("The checker found no errors in this letter.")
            self.override.hide()
            return
        listed = "\n".join(f"• {f.message}" for f in self._errors[:5])
        more = f"\n• … and {count - 5} more" if count > 5 else ""
        noun = "error" if count == 1 else "errors"
        if self._reason_on_record:
            self.errors_note.setText(
                f"This letter has {count} {noun}:\n{listed}{more}\n"
                f"Override reason on record: {self._reason_on_record}"
            )
            self.override.hide()
        else:
            self.errors_note.setText(
                f"This letter has {count} {noun}:\n{listed}{more}\n"
                "To sign it anyway, give the reason; it is kept with the letter's record."
            )

    def chosen_physician(self) -> Any | None:
        index = self.physician.currentIndex()
        return self.people[index] if 0 <= index < len(self.people) else None

    def _refresh(self) -> None:
        person = self.chosen_physician()
        self.appearance.setText(self._appearance_words(person))
        needs_reason = bool(self._errors) and not self._reason_on_record
        reason_ok = not needs_reason or bool(self.override.toPlainText().strip())
        enclosures_ok = not getattr(self, "missing", None) or self.sign_without.isChecked()
        self.sign_button.setEnabled(person is not None and reason_ok and enclosures_ok)
        self.sign_button.setToolTip(
            "Give the reason for signing with errors first" if not reason_ok else
            "Attach the enclosures first, or tick “Sign anyway”" if not enclosures_ok else ""
        )

    def _appearance_words(self, person: Any | None) -> str:
        if person is None:
            return "No physician with an NPI in the practice directory. Add one in Settings."
        image = (person.signature_image or "").strip()
        shown = (
            f"Signature image ({Path(image).name}) with name, credentials, NPI and date. "
            if image
            else ""
        )
        if self.certificate.in_use():
            return (
                f"{shown}Your certificate signs the PDF; its name is printed in the stamp, "
                "and it must be yours: the prescriber on this letter, or registered for you "
                "in Settings."
            )
        return (
            f"{shown}No certificate: the letter will say “Signed by typed name, without a "
            f"digital certificate: {signer_display_name(person)} on "
            f"{signing_date_words(dt.date.today())}”, and verify will say so too."
        )

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save signed letter", self.out_path.text(), "PDF letter (*.pdf)"
        )
        if chosen:
            self.out_path.setText(chosen)

    def order(self) -> SignOrder:
        person = self.chosen_physician()
        assert person is not None
        reason = self.override.toPlainText().strip() or None
        return SignOrder(
            physician=person,
            out_path=Path(self.out_path.text().strip()).expanduser(),
            certificate=self.certificate.request(),
            override_reason=reason,
            remember_password=self.certificate.wants_remembering(),
        )

    def start_signing(self) -> None:
        """Sign off the GUI thread; the form stays as typed if anything is refused."""
        self.problem.say("")
        if not self.out_path.text().strip():
            self.problem.say("Choose where to save the signed letter.")
            return
        try:
            order = self.order()
        except Exception as exc:  # noqa: BLE001 - shown in words; the dialog stays open
            self.problem.say(problem_words(exc))
            return
        self._busy(True)
        store, case_id = self.store, self.case_id
        start_task(lambda: sign_case(store, case_id, order), self._done, self._failed)

    def _busy(self, busy: bool) -> None:
        self.status.setText("Signing…" if busy else "")
        for widget in (self.sign_button, self.physician, self.certificate, self.browse):
            widget.setEnabled(not busy)
        if not busy:
            self._refresh()

    def _done(self, letter: Any) -> None:
        self._busy(False)
        self.certificate.clear_password()
        self.result_letter = letter
        self.signed.emit(letter)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.problem.say(problem_words(exc))
        if "password" in str(exc).lower():
            self.certificate.password.selectAll()
            self.certificate.password.setFocus()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sign_case_dialog(
    store: CaseStore, case_id: str, parent: QWidget | None = None
) -> SignedLetter | None:
    """Entry point: open the sign dialog for a case; the signed letter, or None if cancelled."""
    dialog = SignDialog(store, case_id, parent)
    dialog.exec()
    return dialog.result_letter
