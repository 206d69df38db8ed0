"""The physician's signing queue: letters marked ready for signature under their own NPI."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.cases import CaseStore
from desktop_app.services.signature_block import signer_display_name
from desktop_app.services.signature_workflow import (
    QueueItem,
    npi_digits,
    queue_physicians,
    signature_queue,
    waiting_by_npi,
)
from desktop_app.ui.enter_table import EnterTable
from desktop_app.ui.signing.common import ProblemLine, problem_words
from desktop_app.ui.signing.sign_dialog import SignDialog

COLUMNS = ("Patient", "Drug", "Payer", "Letter", "Waiting since", "Check")
KIND_WORDS = {"preauth": "Prior authorization", "appeal": "Appeal"}


def check_words(item: QueueItem) -> str:
    if not item.errors:
        return "Ready to sign"
    noun = "error" if item.errors == 1 else "errors"
    if item.override_on_record:
        return f"{item.errors} {noun}, override on record"
    return f"{item.errors} {noun}: needs an override reason"


class SignatureQueue(QWidget):
    """Pick the physician, see their waiting letters, sign one. `case_signed(case_id)` after."""

    case_signed = Signal(str)

    def __init__(self, store: CaseStore, parent: QWidget | None = None,
                 npi: str | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.items: list[QueueItem] = []
        self.physician = QComboBox()
        self.physician.setAccessibleName("Physician")
        self.people: list[Any] = []
        self._load_physicians()
        self.table = EnterTable(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Letters waiting for signature")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty_note = QLabel(wordWrap=True)
        self.sign_button = QPushButton("Sign…")
        self.refresh_button = QPushButton("Refresh")
        self.problem = ProblemLine()
        top = QHBoxLayout()
        top.addWidget(QLabel("Physician:"))
        top.addWidget(self.physician, 1)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.physician.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.reload)
        self.sign_button.clicked.connect(self.sign_selected)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.sign_row(row))
        self.table.row_entered.connect(self.sign_row)
        self.table.itemSelectionChanged.connect(self._enable)
        # Open on the physician asked for (the open case's), else the first with letters waiting.
        if not (npi and self.choose_physician(npi)):
            self._choose_first_waiting()
        self.refresh()

    def _load_physicians(self) -> None:
        """Directory prescribers and those named on cases, before anyone runs Settings >
        Add from cases; Refresh calls this again, so a new case's prescriber appears."""
        chosen = self.people[self.physician.currentIndex()].npi if 0 <= \
            self.physician.currentIndex() < len(self.people) else None
        self.people = queue_physicians(self.store)
        self.physician.blockSignals(True)
        self.physician.clear()
        for _person in self.people:
            self.physician.addItem("")
        if chosen:
            self.choose_physician(chosen)
        self.physician.blockSignals(False)
        self._label_physicians()

    def _waiting(self) -> dict[str, int]:
        try:
            return waiting_by_npi(self.store)
        except Exception:  # noqa: BLE001 - counts are a convenience; the queue itself reports
            return {}

    def _label_physicians(self, waiting: dict[str, int] | None = None) -> None:
        """Each physician with how many letters wait, so nobody has to look through them all."""
        counts = self._waiting() if waiting is None else waiting
        for index, person in enumerate(self.people):
            count = counts.get(npi_digits(person.npi), 0)
            suffix = f" ({count} waiting)" if count else ""
            self.physician.setItemText(
                index, f"{signer_display_name(person)} — NPI {person.npi}{suffix}"
            )

    def _choose_first_waiting(self) -> None:
        counts = self._waiting()
        for index, person in enumerate(self.people):
            if counts.get(npi_digits(person.npi)):
                self.physician.setCurrentIndex(index)
                return

    def choose_physician(self, npi: str) -> bool:
        """Select the physician with this NPI; False if the directory has none."""
        for index, person in enumerate(self.people):
            if npi_digits(person.npi) == npi_digits(npi):
                self.physician.setCurrentIndex(index)
                return True
        return False

    def reload(self) -> None:
        """Refresh: the physicians again (new cases may name new ones), then their letters."""
        self._load_physicians()
        self.refresh()

    def refresh(self) -> None:
        index = self.physician.currentIndex()
        self.problem.say("")
        self._label_physicians()
        try:
            self.items = (
                signature_queue(self.store, self.people[index].npi)
                if 0 <= index < len(self.people)
                else []
            )
        except Exception as exc:  # noqa: BLE001 - shown in words; the list stays usable
            self.items = []
            self.problem.say(problem_words(exc))
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            when = item.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            values = (
                item.patient_name,
                item.drug_name,
                item.payer_name,
                KIND_WORDS.get(item.letter_kind, item.letter_kind),
                when,
                check_words(item),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if not self.people:
            self.empty_note.setText(
                "No physician with an NPI in the practice directory yet. Open File ▸ Settings "
                "(Ctrl+,) ▸ Prescribers and choose Add from cases, or add them by hand."
            )
        elif not self.items:
            self.empty_note.setText("No letters are waiting for this physician's signature.")
        else:
            self.empty_note.setText(f"{len(self.items)} waiting. Select one and choose Sign.")
        if self.items:
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        self.sign_button.setEnabled(self.table.currentRow() >= 0 and bool(self.items))

    def sign_selected(self) -> None:
        self.sign_row(self.table.currentRow())

    def dialog_for(self, row: int) -> SignDialog | None:
        """The sign dialog for a row, preset to the chosen physician (tests drive it)."""
        if not 0 <= row < len(self.items):
            return None
        dialog = SignDialog(self.store, self.items[row].case_id, self)
        dialog.physician.setCurrentIndex(self.physician.currentIndex())
        dialog.signed.connect(lambda letter: self.case_signed.emit(letter.case_id))
        dialog.finished.connect(lambda _code: self.refresh())
        return dialog

    def sign_row(self, row: int) -> None:
        dialog = self.dialog_for(row)
        if dialog is not None:
            dialog.open()


class SignatureQueueDialog(QDialog):
    def __init__(self, store: CaseStore, parent: QWidget | None = None,
                 npi: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Letters to sign")
        self.resize(860, 420)
        self.queue = SignatureQueue(store, self, npi)
        layout = QVBoxLayout(self)
        layout.addWidget(self.queue)


def open_signature_queue(
    store: CaseStore, parent: QWidget | None = None, npi: str | None = None
) -> SignatureQueueDialog:
    """Entry point: show the signing queue (non-modal), on `npi`'s letters if given.

    Connect `queue.case_signed` to reload the case that was signed.
    """
    dialog = SignatureQueueDialog(store, parent, npi)
    dialog.show()
    return dialog
