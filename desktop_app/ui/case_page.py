"""The open case: header, message banner, editor beside its checks and preview.

Its workflow moves (status, denial, appeal) live in case_workflow.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.findings import Finding, Severity
from desktop_app.ui.autosave import Autosave
from desktop_app.ui.banner import Banner
from desktop_app.ui.case_header import CaseHeader
from desktop_app.ui.case_workflow import CaseWorkflow
from desktop_app.ui.room_splitter import RoomSplitter
from desktop_app.ui.save_outcomes import LOCKED_OPEN_TEXT, SaveOutcomes

if TYPE_CHECKING:  # the case model (pydantic) loads when a case is first opened
    from desktop_app.domain.case import Case

NO_CASE_TEXT = "Choose a case on the left, or press Ctrl+N to start a new one."
# After typing stops, the preview (when visible) catches up this much later: long enough that
# a run of keys typed together renders once, short enough that the letter is current well
# within 300 ms. It renders on a pool thread (preview.py), so typing never waits for it.
PREVIEW_DELAY_MS = 120
# Findings about the practice's settings name their field "settings.<path>" (rules/practice_text).
SETTINGS_PREFIX = "settings."


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
    sign_requested = Signal()  # the header's Sign… button; the window opens the sign dialog
    # A finding about the practice's settings was clicked: the window opens Settings at the
    # field (its path within the settings, such as "letterhead.fax").
    settings_field_requested = Signal(str)
    message = Signal(str)

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.stored: Any = None
        self.findings: list[Finding] = []
        self.deadline: Any = None  # the appeal's last filing day, from the latest check
        self.editor: Any = None  # built on first open: the list must show without waiting
        self.pending_section: str | None = None  # the section the next opened case shows
        self.autosave = Autosave(store, lambda: self.editor.case(), self)
        self.workflow = CaseWorkflow(self)  # status moves, denial and appeal (case_workflow.py)
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
        around = self.parentWidget()
        if isinstance(around, RoomSplitter):
            around.make_room()  # the form now exists, so the list beside it knows its width

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = CaseHeader()
        self.header.move_requested.connect(self.workflow.move_to)
        self.header.sign_requested.connect(self.sign_requested)
        self.header.appeal_requested.connect(self.workflow.appeal)
        self.banner = Banner()
        self.side = QTabWidget()
        self.side.setAccessibleName("Checks and preview")
        self.side.addTab(self.findings_panel, "Checks")
        self.side.addTab(self.preview, "Preview")
        splitter = RoomSplitter(0, self.editor.comfortable_width, self.side.minimumWidth)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.side)
        # The form and the letter share the width nearly evenly: the preview is a page that
        # must stay readable, and the section list beside the form takes only what it needs.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("M")
        self.side.setMinimumWidth(20 * em)
        splitter.setSizes([62 * em, 43 * em])
        self.splitter = splitter
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.stack.addWidget(body)
        self.outcomes = SaveOutcomes(self)

    def _wire(self) -> None:
        self.editor.case_changed.connect(self.autosave.changed)
        self.editor.case_changed.connect(self._preview_timer.start)
        self.findings_panel.field_activated.connect(self.go_to_field)
        self.findings_panel.remove_hidden_requested.connect(self.remove_hidden_characters)
        self.checker.checked.connect(self._on_checked)
        self.side.currentChanged.connect(lambda _i: self._refresh_if_visible())

    def go_to_field(self, path: str) -> None:
        """A clicked finding's field: the case's own input, or the Settings field it names."""
        if path.startswith(SETTINGS_PREFIX):
            self.settings_field_requested.emit(path.removeprefix(SETTINGS_PREFIX))
        else:
            self.editor.focus_field(path)

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
        self.findings_panel.reset()
        self.checker.check_now()
        self.show_header()
        self.stack.setCurrentIndex(1)
        if stored.locked:
            self.outcomes.offer_new_version(LOCKED_OPEN_TEXT)
        self.outcomes.offer_kept_typing(stored)
        self.preview.clear()
        self._refresh_if_visible()
        if self.pending_section:
            section, self.pending_section = self.pending_section, None
            self.editor.show_section(section, focus_first=True)

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

    def focus_editor(self) -> None:
        """Put the cursor in the first field of the section on show."""
        if self.stored is not None:
            self.editor.focus_field(self.editor.current_section())

    def current_case(self) -> Case:
        return self.editor.case()

    @property
    def status(self) -> QLabel:
        """The status line (status words and any appeal deadline)."""
        return self.header.status

    def show_header(self) -> None:
        self.header.show_case(self.stored, self.deadline)

    # -- checks and preview -------------------------------------------------------------------
    def _on_checked(self, report: Any) -> None:
        self.findings = list(report.findings)
        deadline = getattr(report, "deadline", None)
        due = deadline.due if deadline is not None else None
        if due != self.deadline:
            self.deadline = due
            self.show_header()
        self.side.setTabText(0, checks_tab_label(self.findings))

    def remove_hidden_characters(self) -> None:
        """The checklist's offer: take bidi controls and zero-width characters out of names,
        IDs and numbers, as an edit (saved, checked, shown)."""
        from desktop_app.services.check import remove_hidden_characters

        if self.stored is None or self.stored.locked:
            return
        self.editor.apply_change(remove_hidden_characters(self.editor.case()))

    def room_wanted(self) -> int:
        """The width that shows the form whole beside the checks panel at its narrowest."""
        if self.editor is None:
            return 0  # no case opened yet: the list may keep its width
        return (self.editor.comfortable_width() + self.side.minimumWidth()
                + self.splitter.handleWidth())

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

    def start_new_version(self) -> None:
        """Case > Start a new version: unlock a signed letter as its next version."""
        if self.editor is not None:
            self.outcomes.start_new_version()
