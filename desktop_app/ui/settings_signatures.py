"""Settings for signatures: the practice's trust store, a timestamp server, the typed-name switch,
and registering a physician's own certificate (its fingerprint only, never its key)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.settings import (
    DirectoryPrescriber,
    PracticeSettings,
    RegisteredCertificate,
    TrustedCertificate,
)
from desktop_app.services.trust import (
    read_certificate_file,
    registration_for,
    trusted_certificate_from_file,
)
from desktop_app.ui.signing.common import ProblemLine, problem_words

ROOT_FILTER = "Certificates (*.pem *.crt *.cer);;All files (*)"
PHYSICIAN_FILTER = "Certificates (*.p12 *.pfx *.pem *.crt *.cer);;All files (*)"


def registered_words(person: DirectoryPrescriber) -> str:
    """The Prescribers table's certificate cell: whose, which (fingerprint start), until when."""
    return "; ".join(
        f"{entry.subject} (SHA-256 {entry.fingerprint[:12]}…, until {entry.not_after})"
        for entry in person.certificates
    )


class RegisterCertificateDialog(QDialog):
    """Pick the physician's .p12/.pfx (or .pem), type its password once, check it, register.

    The password is used to open the file here and then forgotten; only the certificate's
    fingerprint, name and end date are kept.
    """

    def __init__(self, person: DirectoryPrescriber, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Register a physician's certificate")
        self.setMinimumWidth(520)
        self.person = person
        self.registered: RegisteredCertificate | None = None
        self.path = QLineEdit()
        self.path.setAccessibleName("Certificate file")
        self.path.setPlaceholderText("The physician's .p12, .pfx or .pem file")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Certificate password")
        self.problem = ProblemLine()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.check_button = buttons.addButton(
            "Check and register", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.check_button.clicked.connect(self.check_and_register)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Certificate:", row)
        form.addRow("Password:", self.password)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Register {person.name.strip() or 'this prescriber'}'s own signing certificate. "
            "The password is checked once and not kept; only the certificate's fingerprint is "
            "stored, so letters it signs are vouched for in verify."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)  # a name is data, never markup
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Physician's certificate", "", PHYSICIAN_FILTER
        )
        if chosen:
            self.path.setText(chosen)

    def check_and_register(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.problem.say("Choose the physician's certificate file first.")
            return
        typed = self.password.text()
        try:
            facts = read_certificate_file(Path(text).expanduser(), typed.encode() or None)
        except Exception as exc:  # noqa: BLE001 - shown in words; the dialog stays open
            self.problem.say(problem_words(exc))
            self.password.selectAll()
            return
        self.password.clear()
        self.registered = registration_for(facts)
        self.accept()


class SignatureSettingsTab(QWidget):
    """The Signatures tab: what the dialog reads back into PracticeSettings."""

    def __init__(self, settings: PracticeSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roots = QListWidget()
        self.roots.setAccessibleName("Trusted root certificates")
        for item in settings.trusted_certificates:
            self._add_root_item(item)
        add = QPushButton("Add trusted certificate…")
        add.clicked.connect(self._choose_root)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_root)
        self.timestamp_url = QLineEdit(settings.timestamp_url or "")
        self.timestamp_url.setAccessibleName("Timestamp server address")
        self.timestamp_url.setPlaceholderText("None: the signing time is the computer's own claim")
        self.allow_typed = QCheckBox(
            "Allow signing by typed name, without a certificate (not recommended)"
        )
        self.allow_typed.setChecked(settings.allow_typed_name_signatures)
        self.allow_typed.setToolTip(
            "A typed name proves nothing about who signed. Letters signed this way say so, "
            "and so does verify."
        )
        self.problem = ProblemLine()
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("Timestamp server (RFC 3161):", self.timestamp_url)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Certificate authorities the practice trusts to vouch for signers. Physicians' own "
            "certificates are registered on the Prescribers tab.",
            wordWrap=True,
        ))
        layout.addWidget(self.roots, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.allow_typed)

    def _add_root_item(self, trusted: TrustedCertificate) -> None:
        item = QListWidgetItem(f"{trusted.subject} (SHA-256 {trusted.fingerprint[:16]}…)")
        item.setData(Qt.ItemDataRole.UserRole, trusted)
        self.roots.addItem(item)

    def add_root_file(self, path: Path) -> bool:
        """Add the certificate in `path` to the list; False (and words shown) if it is not one."""
        self.problem.say("")
        try:
            trusted = trusted_certificate_from_file(path)
        except Exception as exc:  # noqa: BLE001 - shown in words
            self.problem.say(problem_words(exc))
            return False
        if any(t.fingerprint == trusted.fingerprint for t in self.trusted()):
            self.problem.say(f"{trusted.subject} is already in the list.")
            return False
        self._add_root_item(trusted)
        return True

    def _choose_root(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Trusted certificate", "", ROOT_FILTER)
        if chosen:
            self.add_root_file(Path(chosen))

    def _remove_root(self) -> None:
        for item in self.roots.selectedItems():
            self.roots.takeItem(self.roots.row(item))

    def trusted(self) -> list[TrustedCertificate]:
        found = []
        for row in range(self.roots.count()):
            value = self.roots.item(row).data(Qt.ItemDataRole.UserRole)
            if isinstance(value, TrustedCertificate):
                found.append(value)
        return found

    def apply_to(self, settings: PracticeSettings) -> PracticeSettings:
        return settings.model_copy(update={
            "trusted_certificates": self.trusted(),
            "timestamp_url": self.timestamp_url.text().strip() or None,
            "allow_typed_name_signatures": self.allow_typed.isChecked(),
        })
