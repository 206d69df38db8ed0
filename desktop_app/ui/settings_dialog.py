"""Settings: the dialog that holds the tabs, and Save, Cancel and the problems to fix.

The letterhead, prescriber directory, signatures, evidence and database tabs are each in
their own module (settings_letterhead, settings_prescribers...); the small You and Templates
tabs live here. Who may change what (an admin the practice's settings, anyone this desk's
database connection) is decided here, for every tab at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services.cases import CaseStore
from desktop_app.services.desk_connection import save_desk_connection
from desktop_app.services.people import allowed
from desktop_app.services.practice_text import shown_text
from desktop_app.services.settings import (
    PracticeSettings,
    load_practice_settings,
    save_practice_settings,
    settings_problems,
)
from desktop_app.ui.evidence_settings import lookup_tab
from desktop_app.ui.settings_database import DatabaseSettingsTab
from desktop_app.ui.settings_fields import buddy_label, named_line
from desktop_app.ui.settings_letterhead import LetterheadSettingsTab
from desktop_app.ui.settings_notes import TextNotes
from desktop_app.ui.settings_prescribers import PRESCRIBER_FIELDS, PrescriberDirectoryTab
from desktop_app.ui.settings_signatures import SignatureSettingsTab


class SettingsDialog(QDialog):
    """Edits a copy of the settings; Save validates, writes and closes, Cancel changes nothing."""

    def __init__(self, parent: QWidget | None = None,
                 settings: PracticeSettings | None = None,
                 store: CaseStore | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.store = store
        self.original = settings if settings is not None else load_practice_settings()
        self.notes = TextNotes()
        self._focus_on_show: QWidget | None = None
        tabs = QTabWidget()
        self.letterhead_tab = LetterheadSettingsTab(self.original.letterhead, self.notes)
        tabs.addTab(self.letterhead_tab, "&Letterhead")
        self.directory_tab = PrescriberDirectoryTab(
            self.original.prescribers, self.notes, store, self._show_problems)
        tabs.addTab(self.directory_tab, "&Prescribers")
        tabs.addTab(self._user_tab(self.original.user_name), "&You")
        tabs.addTab(self._templates_tab(self.original.shared_templates_dir), "&Templates")
        self.signatures = SignatureSettingsTab(self.original)
        tabs.addTab(self.signatures, "Si&gnatures")
        tabs.addTab(self._lookup_tab(self.original.online_lookup), "E&vidence")
        self.database_tab = DatabaseSettingsTab(self.original.database)
        tabs.addTab(self.database_tab, "&Database")
        self.tabs = tabs
        # Anyone may reconnect this desk (a moved server must not wait for an admin); the
        # practice's own settings stay an admin's, shown here but not editable.
        self.practice_editable, why = allowed("edit_settings")
        self.admin_note = QLabel(
            f"{why} Here you can connect this desk to the practice's database (Database tab).",
            wordWrap=True)
        self.admin_note.setAccessibleName("Who changes these settings")
        self.admin_note.setTextFormat(Qt.TextFormat.PlainText)  # a person's name, never markup
        self.admin_note.setVisible(not self.practice_editable)
        if not self.practice_editable:
            for index in range(tabs.count()):
                if tabs.widget(index) is not self.database_tab:
                    tabs.widget(index).setEnabled(False)
            tabs.setCurrentWidget(self.database_tab)
        self.problems = QLabel(wordWrap=True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote typed text
        self.problems.setAccessibleName("Problems to fix")
        self.problems.setStyleSheet("color: #9b1c1c;")
        self.problems.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.admin_note)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(720, 480)
        # As the form reads the settings back: a file with stray spaces is not "a change".
        self._as_opened = self.settings()
        # Said on opening too: a file edited by hand, or another desk's save, may hold them.
        self.notes.update(self._as_opened)
        letterhead = self.letterhead_tab
        for edit in (letterhead.practice_name, letterhead.phone, letterhead.fax, letterhead.email):
            edit.textChanged.connect(self._update_notes)
        letterhead.address.textChanged.connect(self._update_notes)
        self.directory_tab.table.itemChanged.connect(self._update_notes)

    def _update_notes(self, *_changed: object) -> None:
        self.notes.update(self.settings())

    def focus_setting(self, path: str) -> bool:
        """Show the tab of a settings path ("letterhead.fax", "prescribers.0.npi") and put the
        cursor in its field; False (nothing moved) for a path this dialog has no field for."""
        parts = path.split(".")
        cell: tuple[int, int] | None = None
        letterhead = self.letterhead_tab.edits
        if len(parts) == 2 and parts[0] == "letterhead" and parts[1] in letterhead:
            target: QWidget = letterhead[parts[1]]
        elif (len(parts) == 3 and parts[0] == "prescribers" and parts[1].isdigit()
              and int(parts[1]) < self.directory_tab.table.rowCount()):
            # A field with no column of its own (tax ID, phone...): the person's row.
            column = PRESCRIBER_FIELDS.index(parts[2]) if parts[2] in PRESCRIBER_FIELDS else 0
            target, cell = self.directory_tab.table, (int(parts[1]), column)
        else:
            return False
        if not target.isEnabled():  # shown to a non-admin, who cannot change it
            return False
        if cell is not None:
            self.directory_tab.table.setCurrentCell(*cell)
        page = target.parentWidget()
        while page is not None and self.tabs.indexOf(page) < 0:
            page = page.parentWidget()
        if page is not None:
            self.tabs.setCurrentWidget(page)
        self._focus_on_show = target
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._focus_on_show is not None:
            # Opened at a field (focus_setting before exec): showing gives the first field focus.
            self._focus_on_show.setFocus(Qt.FocusReason.OtherFocusReason)
            self._focus_on_show = None
        elif self.tabs.currentWidget() is self.letterhead_tab:
            # Opened plainly: typing starts in the first field, not on the tab bar.
            first = self.letterhead_tab.practice_name
            if first.isEnabled():
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- tabs ---------------------------------------------------------------------------------
    def _user_tab(self, user_name: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.user_name = named_line("Your name", user_name)
        form.addRow("Your &name:", self.user_name)
        form.addRow(QLabel("Shown in the audit log next to what you change, export and sign."))
        return page

    def _lookup_tab(self, allowed: bool) -> QWidget:
        page, self.online_lookup = lookup_tab(allowed)
        return page

    def _templates_tab(self, shared_dir: str | None) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.shared_templates = named_line("Shared templates folder", shared_dir or "")
        self.shared_templates.setPlaceholderText("None: templates are kept on this computer only")
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose shared templates folder")
        browse.clicked.connect(self._choose_shared_folder)
        row = QHBoxLayout()
        row.addWidget(self.shared_templates, 1)
        row.addWidget(browse)
        form.addRow(buddy_label("&Shared folder:", self.shared_templates), row)
        form.addRow(QLabel(
            "A folder the whole practice can reach, such as a network drive. Its templates are "
            "offered on every computer that names it here, and one with a built-in template's "
            "id takes that template's place. Leave it empty to keep templates on this computer.",
            wordWrap=True,
        ))
        return page

    def _choose_shared_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, "Shared templates folder", self.shared_templates.text()
        )
        if path:
            self.shared_templates.setText(path)

    # -- saving -------------------------------------------------------------------------------
    def settings(self) -> PracticeSettings:
        """The settings as typed in the dialog (not yet validated)."""
        chosen = self.original.model_copy(update={
            "letterhead": self.letterhead_tab.letterhead(),
            "prescribers": self.directory_tab.prescribers(),
            "user_name": self.user_name.text().strip(),
            "shared_templates_dir": self.shared_templates.text().strip() or None,
            "online_lookup": self.online_lookup.isChecked(),
        })
        return self.database_tab.apply_to(self.signatures.apply_to(chosen))

    def save(self) -> None:
        if not self.practice_editable:
            self._save_connection_only()
            return
        chosen = self.settings()
        problems = settings_problems(chosen)
        lines = [_describe(p.field, p.message, chosen) for p in problems]
        lines += self.database_tab.problems()
        self._save_and_close(lines, lambda: save_practice_settings(chosen, self._as_opened))

    def _save_connection_only(self) -> None:
        """Staff and physicians: only this desk's database connection is theirs to save."""
        lines = self.database_tab.problems()
        self._save_and_close(lines, lambda: save_desk_connection(self.database_tab.chosen()))

    def _save_and_close(self, problems: list[str], save: Callable[[], object]) -> None:
        """Show what is wrong and stay open; else save, keep the password, and close. A save
        the service refuses is shown the same way, the typing still in the dialog."""
        if problems:
            self._show_problems(problems)
            return
        try:
            save()
        except AppError as exc:
            self._show_problems([str(exc)])
            return
        self._keep_password()
        self.accept()

    def _keep_password(self) -> None:
        kept = self.database_tab.save_password()
        if kept is not None and "keyring" in kept and "not kept" in kept:
            QMessageBox.information(self, "Database password", kept)

    def has_changes(self) -> bool:
        """True if anything typed differs from the settings the dialog opened with."""
        return self.settings() != self._as_opened

    def reject(self) -> None:
        """Cancel, Esc and the window's close button: never lose typing without asking."""
        if self.has_changes() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Discard changes?",
            "The settings have changes that are not saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _show_problems(self, lines: list[str]) -> None:
        self.problems.setText("Please fix:\n• " + "\n• ".join(lines))
        self.problems.show()


def _describe(field: str, message: str, settings: PracticeSettings) -> str:
    parts = field.split(".")
    if message.startswith("Prescriber row"):
        return message  # it names the row, not the name: the name may be the text at fault
    if parts[0] == "prescribers" and len(parts) > 1:
        number = int(parts[1])
        who = shown_text(settings.prescribers[number].name) or f"row {number + 1}"
        return f"Prescriber {who}: {message}"
    if field == "letterhead.logo_path":
        return f"Logo: {message}"
    if field == "shared_templates_dir":
        return f"Shared templates folder: {message}"
    if field == "timestamp_url":
        return f"Timestamp server: {message}"
    return message
