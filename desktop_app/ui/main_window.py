"""The main window: the case list beside the open case, menus, and the list's operations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services.statuses import next_statuses
from desktop_app.ui.banner import Banner
from desktop_app.ui.case_list_pane import CaseListPane
from desktop_app.ui.case_page import CasePage
from desktop_app.ui.folder_notes import data_folder_note, shared_templates_note
from desktop_app.ui.input_guard import install_input_guard
from desktop_app.ui.menus import build_menus
from desktop_app.ui.more_menus import SignAndToolsMenus
from desktop_app.ui.plain_text import plain_message
from desktop_app.ui.records_menus import RecordsMenus
from desktop_app.ui.roles import apply_roles, signed_in_note
from desktop_app.ui.room_splitter import RoomSplitter
from desktop_app.ui.workers import wait_for_tasks

# Saving refreshes the list this long after the last save, so typing stays smooth.
LIST_REFRESH_MS = 800


def default_export_folder() -> Path:
    """Documents if this user has that folder, else the home folder (never the app's own)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _explainer(language: str) -> str:
    # Imported on use: the render service (rules, letters) is not needed to show the window.
    from desktop_app.services.render import PATIENT_EXPLAINERS

    return PATIENT_EXPLAINERS[language]


class MainWindow(QMainWindow):
    """Owns the open CaseStore; `load_cases()` fills the list."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        install_input_guard()
        self.store = store
        self.setWindowTitle("PA Letter Studio")
        self.deleted: list[Any] = []  # this session's deletions, newest last, for Undo
        self.export_folder = default_export_folder()
        self.list_pane = CaseListPane()
        self.page = CasePage(store)
        splitter = RoomSplitter(1, self.page.room_wanted, self.list_pane.narrowest_width)
        splitter.addWidget(self.list_pane)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(0, 0)  # a wider window widens the case, not the list
        splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().horizontalAdvance("M")
        splitter.setSizes([40 * em, 90 * em])
        self.splitter = splitter
        self._list_fitted = False
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 0)
        # Window-wide notices, such as what is due within 7 days when the app starts. Below the
        # list, not above it: the notice comes a moment after the list is shown, and above it
        # would push every row down under a click already on its way.
        self.notice = Banner()
        self.notice.setAccessibleName("Deadlines notice")
        layout.addWidget(splitter, 1)  # the notice takes only the height it needs
        layout.addWidget(self.notice)
        self.setCentralWidget(central)
        self.menu_actions = build_menus(self, self._slots(), self.list_pane.table)
        self.more_menus = SignAndToolsMenus(self)
        self.records = RecordsMenus(self)
        signed_in_note(self)
        self.folder_notes = (shared_templates_note(self.statusBar()),
                             data_folder_note(self.statusBar()))
        self._list_timer = QTimer(self, singleShot=True, interval=LIST_REFRESH_MS)
        self._list_timer.timeout.connect(self.load_cases)
        self.list_pane.selection_changed.connect(self._on_selected)
        self.list_pane.case_chosen.connect(self.open_and_edit)
        self.page.open_requested.connect(self.open_case)
        self.page.sign_requested.connect(self.more_menus.sign_open_case)
        self.page.settings_field_requested.connect(self.open_settings_at)
        self.page.list_changed.connect(self._list_timer.start)
        self.page.list_changed.connect(self._update_actions)
        self.page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.page.autosave.saved.connect(lambda _s: self._update_actions())
        # Fit the screen: at QT_SCALE_FACTOR=2 a 1440x900 display has only 720x450 to offer.
        available = self.screen().availableGeometry()
        self.resize(min(1400, available.width()), min(860, available.height()))
        self._update_actions()

    def _slots(self) -> dict[str, Any]:
        from desktop_app.ui import file_actions as files

        return {
            "new": self.new_case, "duplicate": self.duplicate_case,
            "import_cases": lambda: files.import_case_files(self),
            "export_case": lambda: files.export_case_file(self),
            "export_pdf": lambda: files.export_letter_as(self, "pdf"),
            "export_docx": lambda: files.export_letter_as(self, "docx"),
            "explain_en": lambda: files.export_letter_as(self, "pdf", _explainer("en")),
            "explain_es": lambda: files.export_letter_as(self, "pdf", _explainer("es")),
            "settings": lambda: files.open_settings(self), "quit": self.close,
            "backups": self._open_backups,
            "undo_delete": self.undo_delete, "delete": self.delete_case,
            "find": self.list_pane.focus_search, "refresh_preview": self.page.refresh_preview,
            "show_checks": self.page.show_checks,
            "appeal": self.page.workflow.appeal, "new_version": self.page.start_new_version,
            "move": self.page.workflow.move_to, "about": self._about,
        }

    # -- the list -----------------------------------------------------------------------------
    def load_cases(self, summaries: list[Any] | None = None) -> bool:
        """Fill the list from the store, or from `summaries` already read (the first screen)."""
        self._list_timer.stop()
        if summaries is None:
            try:
                summaries = self.store.list_cases()
            except AppError as exc:
                self.show_error("The case list could not be read", exc)
                return False
        self.list_pane.set_summaries(summaries)
        self.show_folder_notes()
        if summaries:
            # The first time exactly; later only wider, when a deadline's words need room.
            self.fit_list_width(grow_only=self._list_fitted)
        if self.page.case_id is not None:
            self.list_pane.select_case(self.page.case_id, emit=False)
        self._update_actions()
        return True

    def fit_list_width(self, *, grow_only: bool = False) -> None:
        """The list as wide as its main columns need, but never more than two fifths of the
        window, so the open case keeps room for its form and letter."""
        self._list_fitted = True
        sizes = self.splitter.sizes()
        total = sum(sizes)
        width = min(self.list_pane.ideal_width(), total * 2 // 5)
        if grow_only and width <= sizes[0]:
            return  # never narrower than staff made it
        self.splitter.setSizes([width, total - width])
        self.splitter.make_room()  # but narrower when the window is too small for the form

    def _on_selected(self, case_id: Any) -> None:
        if case_id is not None and case_id != self.page.case_id:
            self.open_case(case_id)

    def open_case(self, case_id: Any) -> bool:
        if case_id is None:
            return False
        if case_id == self.page.case_id:
            return True
        if not self.page.flush():
            self.statusBar().showMessage("Resolve the message above the case first.", 8000)
            self.list_pane.select_case(self.page.case_id, emit=False)
            return False
        try:
            stored = self.store.get_case(case_id)
        except AppError as exc:
            self.show_error("The case could not be opened", exc)
            return False
        self.page.open(stored)
        if not self.list_pane.select_case(case_id, emit=False):
            self.load_cases()
        self._update_actions()
        return True

    def open_and_edit(self, case_id: Any) -> bool:
        """Enter on a case (in the list or the search box): open it and start typing in it."""
        if not self.open_case(case_id):
            return False
        self.page.focus_editor()
        return True

    def new_case(self) -> None:
        try:
            from desktop_app.domain.case import Case, Letter  # pydantic: not needed to start

            created = self.store.create_case(Case(letter=Letter(kind="preauth")))
        except AppError as exc:
            self.show_error("A new case could not be started", exc)
            return
        self._show_new(created, "New case started. It saves itself as you type.")
        self.page.editor.focus_field("patient.name")

    def duplicate_case(self) -> None:
        source = self.page.case_id or self.list_pane.current_case_id()
        if source is None:
            return
        if not self.page.flush():
            return
        try:
            created = self.store.duplicate_case(source)
        except AppError as exc:
            self.show_error("The case could not be copied", exc)
            return
        self._show_new(created, "Copied into a new draft.")

    def _show_new(self, stored: Any, message: str) -> None:
        self.load_cases()
        self.open_case(stored.id)
        self.statusBar().showMessage(message, 8000)

    def delete_case(self) -> None:
        summary = self.list_pane.current_summary()
        case_id = self.list_pane.current_case_id() or self.page.case_id
        if case_id is None:
            return
        who = (summary.patient_name if summary and summary.id == case_id else "") or "this case"
        answer = QMessageBox.question(
            self, "Delete case",
            plain_message(f"Delete the case for {who}?\n\nYou can bring it back with Edit > "
                          "Undo delete (Ctrl+Z) until you close the app."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if case_id == self.page.case_id:
            self.page.close_case()
        try:
            self.store.delete_case(case_id)
        except AppError as exc:
            self.show_error("The case could not be deleted", exc)
            return
        self.deleted.append(case_id)
        self.load_cases()
        # Ctrl+Z acts on the list (menus.py), so the list keeps the focus for it.
        self.list_pane.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage(
            "Case deleted. Ctrl+Z in the case list (or Edit > Undo delete) brings it back.", 8000
        )

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        case_id = self.deleted[-1]
        try:
            self.store.undelete_case(case_id)
        except AppError as exc:
            self.show_error("The case could not be brought back", exc)
            return
        self.deleted.pop()
        self.load_cases()
        self.open_case(case_id)
        self.statusBar().showMessage("Case restored.", 8000)

    # -- state and messages -------------------------------------------------------------------
    def open_settings_at(self, path: str) -> None:
        """Settings, opened at the field a clicked finding names ("letterhead.fax")."""
        from desktop_app.ui import file_actions

        file_actions.open_settings(self, focus=path)

    def show_folder_notes(self) -> None:
        """The standing notes about the shared templates folder and the data folder."""
        for note in self.folder_notes:
            note.refresh()

    def _update_actions(self) -> None:
        a = self.menu_actions
        stored = self.page.stored
        has_case = stored is not None
        for action in (a.export_case, a.export_pdf, a.export_docx, a.explain_en, a.explain_es,
                       a.refresh_preview):
            action.setEnabled(has_case)
        a.duplicate.setEnabled(has_case or self.list_pane.current_case_id() is not None)
        a.delete.setEnabled(has_case or self.list_pane.current_case_id() is not None)
        a.undo_delete.setEnabled(bool(self.deleted))
        legal = next_statuses(stored.status) if has_case else ()
        for status, action in a.moves.items():
            action.setEnabled(status in legal)
        a.appeal.setEnabled(has_case and stored.status == "denied")
        a.new_version.setEnabled(has_case and bool(stored.locked))
        if hasattr(self, "more_menus"):
            self.more_menus.update()
        if hasattr(self, "records"):
            self.records.update()
        apply_roles(self)

    def show_error(self, what: str, exc: AppError) -> None:
        QMessageBox.warning(self, "PA Letter Studio", plain_message(f"{what}.\n\n{exc}"))

    def _open_backups(self) -> Any:
        from desktop_app.ui.backups_dialog import open_backups

        return open_backups(self)

    def _about(self) -> None:
        from desktop_app import __version__

        QMessageBox.about(
            self, "About PA Letter Studio",
            f"PA Letter Studio {__version__}\n\nPrior-authorization and appeal letters for "
            "off-label oncology drugs. Your cases stay on this computer.",
        )

    def flush(self) -> bool:
        return self.page.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing never asks: the open case is saved now, whatever state it is in. A save
        # that fails leaves the typing in its recovery file, offered when the case reopens.
        if not self.page.flush() and self.page.autosave.kept:
            QMessageBox.warning(
                self, "PA Letter Studio",
                "Your latest changes to the open case could not be saved. They are kept on "
                "this computer and offered back when you open the case again.",
            )
        # The tool windows (audit log, history, queue...) go with the main window, so quitting
        # quits: left open, they would keep the app running with no main window.
        for tool in self.findChildren(QDialog):
            if tool.isVisible():
                tool.close()
        wait_for_tasks(3000)
        event.accept()
