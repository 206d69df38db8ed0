"""The Sign and Tools menus: the physician's queue, signing, packets, history, templates, audit."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from desktop_app.errors import AppError
from desktop_app.ui.menus import add_menu_action


class SignAndToolsMenus:
    """Adds the menus to `window` (a MainWindow) and opens each screen on the open case."""

    def __init__(self, window: QMainWindow) -> None:
        self.window: Any = window
        self._open_screens: list[Any] = []  # non-modal screens, kept alive while shown
        bar = window.menuBar()
        sign_menu = bar.addMenu("Si&gn")
        self.queue = self._add(sign_menu, "&Letters to sign…", self.show_queue, "Ctrl+Shift+L",
                               "Each physician's letters marked ready for signature")
        self.sign = self._add(sign_menu, "&Sign this letter…", self.sign_open_case,
                              "Ctrl+Shift+G", "Sign the open case's letter and lock it")
        sign_menu.addSeparator()
        self.packet = self._add(sign_menu, "Submission &packet…", self.show_packet,
                                "Ctrl+Shift+P", "Fax cover, signed letter and attachments")
        self.history = self._add(sign_menu, "Version &history…", self.show_history,
                                 "Ctrl+Shift+H", "Every version of this case and what was signed")
        tools_menu = bar.addMenu("&Tools")
        self.templates = self._add(tools_menu, "&Templates…", self.show_templates, None,
                                   "Customize the letter templates")
        self.payers = self._add(tools_menu, "&Payer directory…", self.show_payers, None,
                                "The practice's payers and plans, and the Medicare contractors")
        self.regimens = self._add(tools_menu, "Practice &regimens…", self.show_regimens, None,
                                  "Regimens saved with their evidence, picked by name in a "
                                  "case's Regimen section")
        self.audit = self._add(tools_menu, "&Audit log…", self.show_audit, None,
                               "Who signed, exported and checked what, and the log's integrity")
        # Help stays last, as on every desktop.
        for entry in bar.actions():
            if entry.text() == "&Help":
                bar.removeAction(entry)
                bar.addAction(entry)
        self.update()

    def _add(self, menu: Any, text: str, slot: Any, shortcut: str | None,
             tip: str) -> QAction:
        return add_menu_action(self.window, menu, text, slot, shortcut, tip)

    def update(self) -> None:
        """Enable what fits the open case: only a ready letter can be signed."""
        stored = self.window.page.stored
        has_case = stored is not None
        self.sign.setEnabled(has_case and stored.status == "ready_for_signature")
        self.packet.setEnabled(has_case)
        self.history.setEnabled(has_case)

    # -- the screens ----------------------------------------------------------------------------
    def _keep(self, screen: Any) -> Any:
        self._open_screens = [s for s in self._open_screens if s.isVisible()]
        self._open_screens.append(screen)
        return screen

    def _case_id(self) -> str | None:
        if not self.window.page.flush():
            self.window.statusBar().showMessage("Resolve the message above the case first.", 8000)
            return None
        case_id: str | None = self.window.page.case_id
        return case_id

    def reload_case(self, *_args: Any) -> None:
        """Show what signing or a new version changed: status, lock and the case itself."""
        case_id = self.window.page.case_id
        if case_id is not None:
            try:
                self.window.page.open(self.window.store.get_case(case_id))
            except AppError as exc:
                self.window.show_error("The case could not be reloaded", exc)
        self.window.load_cases()
        self.update()

    def show_queue(self) -> None:
        from desktop_app.ui.signing.queue import open_signature_queue

        stored = self.window.page.stored
        if stored is not None and not self.window.page.flush():
            return
        # From an open case, the queue opens on that case's prescriber.
        npi = self.window.page.current_case().prescriber.npi if stored is not None else None
        screen = self._keep(open_signature_queue(self.window.store, self.window, npi))
        screen.queue.case_signed.connect(self.reload_case)

    def sign_open_case(self) -> None:
        from desktop_app.ui.signing.sign_dialog import sign_case_dialog

        case_id = self._case_id()
        if case_id is None:
            return
        if sign_case_dialog(self.window.store, case_id, self.window) is not None:
            self.reload_case()
            self.window.statusBar().showMessage("Signed and locked.", 8000)

    def show_packet(self) -> None:
        from desktop_app.ui.signing.packet_builder import open_packet_builder

        case_id = self._case_id()
        if case_id is not None:
            screen = self._keep(open_packet_builder(self.window.store, case_id, self.window))
            screen.case_changed.connect(self.reload_case)

    def show_history(self) -> None:
        from desktop_app.ui.signing.history import open_version_history

        case_id = self._case_id()
        if case_id is not None:
            screen = self._keep(open_version_history(self.window.store, case_id, self.window))
            screen.new_version_started.connect(self.reload_case)

    def show_templates(self) -> None:
        from desktop_app.ui.templates import open_template_manager

        open_template_manager(self.window)

    def show_payers(self) -> None:
        from desktop_app.ui.payer_directory import open_payer_directory

        self._keep(open_payer_directory(self.window))

    def show_regimens(self) -> None:
        from desktop_app.ui.regimen_list import open_regimen_list

        self._keep(open_regimen_list(self.window))

    def show_audit(self) -> None:
        from desktop_app.ui.signing.audit_dialog import open_audit_log

        self._keep(open_audit_log(self.window, self.window.page.case_id))
