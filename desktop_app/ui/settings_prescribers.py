"""Settings > Prescribers: the practice's prescriber directory, one editable row per person.

Separate from the dialog because the directory has its own work: rows added by hand or from
the prescribers named on cases, a signature image and a signing certificate per person, and
the fields the table does not show (tax ID, phone...) kept with each row until Save.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services.cases import CaseStore
from desktop_app.services.settings import DirectoryPrescriber, prescribers_to_add
from desktop_app.ui.settings_fields import IMAGE_FILTER
from desktop_app.ui.settings_notes import PRESCRIBERS, TextNotes
from desktop_app.ui.settings_signatures import RegisterCertificateDialog, registered_words

PRESCRIBER_COLUMNS = ("Name", "Credentials", "NPI", "Signature image")
# The directory entry's field in each of those columns (a settings path's last part).
PRESCRIBER_FIELDS = ("name", "credentials", "npi", "signature_image")
CERTIFICATE_COLUMN = len(PRESCRIBER_COLUMNS)  # read-only: registered through its own dialog
KEPT_ROLE = Qt.ItemDataRole.UserRole


class PrescriberDirectoryTab(QWidget):
    """Reads and writes `settings.prescribers`; what is wrong goes to `show_problems`, the
    dialog's one list of problems to fix."""

    def __init__(self, people: list[DirectoryPrescriber], notes: TextNotes,
                 store: CaseStore | None, show_problems: Callable[[list[str]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._show_problems = show_problems
        self.table = QTableWidget(0, len(PRESCRIBER_COLUMNS) + 1)
        self.table.setAccessibleName("Prescriber directory")
        self.table.setHorizontalHeaderLabels([*PRESCRIBER_COLUMNS, "Signing certificate"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for person in people:
            self.add_prescriber(person)
        add = QPushButton("&Add prescriber")
        add.clicked.connect(lambda: self.add_prescriber(None))
        remove = QPushButton("&Remove selected")
        remove.clicked.connect(self._remove_selected)
        signature = QPushButton("Choose &signature image…")
        signature.clicked.connect(self._choose_signature)
        self.from_cases = QPushButton("Add from &cases")
        self.from_cases.setToolTip(
            "Add each prescriber named on your cases who is not in the directory yet"
        )
        self.from_cases.setEnabled(self.store is not None)
        self.from_cases.clicked.connect(self.add_from_cases)
        register = QPushButton("Register c&ertificate…")
        register.setToolTip("Check the selected physician's own certificate once; its "
                            "fingerprint is kept, never its key or password")
        register.clicked.connect(self.register_certificate)
        buttons = QHBoxLayout()
        for button in (add, remove, signature, register, self.from_cases):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.directory_note = QLabel(wordWrap=True)
        self.directory_note.setAccessibleName("Directory note")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Prescribers offered when filling in a case. Each one with an NPI has a queue "
            "under Sign ▸ Letters to sign. NPIs are checked.",
            wordWrap=True,
        ))
        layout.addWidget(self.table, 1)
        layout.addWidget(notes.label_for(PRESCRIBERS, "prescriber directory"))
        layout.addWidget(self.directory_note)
        layout.addLayout(buttons)

    def prescribers(self) -> list[DirectoryPrescriber]:
        """The directory as typed (not yet validated)."""
        people = []
        for row in range(self.table.rowCount()):
            texts = [self._cell(row, c) for c in range(len(PRESCRIBER_COLUMNS))]
            if not any(texts):
                continue  # an empty row someone added and left: not a prescriber
            people.append(self._row_prescriber(row))
        return people

    def add_prescriber(self, person: DirectoryPrescriber | None, edit: bool = True) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (
            (person.name, person.credentials, person.npi, person.signature_image or "")
            if person else ("", "", "", "")
        )
        items = [QTableWidgetItem(value) for value in values]
        for col, item in enumerate(items):
            self.table.setItem(row, col, item)
        self._show_certificates(row, person)
        # Keep fields the table does not show (tax ID, phone...) when saving this row.
        items[0].setData(KEPT_ROLE, person)
        if person is None and edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(items[0])
        return row

    def add_from_cases(self) -> int:
        """Add the prescribers named on cases who are not listed yet; returns how many."""
        if self.store is None:
            return 0
        # Every case is read: a moment with thousands of them, so say the app is busy.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = prescribers_to_add(self.store.prescriber_sections(), self.prescribers())
        except AppError as exc:
            self._show_problems([str(exc)])
            return 0
        finally:
            QApplication.restoreOverrideCursor()
        for person in found:
            self.add_prescriber(person, edit=False)
        if found:
            noun = "prescriber" if len(found) == 1 else "prescribers"
            self.directory_note.setText(
                f"Added {len(found)} {noun} from your cases. Check each row, then choose Save."
            )
            self.table.setCurrentCell(self.table.rowCount() - len(found), 0)
        else:
            self.directory_note.setText(
                "Every prescriber with a valid NPI on your cases is already in the directory."
            )
        return len(found)

    def _show_certificates(self, row: int, person: DirectoryPrescriber | None) -> None:
        cell = QTableWidgetItem(registered_words(person) if person else "")
        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, CERTIFICATE_COLUMN, cell)

    def register_certificate(self) -> RegisterCertificateDialog | None:
        """Open the registration dialog for the selected prescriber (non-modal for tests)."""
        row = self.table.currentRow()
        if row < 0:
            self._show_problems(["Select a prescriber first, then register the certificate."])
            return None
        person = self._row_prescriber(row)
        dialog = RegisterCertificateDialog(person, self)
        dialog.accepted.connect(lambda: self._registered(row, dialog))
        dialog.open()
        return dialog

    def _registered(self, row: int, dialog: RegisterCertificateDialog) -> None:
        entry = dialog.registered
        first = self.table.item(row, 0)
        if entry is None or first is None:
            return
        person = self._row_prescriber(row)
        kept = [c for c in person.certificates if c.fingerprint != entry.fingerprint]
        updated = person.model_copy(update={"certificates": [*kept, entry]})
        first.setData(KEPT_ROLE, updated)
        self._show_certificates(row, updated)

    def _row_prescriber(self, row: int) -> DirectoryPrescriber:
        texts = [self._cell(row, c) for c in range(len(PRESCRIBER_COLUMNS))]
        first = self.table.item(row, 0)
        kept = first.data(KEPT_ROLE) if first is not None else None
        base = kept if isinstance(kept, DirectoryPrescriber) else DirectoryPrescriber(name="")
        return base.model_copy(update={
            "name": texts[0], "credentials": texts[1], "npi": texts[2],
            "signature_image": texts[3] or None,
        })

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def _choose_signature(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self._show_problems(["Select a prescriber first, then choose the signature image."])
            return
        path, _ = QFileDialog.getOpenFileName(self, "Signature image", "", IMAGE_FILTER)
        if path:
            self.table.setItem(row, 3, QTableWidgetItem(path))
