"""The one denial dialog, reached from the front desk's Mark denied and from Appeals' Read
denial letter…: the payer's letter (pasted, dropped or opened; the app proposes its values)
or the values typed from it, then the values to confirm. Staff learn one dialog.

Only the buttons differ by where it was opened: Mark denied offers Start the appeal and Mark
denied only; Read denial letter… saves the confirmed denial into the open case. Mark denied
opens on the values (the letter may not be at hand), Read denial letter… on the letter.

`ask_denial` and `ask_second_appeal` are the questions the case page asks, module-level so a
scripted session (tests/ui/soak.py) can answer them as staff would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services.denial_intake import (
    ConfirmedDenial,
    DenialLetter,
    propose_from_text,
    read_denial_file,
)
from desktop_app.ui.denial_confirm import DenialConfirmForm
from desktop_app.ui.denial_paste import LetterPage, local_file, plain_label
from desktop_app.ui.status import status_label
from desktop_app.ui.workers import start_task

# Medicare's first appeal level has its own name; other plans start with an internal appeal.
FIRST_LEVEL = {"medicare_part_b": "redetermination", "medicare_part_d": "redetermination"}
INTRO = (
    "Paste the denial letter's text below, or drop the PDF the payer sent onto this window "
    "(or choose Open file…). Then choose Read the letter, or Type it in instead to enter the "
    "values yourself."
)
LETTER_STEP, VALUES_STEP = 0, 1
Purpose = Literal["mark", "read"]


class DenialDialog(QDialog):
    """`choice` is "appeal" or "only" (Mark denied), "save" (Read denial letter…) or ""
    (cancelled); `confirmed` holds the denial once accepted (None for Mark denied only when
    values read from a letter were left unconfirmed)."""

    def __init__(self, purpose: Purpose = "read", plan_type: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purpose = purpose
        self.setWindowTitle("Mark denied" if purpose == "mark" else "Read denial letter")
        self.setAcceptDrops(True)
        self.choice = ""
        self.confirmed: ConfirmedDenial | None = None
        self.letter_read: DenialLetter | None = None
        self.default_level = FIRST_LEVEL.get(plan_type or "", "first") if purpose == "mark" \
            else None
        self.steps = QStackedWidget()
        self.steps.addWidget(self._letter_page())
        self.form = DenialConfirmForm()
        self.form.show_letter(None, self.default_level)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.steps.addWidget(scroll)
        self.problem = plain_label("Problem with the denial")
        self.problem.setStyleSheet("color: #9b1c1c;")
        self.waiting = plain_label()
        self._reading = 0  # the file being read, counted: a result for an older one is dropped
        self._buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.waiting)
        layout.addWidget(self.buttons)
        self.form.changed.connect(self._update_buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(60 * em, 44 * em)
        self._step(VALUES_STEP if purpose == "mark" else LETTER_STEP)

    def _letter_page(self) -> QWidget:
        self.letter_page = page = LetterPage(INTRO)
        self.intro, self.paste, self.reading = page.intro, page.paste, page.reading
        self.open_button, self.read_button = page.open_button, page.read_button
        self.type_button = page.type_button
        self.paste.file_dropped.connect(self.read_file)
        self.open_button.clicked.connect(self.choose_file)
        self.read_button.clicked.connect(self.read_pasted)
        self.type_button.clicked.connect(lambda: self._step(VALUES_STEP))
        return page

    def _buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back = self.buttons.addButton("Paste or open the &letter…",
                                           QDialogButtonBox.ButtonRole.ResetRole)
        self.back.clicked.connect(lambda: self._step(LETTER_STEP))
        self.accept_buttons: list[QPushButton] = []
        self.only_button: QPushButton | None = None
        if self.purpose == "mark":
            self.appeal_button = self.buttons.addButton(
                "Start the &appeal", QDialogButtonBox.ButtonRole.AcceptRole)
            self.appeal_button.clicked.connect(lambda: self._finish("appeal"))
            self.only_button = self.buttons.addButton(
                "Mark denied &only", QDialogButtonBox.ButtonRole.ActionRole)
            self.only_button.clicked.connect(lambda: self._finish("only"))
            self.accept_buttons.append(self.appeal_button)
        else:
            self.save = self.buttons.addButton("&Save confirmed denial",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
            self.save.clicked.connect(lambda: self._finish("save"))
            self.accept_buttons.append(self.save)
        self.buttons.rejected.connect(self.reject)

    # The values' widgets, by the names staff see on the form.
    @property
    def date(self) -> Any:
        return self.form.date.widget

    @property
    def reference(self) -> Any:
        return self.form.reference.widget

    @property
    def level(self) -> Any:
        return self.form.level.widget

    @property
    def reasons(self) -> Any:
        return self.form.reasons

    @property
    def letter(self) -> Any:
        """The denial letter file to attach, when no letter was read."""
        return self.form.letter_file

    # -- the letter ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = local_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.read_file(path)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Open the denial letter", "", "Denial letters (*.pdf *.txt);;All files (*)"
        )
        if name:
            self.read_file(Path(name))

    def read_file(self, path: object) -> None:
        """Read a dropped or opened letter off the GUI thread; its values show when read."""
        if self.is_reading():
            self._say("Still reading the last letter: wait for it, or cancel.")
            return
        self._reading += 1
        serial = self._reading
        chosen = Path(str(path))
        if self.steps.currentIndex() != LETTER_STEP:
            self._step(LETTER_STEP)  # dropped on the values: the reading shows on the letter
        self._set_reading(True)
        start_task(lambda: read_denial_file(chosen),
                   lambda letter: self._file_read(serial, letter),
                   lambda exc: self._file_failed(serial, exc), owner=self)

    def is_reading(self) -> bool:
        """Whether a letter file is being read now."""
        return self.reading.isVisibleTo(self)

    def _file_read(self, serial: int, letter: DenialLetter) -> None:
        if serial != self._reading:
            return  # the dialog was closed while it read: nothing is shown or kept
        self._set_reading(False)
        self.paste.setPlainText(letter.text)
        self._show(letter)

    def _file_failed(self, serial: int, exc: BaseException) -> None:
        if serial != self._reading:
            return
        self._set_reading(False)
        if not isinstance(exc, AppError):
            raise exc  # unexpected: the crash handler saves the work and reports it
        self._say(f"The letter could not be read: {exc}")

    def _set_reading(self, reading: bool) -> None:
        self.problem.clear()
        self.problem.hide()
        self.letter_page.set_reading(reading)

    def done(self, result: int) -> None:
        self._reading += 1  # closed (saved or cancelled): a letter still being read is dropped
        self.reading.hide()
        super().done(result)

    def read_pasted(self) -> None:
        # Pasted text is read here, on the GUI thread: its length is bounded (the letter's
        # limit), and the longest takes under half a second.
        text = self.paste.toPlainText()
        if not text.strip():
            self._say("Paste the letter's text first, or open its PDF.")
            return
        try:
            letter = propose_from_text(text)
        except AppError as exc:
            self._say(f"The letter could not be read: {exc}")
            return
        self._show(letter)

    def _show(self, letter: DenialLetter) -> None:
        self.letter_read = letter
        self.form.show_letter(letter, self.default_level)
        self._step(VALUES_STEP)

    # -- the values ---------------------------------------------------------------------------
    def _step(self, index: int) -> None:
        self.problem.clear()
        self.problem.hide()
        self.steps.setCurrentIndex(index)
        self.back.setVisible(index == VALUES_STEP)
        for button in self.accept_buttons:
            button.setVisible(index == VALUES_STEP)
            button.setDefault(index == VALUES_STEP)
        self.read_button.setDefault(index == LETTER_STEP)
        self._update_buttons()
        if index == LETTER_STEP:
            self.paste.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.date.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self) -> None:
        on_values = self.steps.currentIndex() == VALUES_STEP
        waiting = self.form.unconfirmed() if on_values else []
        for button in self.accept_buttons:
            button.setEnabled(on_values and not waiting)
        self.waiting.setText("Still to confirm: " + ", ".join(waiting) + "." if waiting else "")

    def _finish(self, choice: str) -> None:
        if choice != "only":
            if self.date.has_bad_input():
                self._say("The denial date is not a date: type it as MM/DD/YYYY.")
                return
            confirmed = self.form.confirmed()
            if confirmed is None:
                self._update_buttons()
                return
            problems = confirmed.problems()
            if problems:
                self._say(f"Please fix: {problems[0]}.")
                return
        self.confirmed = self.form.confirmed()
        self.choice = choice
        self.accept()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def ask_denial(parent: QWidget, plan_type: str | None) -> tuple[str, ConfirmedDenial | None]:
    """Mark denied: ("appeal" or "only", the denial), or ("", None) when staff cancel."""
    dialog = DenialDialog("mark", plan_type, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.choice:
        return "", None
    return dialog.choice, dialog.confirmed


def read_denial_letter(parent: QWidget) -> ConfirmedDenial | None:
    """Read denial letter…: the ConfirmedDenial, or None if staff cancelled."""
    dialog = DenialDialog("read", parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.confirmed


def ask_second_appeal(parent: QWidget, existing: Any) -> str:
    """ "open" the appeal already started (the default), start a "second", or "cancel"."""
    box = QMessageBox(parent)
    box.setWindowTitle("PA Letter Studio")
    box.setText(f"This denial already has an appeal ({status_label(existing.status)}, "
                f"last changed {existing.updated_at.astimezone():%Y-%m-%d}).")
    box.setInformativeText("Open it, or start a second appeal of the same denial?")
    open_button = box.addButton("Open the appeal", QMessageBox.ButtonRole.AcceptRole)
    second = box.addButton("Start a second appeal", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(open_button)
    box.exec()
    clicked = box.clickedButton()
    return "open" if clicked is open_button else "second" if clicked is second else "cancel"
