"""Moving the open case along its workflow: status changes, a denial and its appeal.

Separate from the page that shows the case because these are the steps that change where a
request stands with the payer (each asks first, saves first, and may open another case),
while the page itself only shows and edits one case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.findings import Severity
from desktop_app.errors import AppError
from desktop_app.services.statuses import next_statuses
from desktop_app.ui.status import status_label

if TYPE_CHECKING:
    from desktop_app.ui.case_page import CasePage


class CaseWorkflow:
    """The open case's workflow moves, answered in the page's banner and status messages."""

    def __init__(self, page: CasePage) -> None:
        self.page = page

    def move_to(self, status: str) -> bool:
        page = self.page
        if page.stored is None or status not in next_statuses(page.stored.status):
            return False
        if not page.flush():
            return False
        if status == "denied":
            return self._mark_denied()
        errors = sum(1 for f in page.findings if f.severity is Severity.ERROR)
        if status == "signed" and not self._confirm_paper_signature(errors):
            return False
        if status == "ready_for_signature" and errors and not self._confirm(
            f"This letter still has {errors} error{'s' if errors != 1 else ''}. "
            f"Mark it “{status_label(status)}” anyway?"
        ):
            return False
        try:
            page.store.set_status(page.stored.id, status)
            page.stored = page.store.get_case(page.stored.id)
        except AppError as exc:
            page.banner.show_message(f"The status could not change: {exc}", "error")
            return False
        page.autosave.start(page.stored)
        page.show_header()
        page.list_changed.emit()
        page.message.emit(f"Status is now {status_label(status)}.")
        return True

    def _mark_denied(self) -> bool:
        """Ask for the denial, mark the request denied and open its appeal on Denial."""
        from desktop_app.services.denials import mark_denied
        from desktop_app.ui import denial_dialog

        page = self.page
        assert page.stored is not None
        choice, entry = denial_dialog.ask_denial(page, page.stored.case.payer.plan_type)
        if not choice:
            return False
        try:
            appeal = mark_denied(page.store, page.stored.id, entry, start=choice == "appeal")
            page.stored = page.store.get_case(page.stored.id)
        except AppError as exc:
            page.banner.show_message(f"The case could not be marked denied: {exc}", "error")
            return False
        page.autosave.start(page.stored)
        page.show_header()
        page.list_changed.emit()
        if appeal is None:
            page.message.emit("Status is now Denied.")
            return True
        self._open_appeal(appeal.id, "Denied. The appeal is open with the denial filled in.")
        return True

    def _open_appeal(self, case_id: str, message: str) -> None:
        page = self.page
        page.pending_section = "denial"
        page.open_requested.emit(case_id)
        page.message.emit(message)

    def appeal(self) -> None:
        """Appeal this denial: the appeal already started opens; a second one only if asked."""
        from desktop_app.services.denials import appeals_of, start_appeal
        from desktop_app.ui import denial_dialog

        page = self.page
        if page.stored is None or not page.flush():
            return
        try:
            existing = appeals_of(page.store, page.stored.id)
        except AppError as exc:
            page.banner.show_message(f"The appeal could not start: {exc}", "error")
            return
        if existing:
            answer = denial_dialog.ask_second_appeal(page, existing[0])
            if answer == "open":
                self._open_appeal(existing[0].id, "This denial's appeal is open.")
            if answer != "second":
                return
        try:
            created = start_appeal(page.store, page.stored.id)
        except AppError as exc:
            page.banner.show_message(f"The appeal could not start: {exc}", "error")
            return
        page.list_changed.emit()
        self._open_appeal(created.id, "Appeal started from the denied case. Fill in the "
                          "denial details.")

    def _confirm_paper_signature(self, errors: int) -> bool:
        """A letter signed in ink: the same rule as signing in the app, then a clear question."""
        # Imported on use: the signing services are not needed to show the window.
        from desktop_app.services.signature_workflow import override_on_record

        page = self.page
        assert page.stored is not None
        if errors and override_on_record(page.store, page.stored.id) is None:
            # As in the sign dialog: errors need an override reason on record before signing.
            page.banner.show_message(
                f"This letter has {errors} error{'s' if errors != 1 else ''} and no override "
                "reason on record, so it cannot be marked signed. Fix the errors, or export it "
                "with an override reason first.",
                "error",
            )
            return False
        return self._confirm(
            "Mark this letter as signed on paper?\n\nThis version will be locked. The app "
            "records no electronic signature and no fingerprint of the signed page for it. "
            "To sign in the app instead, choose Sign… (Ctrl+Shift+G)."
        )

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self.page, "PA Letter Studio", text)
        return answer == QMessageBox.StandardButton.Yes
