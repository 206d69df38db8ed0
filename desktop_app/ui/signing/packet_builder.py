"""The packet builder: fax cover, the signed letter and the attachments, previewed and saved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_evidence import Attachment
from desktop_app.errors import AppError
from desktop_app.services.cases import CaseStore, EditConflict
from desktop_app.services.packet import (
    CasePacket,
    PacketResult,
    assemble_case_packet,
    packet_letter,
    save_case_packet,
)
from desktop_app.services.render import suggested_file_name
from desktop_app.services.signing import SigningRequest, VerifyReport, verify_bytes
from desktop_app.ui.signing.attachments import ATTACHABLE, FILE_FILTER, AttachmentTable
from desktop_app.ui.signing.common import CertificateBox, PdfPane, ProblemLine, problem_words
from desktop_app.ui.workers import start_task

PREVIEW_DELAY_MS = 400  # wait for a burst of changes (several dropped files) to settle


@dataclass(frozen=True, slots=True)
class BuiltPacket:
    packet: CasePacket
    signed_letter: bool
    letter_check: VerifyReport | None = None  # the signed letter's verdicts, as verify says


def build_case_packet(
    store: CaseStore, case_id: str, attachments: list[Attachment], base_dir: Path | None
) -> BuiltPacket:
    """The packet for these attachments (runs on a pool thread)."""
    case, letter, signed = packet_letter(store, case_id, attachments)
    packet = assemble_case_packet(case, letter, base_dir=base_dir, letter_signed=signed)
    check = verify_bytes(letter) if signed else None
    return BuiltPacket(packet, signed, check)


def save_built_packet(
    store: CaseStore,
    case_id: str,
    attachments: list[Attachment],
    base_dir: Path | None,
    out_path: Path,
    signing: SigningRequest | None,
) -> PacketResult:
    """Build again from the list as it is now, then sign (if asked) and write (pool thread)."""
    built = build_case_packet(store, case_id, attachments, base_dir)
    return save_case_packet(out_path, built.packet, case_id=case_id, signing=signing)


class PacketBuilder(QDialog):
    """`packet_saved(PacketResult)` after saving; `case_changed(case_id)` if the list was kept."""

    packet_saved = Signal(object)
    case_changed = Signal(str)

    def __init__(
        self,
        store: CaseStore,
        case_id: str,
        parent: QWidget | None = None,
        *,
        base_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.case_id, self.base_dir = store, case_id, base_dir
        self.setWindowTitle("Submission packet")
        self.resize(1100, 720)
        stored = store.get_case(case_id)
        self.signed = stored.locked and any(
            s.version == stored.version for s in store.signatures(case_id)
        )
        self._started_with = list(stored.case.attachments or [])
        self.last: BuiltPacket | None = None
        self.last_saved: PacketResult | None = None
        self._building = False
        self._again = False
        self.table = AttachmentTable()
        self.add_button = QPushButton("Add files…")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Alt+Up")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Alt+Down")
        self.letter_note = QLabel()
        self.letter_note.setWordWrap(True)
        self.letter_note.setTextFormat(Qt.TextFormat.PlainText)  # signers' names are data
        self.certificate = CertificateBox("Sign the whole packet digitally (PAdES)")
        self.problem = ProblemLine()
        self.status = QLabel("")
        self.status.setAccessibleName("Packet status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # attachment titles staff typed
        self.save_button = QPushButton("Save packet…")
        self.close_button = QPushButton("Close")
        self.preview = PdfPane("Packet preview")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._layout()
        self._connect()
        self.table.set_attachments(self._started_with)
        self._explain_letter()

    def _layout(self) -> None:
        hint = QLabel("Drag files here from the file manager, or use Add files.")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.letter_note)
        column.addWidget(QLabel("Order: fax cover, letter, then these attachments:"))
        column.addWidget(self.table, 1)
        column.addWidget(hint)
        column.addLayout(row)
        column.addWidget(self.certificate)
        column.addWidget(self.problem)
        column.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        column.addLayout(bottom)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([480, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.table.remove_selected)
        self.up_button.clicked.connect(lambda: self.table.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.table.move_selected(1))
        self.table.files_dropped.connect(self.add_files)
        self.table.changed.connect(self._timer.start)
        self._timer.timeout.connect(self.refresh_preview)
        self.save_button.clicked.connect(self.choose_and_save)
        self.close_button.clicked.connect(self.accept)
        self.finished.connect(lambda _code: self.keep_attachments())

    def _explain_letter(self) -> None:
        if self.signed:
            self.letter_note.setText(
                "The letter is signed and locked. Its Enclosures list is fixed: attach files "
                "with the same titles, in the same order."
            )
        else:
            self.letter_note.setText(
                "The letter is not signed yet: the preview shows the draft, and the packet can "
                "be saved once the physician has signed. The letter lists these attachments."
            )
        self.save_button.setEnabled(self.signed)
        self.save_button.setToolTip("" if self.signed else "The physician signs the letter first")

    def attachments(self) -> list[Attachment]:
        return self.table.attachments()

    def add_files(self, paths: list[Path]) -> None:
        """Add files (from a drop or the button); folders and other kinds are named, not added."""
        wanted = [p for p in paths if p.is_file() and p.suffix.lower() in ATTACHABLE]
        refused = [p.name for p in paths if p not in wanted]
        self.table.add_files(wanted)
        if refused:
            self.problem.say(
                "Not added (only PDF, PNG and JPEG files can be attached): " + ", ".join(refused)
            )

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, "Attach files", "", FILE_FILTER)
        self.add_files([Path(name) for name in chosen])

    # -- preview ---------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Build the packet on a pool thread; one build at a time, the latest list wins."""
        if self._building:
            self._again = True
            return
        self._building = True
        self.status.setText("Building the packet preview…")
        store, case_id, base = self.store, self.case_id, self.base_dir
        items = self.attachments()
        start_task(
            lambda: build_case_packet(store, case_id, items, base),
            self._built,
            self._build_failed,
        )

    def _next(self) -> bool:
        self._building = False
        if self._again:
            self._again = False
            self.refresh_preview()
            return True
        return False

    def _built(self, built: Any) -> None:
        if self._next():
            return
        self.last = built
        self.problem.say("")
        self.preview.show_pdf(built.packet.data)
        pages = built.packet.pages
        self.status.setText(
            f"Packet: {pages} page{'s' if pages != 1 else ''} — " + ", ".join(built.packet.titles)
        )
        if built.letter_check is not None:
            self._explain_letter()
            self.letter_note.setText(
                f"{self.letter_note.text()}\nSigned letter: {built.letter_check.text()}"
            )

    def _build_failed(self, exc: BaseException) -> None:
        if self._next():
            return
        self.last = None
        self.preview.clear()
        self.status.setText("No preview: fix the problem below.")
        self.problem.say(problem_words(exc))

    # -- saving ----------------------------------------------------------------------------
    def default_path(self) -> Path:
        case = self.store.get_case(self.case_id).case
        name = suggested_file_name(case, "pdf").removesuffix(".pdf") + "-packet.pdf"
        folder = Path.home() / "Documents"
        return (folder if folder.is_dir() else Path.home()) / name

    def choose_and_save(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save packet", str(self.default_path()), "PDF packet (*.pdf)"
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, out_path: Path) -> None:
        self.problem.say("")
        try:
            signing = self.certificate.request()
        except AppError as exc:
            self.problem.say(str(exc))
            return
        self.save_button.setEnabled(False)
        self.status.setText("Saving the packet…")
        args = (self.store, self.case_id, self.attachments(), self.base_dir, out_path, signing)
        start_task(lambda: save_built_packet(*args), self._saved, self._save_failed)

    def _saved(self, result: Any) -> None:
        self.certificate.clear_password()
        self.last_saved = result
        self.save_button.setEnabled(self.signed)
        self.status.setText(result.summary())
        self.packet_saved.emit(result)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.signed)
        self.status.setText("The packet was not saved.")
        self.problem.say(problem_words(exc))

    def keep_attachments(self) -> None:
        """An unsigned case keeps the list (its letter's enclosures); other edits are kept."""
        items = self.attachments()
        if self.signed or items == self._started_with:
            return
        try:
            latest = self.store.get_case(self.case_id)
            case = latest.case.model_copy(update={"attachments": items})
            self.store.save_case(self.case_id, case, latest.revision)
        except (EditConflict, AppError) as exc:
            self.problem.say(f"The attachment list was not kept in the case: {exc}")
            return
        self._started_with = items
        self.case_changed.emit(self.case_id)


def open_packet_builder(
    store: CaseStore, case_id: str, parent: QWidget | None = None
) -> PacketBuilder:
    """Entry point: open the packet builder (non-modal) with its first preview under way."""
    builder = PacketBuilder(store, case_id, parent)
    builder.show()
    builder.refresh_preview()
    return builder
