"""A case's version history: every version, which are locked and who signed; view read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import RenderRefused
from desktop_app.services.cases import CaseStore
from desktop_app.services.kept_signed_letters import kept_signed_letter
from desktop_app.services.render import render_letter
from desktop_app.services.signature_workflow import (
    VersionEntry,
    check_signed_version,
    start_new_version,
    version_history,
)
from desktop_app.ui.signing.common import PdfPane, ProblemLine, problem_words
from desktop_app.ui.workers import start_task

DRAFT_VIEW = "viewing a past version, not sent"  # recorded nowhere; nothing is exported


def version_checks(store: CaseStore, case_id: str, entries: list[VersionEntry]) -> dict[int, str]:
    """Version -> the verify verdicts of its kept signed copy (runs on a pool thread)."""
    found = {}
    for entry in entries:
        if not entry.signatures:
            continue
        try:
            found[entry.version] = check_signed_version(store, case_id, entry.version).text()
        except Exception as exc:  # noqa: BLE001 - shown in words, like any check that fails
            found[entry.version] = problem_words(exc)
    return found


def version_pdf(store: CaseStore, case_id: str, entry: VersionEntry) -> bytes:
    """What the version looked like: the signed bytes if signed, else the letter drawn from it."""
    if entry.signatures:
        return kept_signed_letter(store, case_id, entry.version)
    case = (
        store.version_case(case_id, entry.version) if entry.locked else store.get_case(case_id).case
    )
    try:
        return render_letter(case, fmt="pdf").data
    except RenderRefused:
        return render_letter(case, fmt="pdf", override_reason=DRAFT_VIEW).data


class VersionViewer(QDialog):
    """One version's letter, read-only: a PDF view, no editing controls."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 860)
        self.note = QLabel("Loading…")
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # signers' names are data
        self.pdf = PdfPane("Version letter, read-only")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.pdf, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)


class VersionHistoryDialog(QDialog):
    """`new_version_started(case_id)` fires after "Start a new version", so the editor reloads."""

    new_version_started = Signal(str)

    def __init__(self, store: CaseStore, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.case_id = store, case_id
        self.entries: list[VersionEntry] = []
        self.checks: dict[int, str] = {}
        self.viewer: VersionViewer | None = None
        self.setWindowTitle("Version history")
        self.resize(760, 380)
        self.list = QListWidget()
        self.list.setAccessibleName("Versions")
        self.list.setWordWrap(True)
        self.view_button = QPushButton("View this version")
        self.new_button = QPushButton("Start a new version")
        self.new_button.setToolTip("Unlock the case for changes as the next version")
        self.problem = ProblemLine()
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.view_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Signed versions are locked and kept exactly as signed."))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        self.view_button.clicked.connect(self.view_selected)
        self.list.itemActivated.connect(lambda _item: self.view_selected())
        self.new_button.clicked.connect(self.ask_new_version)
        self.reload()

    def reload(self) -> None:
        self.problem.say("")
        try:
            self.entries = version_history(self.store, self.case_id)
        except Exception as exc:  # noqa: BLE001 - shown in words
            self.entries = []
            self.problem.say(problem_words(exc))
        self.list.clear()
        for entry in reversed(self.entries):  # newest first
            item = QListWidgetItem(entry.describe())
            item.setData(Qt.ItemDataRole.UserRole, entry.version)
            self.list.addItem(item)
        if self.entries:
            self.list.setCurrentRow(0)
        current = next((e for e in self.entries if e.current), None)
        self.new_button.setEnabled(current is not None and current.locked)
        self.checks = {}
        if any(entry.signatures for entry in self.entries):
            store, case_id, entries = self.store, self.case_id, list(self.entries)
            start_task(
                lambda: version_checks(store, case_id, entries),
                self._checked,
                lambda exc: self.problem.say(problem_words(exc)),
                owner=self,
            )

    def _checked(self, checks: Any) -> None:
        """Each signed version's line gains the verdicts `pa-letter verify` would print."""
        self.checks = dict(checks)
        for row in range(self.list.count()):
            item = self.list.item(row)
            version = item.data(Qt.ItemDataRole.UserRole)
            entry = next((e for e in self.entries if e.version == version), None)
            if entry is not None and version in self.checks:
                item.setText(f"{entry.describe()}\nSignature check: {self.checks[version]}")

    def selected(self) -> VersionEntry | None:
        item = self.list.currentItem()
        if item is None:
            return None
        version = item.data(Qt.ItemDataRole.UserRole)
        return next((e for e in self.entries if e.version == version), None)

    def view_selected(self) -> VersionViewer | None:
        entry = self.selected()
        if entry is None:
            return None
        state = "signed" if entry.signatures else ("locked" if entry.locked else "being edited")
        viewer = VersionViewer(f"Version {entry.version} ({state}) — read-only", self)
        self.viewer = viewer
        store, case_id = self.store, self.case_id

        def shown(data: Any) -> None:
            check = self.checks.get(entry.version)
            viewer.note.setText(entry.describe() + (f"\nSignature check: {check}" if check else ""))
            viewer.pdf.show_pdf(data)

        def failed(exc: BaseException) -> None:
            viewer.note.setText(problem_words(exc))

        start_task(lambda: version_pdf(store, case_id, entry), shown, failed, owner=viewer)
        viewer.show()
        return viewer

    def ask_new_version(self) -> None:
        answer = QMessageBox.question(
            self,
            "Start a new version?",
            "The signed version stays locked and kept as it is. The case opens for changes "
            "as the next version, which needs signing again.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.start_new_version()

    def start_new_version(self) -> None:
        try:
            start_new_version(self.store, self.case_id)
        except Exception as exc:  # noqa: BLE001 - shown in words
            self.problem.say(problem_words(exc))
            return
        self.reload()
        self.new_version_started.emit(self.case_id)


def open_version_history(
    store: CaseStore, case_id: str, parent: QWidget | None = None
) -> VersionHistoryDialog:
    """Entry point: show a case's versions (non-modal); connect `new_version_started`."""
    dialog = VersionHistoryDialog(store, case_id, parent)
    dialog.show()
    return dialog
