"""The Case menu's denial, call and approval records, the peer-to-peer brief, the Deadlines
view, and the notice on start of what is due within 7 days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from desktop_app.errors import AppError
from desktop_app.ui.menus import add_menu_action

BRIEF_KEY = "Ctrl+Shift+B"
DEADLINES_KEY = "Ctrl+Shift+D"


class RecordsMenus:
    """Adds its actions to the window's Case and View menus and runs them on the open case."""

    def __init__(self, window: QMainWindow) -> None:
        self.window: Any = window
        self.deadlines_view: Any = None
        menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
        case_menu: QMenu = menus["&Case"]
        view_menu: QMenu = menus["&View"]
        case_menu.addSeparator()
        self.read_denial = self._add(case_menu, "&Read denial letter…", self.read_denial_letter,
                                     "Ctrl+Shift+R", "Paste or drop the denial; confirm what "
                                     "was read; keep the letter with the case")
        self.log_call = self._add(case_menu, "&Log a call…", self.log_a_call, "Ctrl+Shift+C",
                                  "Note a call with the payer: when, who, reference, what was "
                                  "said")
        self.approval = self._add(case_menu, "Record appro&val…", self.record_approval, None,
                                  "Authorization number, approved units and period")
        self.brief = self._add(case_menu, "Print peer-to-peer &brief…", self.print_brief,
                               BRIEF_KEY, "One page for the physician's call with the reviewer")
        view_menu.addSeparator()
        self.deadlines = self._add(view_menu, "&Deadlines…", self.show_deadlines, DEADLINES_KEY,
                                   "Appeal deadlines, decisions due and approvals ending, "
                                   "soonest first")
        self.update()

    def _add(self, menu: Any, text: str, slot: Any, shortcut: str | None,
             tip: str) -> QAction:
        return add_menu_action(self.window, menu, text, slot, shortcut, tip)

    def update(self) -> None:
        stored = self.window.page.stored
        has_case = stored is not None
        self.read_denial.setEnabled(has_case and not stored.locked)
        self.log_call.setEnabled(has_case)
        self.approval.setEnabled(has_case and stored.status in ("sent", "approved"))
        self.brief.setEnabled(has_case)

    # -- helpers ------------------------------------------------------------------------------
    def _case_id(self) -> str | None:
        if not self.window.page.flush():
            self.window.statusBar().showMessage("Resolve the message above the case first.", 8000)
            return None
        case_id: str | None = self.window.page.case_id
        return case_id

    def _reopen(self, stored: Any, message: str) -> None:
        self.window.page.open(stored)
        self.window.load_cases()
        self.window.statusBar().showMessage(message, 8000)

    # -- the actions ---------------------------------------------------------------------------
    def read_denial_letter(self) -> None:
        from desktop_app.ui.denial_dialog import read_denial_letter

        case_id = self._case_id()
        if case_id is None:
            return
        confirmed = read_denial_letter(self.window)
        if confirmed is None:
            return
        try:
            revision = self.window.store.get_case(case_id).revision
            stored = _records().save_denial(self.window.store, case_id, confirmed, revision)
        except AppError as exc:
            self.window.show_error("The denial could not be saved", exc)
            return
        self._reopen(stored, f"Denial saved with {len(confirmed.reasons)} stated reason(s); "
                     "the letter is kept with the case.")
        self.window.page.editor.show_section("denial")

    def log_a_call(self) -> None:
        from desktop_app.ui.records_dialogs import ask_for_call

        case_id = self._case_id()
        if case_id is None:
            return
        call = ask_for_call(self.window.page.current_case(), self.window)
        if call is None:
            return
        try:
            stored = _records().add_call(self.window.store, case_id, call)
        except AppError as exc:
            self.window.show_error("The call could not be logged", exc)
            return
        self._reopen(stored, "Call logged. Appeals can cite it.")

    def record_approval(self) -> None:
        from desktop_app.ui.records_dialogs import ask_for_approval

        case_id = self._case_id()
        if case_id is None:
            return
        approval = ask_for_approval(self.window.page.current_case(), self.window)
        if approval is None:
            return
        try:
            stored = _records().record_approval(self.window.store, case_id, approval)
        except AppError as exc:
            self.window.show_error("The approval could not be recorded", exc)
            return
        assert approval.end is not None
        remind = approval.end - dt.timedelta(days=30)
        self._reopen(stored, f"Approval recorded. You will be reminded on {remind:%m/%d/%Y} "
                     "to start the renewal.")

    def print_brief(self) -> None:
        from desktop_app.services.brief import brief_pdf
        from desktop_app.ui.brief_print import print_with_dialog

        case_id = self._case_id()
        if case_id is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = brief_pdf(self.window.page.current_case(), case_id)
        except AppError as exc:
            self.window.show_error("The peer-to-peer brief could not be made", exc)
            return
        finally:
            QApplication.restoreOverrideCursor()
        if print_with_dialog(data, self.window, "Peer-to-peer brief"):
            self.window.statusBar().showMessage("Peer-to-peer brief sent to the printer.", 8000)

    def show_deadlines(self) -> None:
        from desktop_app.ui.deadlines_view import DeadlinesView

        if self.deadlines_view is None or not self.deadlines_view.isVisible():
            self.deadlines_view = DeadlinesView(self.window.store, self.window)
            self.deadlines_view.open_case.connect(self._open_from_view)
        else:
            self.deadlines_view.refresh()
        self.deadlines_view.show()
        self.deadlines_view.raise_()
        self.deadlines_view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_from_view(self, case_id: str) -> None:
        if self.window.open_case(case_id):
            self.window.activateWindow()

    # -- on start -----------------------------------------------------------------------------
    def due_soon_text(self, today: dt.date | None = None, report: Any = None) -> str:
        """'2 things due within 7 days: …' or '' when nothing is; from `report` when the
        deadlines were already read (the first screen), else from the store."""
        from desktop_app.services import deadlines as deadline_service  # the case model: pydantic

        if report is None:
            try:
                report = deadline_service.deadlines_from_store(self.window.store)
            except AppError:
                return ""
        soon = deadline_service.due_soon(report, today)
        if not soon:
            return ""
        day = today or dt.date.today()
        shown = [
            f"{d.item.what} — {d.patient or 'a case'} ({deadline_service.when_words(d.item, day)})"
            for d in soon[:3]
        ]
        more = f"; and {len(soon) - 3} more" if len(soon) > 3 else ""
        count = f"{len(soon)} thing{'s' if len(soon) != 1 else ''}"
        return f"{count} due within 7 days: " + "; ".join(shown) + more + "."

    def announce_due_soon(self, today: dt.date | None = None, report: Any = None) -> str:
        text = self.due_soon_text(today, report)
        if text:
            self.window.notice.show_message(
                text, "warning", [("Open &Deadlines", self.show_deadlines)]
            )
        return text

    def announce_from_store(self) -> None:
        """The notice read from the open store on a pool thread (a full start): it decodes
        every case, a second or more with 10,000, and the list is usable meanwhile."""
        from desktop_app.services.deadlines import deadlines_from_store

        store = self.window.store
        self.announce_when_read(lambda: deadlines_from_store(store))

    def announce_when_read(self, read_deadlines: Callable[[], Any]) -> None:
        """The notice from `read_deadlines()` run on a pool thread, shown when it is done: the
        list is usable meanwhile. Should the reading fail, the store is asked, as on a full
        start, so the notice is never silently missing."""
        from desktop_app.ui.workers import start_task

        start_task(read_deadlines, lambda report: self.announce_due_soon(report=report),
                   lambda _exc: self.announce_due_soon(), owner=self.window,
                   wait_at_quit=False)  # a notice nobody will see: quitting need not wait


def _records() -> Any:
    """The case-records service, imported on first use: reading a denial letter (PDF text,
    OCR) is not needed to show the window."""
    from desktop_app.services import case_records

    return case_records
