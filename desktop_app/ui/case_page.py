"""The open case: header with status moves, message banner, editor, checks and preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.errors import AppError
from desktop_app.ui.autosave import Autosave
from desktop_app.ui.banner import Banner
from desktop_app.ui.status import MOVE_LABELS, due_state, kind_label, next_statuses, status_label

NO_CASE_TEXT = "Choose a case on the left, or press Ctrl+N to start a new one."
# After typing stops, the preview (when visible) catches up this much later.
PREVIEW_DELAY_MS = 1200


def checks_tab_label(findings: list[Finding]) -> str:
    """'Checks (2 errors)', 'Checks (1 warning)' or 'Checks ✓' when nothing needs a look."""
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning")):
        count = sum(1 for f in findings if f.severity is severity)
        if count:
            return f"Checks ({count} {word}{'s' if count != 1 else ''})"
    return "Checks ✓"


class CasePage(QWidget):
    """Shows one stored case at a time. Emits `open_requested(id)` for cases it creates."""

    open_requested = Signal(object)
    list_changed = Signal()
    message = Signal(str)

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.stored: Any = None
        self.findings: list[Finding] = []
        self.deadline: Any = None  # the appeal's last filing day, from the latest check
        self.editor: Any = None  # built on first open: the list must show without waiting
        self.autosave = Autosave(store, lambda: self.editor.case(), self)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._refresh_if_visible)
        self.placeholder = QLabel(NO_CASE_TEXT, alignment=Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _ensure_built(self) -> None:
        """Create the editor, checks and preview the first time a case opens (~0.2 s)."""
        if self.editor is not None:
            return
        from desktop_app.ui.editor import CaseEditor
        from desktop_app.ui.editor.live_check import LiveChecker
        from desktop_app.ui.findings_panel import FindingsPanel
        from desktop_app.ui.preview import PreviewPane

        self.editor = CaseEditor()
        self.findings_panel = FindingsPanel()
        self.preview = PreviewPane()
        self.checker = LiveChecker(self.editor, self.findings_panel, parent=self)
        self._build()
        self._wire()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setAccessibleName("Open case")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setAccessibleName("Case status")
        self.moves = QHBoxLayout()
        second = QHBoxLayout()
        second.addWidget(self.status, 1)
        second.addLayout(self.moves)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addLayout(second)
        self.banner = Banner()
        self.side = QTabWidget()
        self.side.setAccessibleName("Checks and preview")
        self.side.addTab(self.findings_panel, "Checks")
        self.side.addTab(self.preview, "Preview")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("M")
        self.side.setMinimumWidth(20 * em)
        splitter.setSizes([60 * em, 28 * em])
        self.splitter = splitter
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.stack.addWidget(body)

    def _wire(self) -> None:
        self.editor.case_changed.connect(self.autosave.changed)
        self.editor.case_changed.connect(self._preview_timer.start)
        self.findings_panel.field_activated.connect(self.editor.focus_field)
        self.checker.checked.connect(self._on_checked)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.conflict.connect(self._on_conflict)
        self.autosave.locked.connect(self._on_locked)
        self.autosave.failed.connect(
            lambda text: self.banner.show_message(f"Not saved yet: {text}. Retrying.", "error")
        )
        self.side.currentChanged.connect(lambda _i: self._refresh_if_visible())

    # -- opening and closing ------------------------------------------------------------------
    @property
    def case_id(self) -> Any:
        return None if self.stored is None else self.stored.id

    def open(self, stored: Any) -> None:
        """Show `stored`, saving whatever was open before."""
        self.flush()
        self._ensure_built()
        self.stored = stored
        self.deadline = None
        self.banner.dismiss()
        self.editor.set_case(stored.case)
        self.autosave.start(stored)
        self.checker.check_now()
        self._show_header()
        self.stack.setCurrentIndex(1)
        if stored.locked:
            self._offer_new_version("This letter is signed and locked, so it cannot change.")
        self.preview.clear()
        self._refresh_if_visible()

    def close_case(self) -> None:
        self.flush()
        self.autosave.stop()
        self.stored = None
        self.stack.setCurrentIndex(0)
        if self.editor is not None:
            self.banner.dismiss()
            self.preview.clear()

    def flush(self) -> bool:
        """Save a pending edit now (switching cases, closing, before a crash report)."""
        return self.autosave.flush()

    def current_case(self) -> Case:
        return self.editor.case()

    def _show_header(self) -> None:
        case = self.stored.case
        parts = [case.patient.name or "New case", case.drug.generic_name,
                 kind_label(case.letter.kind)]
        self.title.setText(" — ".join(p for p in parts if p))
        text = f"Status: {status_label(self.stored.status)}"
        state = due_state(self.deadline, self.stored.status) if self.deadline else None
        if state and state.level != "ok":
            text += f"   ⚠ Appeal deadline: {state.text}"
            self.status.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        else:
            self.status.setStyleSheet("")
        self.status.setText(text)
        self._show_moves()

    def _show_moves(self) -> None:
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for target in next_statuses(self.stored.status):
            button = QPushButton(MOVE_LABELS[target])
            button.clicked.connect(lambda _c=False, t=target: self.move_to(t))
            self.moves.addWidget(button)
        if self.stored.status == "denied":
            appeal = QPushButton("Appeal this denial")
            appeal.clicked.connect(self.appeal)
            self.moves.addWidget(appeal)

    # -- checks and preview -------------------------------------------------------------------
    def _on_checked(self, report: Any) -> None:
        self.findings = list(report.findings)
        deadline = getattr(report, "deadline", None)
        due = deadline.due if deadline is not None else None
        if due != self.deadline:
            self.deadline = due
            self._show_header()
        self.side.setTabText(0, checks_tab_label(self.findings))

    def show_checks(self) -> None:
        if self.stored is not None:
            self.side.setCurrentWidget(self.findings_panel)

    def refresh_preview(self) -> None:
        if self.stored is None:
            return
        self.side.setCurrentWidget(self.preview)
        self.preview.refresh(self.editor.case())

    def _refresh_if_visible(self) -> None:
        if self.stored is not None and self.side.currentWidget() is self.preview:
            self.preview.refresh(self.editor.case())

    # -- workflow -----------------------------------------------------------------------------
    def move_to(self, status: str) -> bool:
        if self.stored is None or status not in next_statuses(self.stored.status):
            return False
        if not self.flush():
            return False
        errors = sum(1 for f in self.findings if f.severity is Severity.ERROR)
        if status in ("ready_for_signature", "signed") and errors and not self._confirm(
            f"This letter still has {errors} error{'s' if errors != 1 else ''}. "
            f"Mark it “{status_label(status)}” anyway?"
        ):
            return False
        try:
            self.store.set_status(self.stored.id, status)
            self.stored = self.store.get_case(self.stored.id)
        except AppError as exc:
            self.banner.show_message(f"The status could not change: {exc}", "error")
            return False
        self.autosave.start(self.stored)
        self._show_header()
        self.list_changed.emit()
        self.message.emit(f"Status is now {status_label(status)}.")
        return True

    def appeal(self) -> None:
        if self.stored is None or not self.flush():
            return
        try:
            created = self.store.appeal_from_denied(self.stored.id)
        except AppError as exc:
            self.banner.show_message(f"The appeal could not start: {exc}", "error")
            return
        self.list_changed.emit()
        self.open_requested.emit(created.id)
        self.message.emit("Appeal started from the denied case. Fill in the denial details.")

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, "PA Letter Studio", text)
        return answer == QMessageBox.StandardButton.Yes

    # -- saving outcomes ----------------------------------------------------------------------
    def _on_saved(self, stored: Any) -> None:
        self.stored = stored
        if self.banner.kind == "error":
            self.banner.dismiss()
        self._show_header()
        self.list_changed.emit()

    def _on_conflict(self, conflict: Any) -> None:
        self.banner.show_message(
            "Someone saved this case in another window while you were editing it. "
            "Your latest changes are not saved yet.",
            "warning",
            [("Reload theirs", lambda: self._reload_theirs(conflict.current)),
             ("Keep mine (save as a copy)", self._keep_mine_as_copy)],
            closable=False,
        )

    def _reload_theirs(self, current: Any) -> None:
        self.autosave.stop()
        self.stored = None
        self.open(current)
        self.list_changed.emit()

    def _keep_mine_as_copy(self) -> None:
        mine = self.editor.case()
        parent_id = self.stored.id
        try:
            copy = self.store.create_case(mine, status="draft", parent_case_id=parent_id)
        except AppError as exc:
            self.banner.show_message(f"The copy could not be saved: {exc}", "error")
            return
        self.autosave.stop()
        self.stored = None
        self.list_changed.emit()
        self.open_requested.emit(copy.id)
        self.message.emit("Your changes were saved as a copy; the other window's version is kept.")

    def _on_locked(self, _exc: Any) -> None:
        self._offer_new_version("This letter is signed and locked, so your change was not saved.")

    def _offer_new_version(self, text: str) -> None:
        self.banner.show_message(
            text + " Start a new version to change it; the signed one is kept.",
            "info", [("Start a new version", self.start_new_version)],
        )

    def start_new_version(self) -> None:
        if self.stored is None:
            return
        edits = self.editor.case() if self.autosave.pending else None
        try:
            fresh = self.store.new_version(self.stored.id)
            if edits is not None:
                fresh = self.store.save_case(fresh.id, edits, expected_revision=fresh.revision)
        except AppError as exc:
            self.banner.show_message(f"A new version could not start: {exc}", "error")
            return
        self.autosave.stop()
        self.stored = None
        self.open(fresh)
        self.list_changed.emit()
        self.message.emit("A new version is open for changes; the signed version is kept.")
