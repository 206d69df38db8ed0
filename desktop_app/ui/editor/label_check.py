"""Staff's check of an unverified drug catalog entry against the FDA label, in the off-label
section (the case's `off_label.label_check`).

Most catalog entries were read from partial copies of their labels, so until someone checks
one, the letter hedges every labeled fact it gives. Checking means opening the label on
DailyMed, comparing what the panel above lists with it, and recording who did it and when;
the check is tied to the label revision the catalog cites, so a newer label asks for a new
check (the checklist says so).

A check may also be confirmed once for the whole practice (every case with that drug and label
revision). A case without its own check is then offered the practice's, and "Use for this
case" copies it into the case as an edit that can be undone; opening a case never changes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.bounds import NAME_CHARS
from desktop_app.domain.case_treatment import LabelCheck
from desktop_app.ui.editor.label_check_dialog import LabelCheckDialog, revision_in_words
from desktop_app.ui.editor.reference import Reference


def _day(day: dt.date | None) -> str:
    return f"{day:%B} {day.day}, {day.year}" if day else "an unknown date"


class _SetCheck(QUndoCommand):
    """One change of the case's label check (recorded, used from the practice, removed)."""

    def __init__(self, field: LabelCheckField, before: LabelCheck | None,
                 after: LabelCheck | None, text: str) -> None:
        super().__init__(text)
        self._field, self._before, self._after = field, before, after

    def redo(self) -> None:
        self._field._put(self._after)

    def undo(self) -> None:
        self._field._put(self._before)


class LabelCheckField(QWidget):
    """The recorded check (or none) with buttons to record, open the label, and clear it; the
    practice's confirmation offered when the case has no check of its own."""

    edited = Signal()

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._check: LabelCheck | None = None
        self._overview: Any = None
        self._offer: Any = None  # the practice's confirmation for the cited revision
        self._offer_for: object = None  # the (drug, revision) it was looked up for
        self._notice = ""  # a practice-wide change that failed, said until the next action
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # names typed by staff are data
        self.status.setWordWrap(True)
        self.record = QPushButton("Record check…", self)
        self.record.setToolTip("After comparing the labeled uses, doses and routes above with "
                               "the label, record who checked them and when")
        self.open_label = QPushButton("Open label", self)
        self.open_label.setToolTip("The label on DailyMed, in your web browser")
        self.clear = QPushButton("Remove", self)
        self.clear.setToolTip("Remove the recorded check")
        self.use_practice = QPushButton("Use for this case", self)
        self.use_practice.setToolTip("Record the practice's confirmation of this label as this "
                                     "case's check (who confirmed it, and when)")
        self.remove_practice = QPushButton("Remove for the practice", self)
        self.remove_practice.setToolTip("Stop offering this confirmation to the practice's "
                                        "cases; cases that used it keep their check")
        self.undo = QPushButton("Undo", self)
        self.undo.setToolTip("Undo the last change to this case's label check (Ctrl+Z)")
        self.undo_stack = QUndoStack(self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.record, self.open_label, self.clear, self.use_practice,
                       self.remove_practice, self.undo):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setFocusProxy(self.record)
        self.record.clicked.connect(self.ask_and_record)
        self.open_label.clicked.connect(self._open_label)
        self.clear.clicked.connect(self.remove_check)
        self.use_practice.clicked.connect(self.use_practice_confirmation)
        self.remove_practice.clicked.connect(self.ask_and_remove_for_practice)
        self.undo.clicked.connect(self.undo_stack.undo)
        # The stack counts a change only after applying it, so its own signal shows Undo.
        self.undo_stack.indexChanged.connect(self._show_undo)
        shortcut = QShortcut(QKeySequence.StandardKey.Undo, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.undo_stack.undo)
        # The form shows or hides the whole row, its caption too (sections.off_label_form).
        self.row_wanted: Callable[[bool], None] = self.setVisible
        self.refresh()

    # --- the form's field protocol ---------------------------------------------------------
    def value(self) -> LabelCheck | None:
        return self._check

    def set_value(self, value: object) -> None:
        self._check = value if isinstance(value, LabelCheck) else None
        self.undo_stack.clear()  # another case, or the same one read again: nothing to undo
        self._notice = ""
        self._offer_for = None  # a case opened asks the practice again
        self.refresh()

    def _put(self, check: LabelCheck | None) -> None:
        """The undo stack's way in: set the check and tell the form, as typing does."""
        self._check = check
        self.refresh()
        self.edited.emit()

    def _change(self, after: LabelCheck | None, text: str) -> None:
        self._notice = ""
        self.undo_stack.push(_SetCheck(self, self._check, after, text))

    # --- what the panel above shows --------------------------------------------------------
    def show_label(self, overview: Any) -> None:
        """The label the catalog cites for the case's drug (LabelOverview), or None."""
        self._overview = overview
        # Called as staff type: the practice is asked only when the label shown changes.
        wanted = (self._drug(), self._label_revised(), getattr(overview, "verified", True))
        if wanted != self._offer_for:
            self._look_up_offer()
        self.refresh()

    def _drug(self) -> str:
        drug = getattr(self._overview, "drug", "")
        return drug if isinstance(drug, str) else ""

    def _look_up_offer(self) -> None:
        """The practice's confirmation for the revision the catalog cites (asked once per
        label shown, not as staff type); only an unverified entry with a cited revision asks."""
        revised, drug = self._label_revised(), self._drug()
        wanted = (self._overview is not None and not getattr(self._overview, "verified", True)
                  and revised is not None and bool(drug))
        self._offer = (self._reference.practice_label_confirmation(drug, revised)
                       if wanted else None)
        self._offer_for = (drug, revised, getattr(self._overview, "verified", True))

    def _label_revised(self) -> dt.date | None:
        revised = getattr(self._overview, "label_revised", None)
        return revised if isinstance(revised, dt.date) else None

    def refresh(self) -> None:
        overview = self._overview
        unverified = overview is not None and not getattr(overview, "verified", True)
        # Shown while the entry needs a check, and whenever the case records one, so a check
        # is never kept out of sight.
        self.row_wanted(unverified or self._check is not None)
        self.status.setText(self._words(unverified))
        self.record.setEnabled(unverified and self._label_revised() is not None)
        self.record.setText("New check…" if self._check is not None else "Record check…")
        self.open_label.setEnabled(bool(getattr(overview, "label_url", "")))
        self.clear.setEnabled(self._check is not None)
        offered = unverified and self._offer is not None
        self.use_practice.setVisible(offered and self._check is None)
        self.remove_practice.setVisible(offered)
        self._show_undo()
        if self._notice:
            self.status.setText(f"{self.status.text()} {self._notice}")

    def _show_undo(self, *_index: int) -> None:
        self.undo.setVisible(self.undo_stack.count() > 0)
        self.undo.setEnabled(self.undo_stack.canUndo())

    def _offer_words(self) -> str:
        offer = self._offer
        who = str(getattr(offer, "confirmed_by", "")).strip() or "Someone"
        on = getattr(offer, "confirmed_on", None)
        revised = getattr(offer, "label_revised", None)
        return (f"{who} confirmed these labeled uses, doses and routes for the whole practice "
                f"on {_day(on if isinstance(on, dt.date) else None)} against the label revised "
                f"{revision_in_words(revised if isinstance(revised, dt.date) else None)}. "
                "Use it for this case, and the letter states them as the label's.")

    def _words(self, unverified: bool) -> str:
        check = self._check
        cited = self._label_revised()
        if check is None and unverified and self._offer is not None:
            return self._offer_words()
        if check is None:
            return ("No one has checked these labeled uses, doses and routes against the "
                    "current label, so the letter gives them as the drug catalog lists them, "
                    "not yet confirmed. Check them against the label, then record it here.")
        who = check.checked_by.strip() or "Someone (no name given)"
        said = (f"{who} checked them on {_day(check.checked_on)} against the label revised "
                f"{revision_in_words(check.label_revised)}.")
        if not unverified:
            return said + " (The catalog entry has since been checked, so this is not needed.)"
        state = self._reference.label_check_state(check, cited)
        if state == "incomplete":
            return said + " The check needs a name and a date to count."
        if state != "current":
            return (said + " The catalog now cites the label revised "
                    f"{revision_in_words(cited)}: check again and record the new check.")
        return said + " The letter states them as the label's."

    # --- actions ------------------------------------------------------------------------------
    def ask_and_record(self) -> bool:
        """Ask who checked and when (this desk's person and today offered), then record it."""
        revised = self._label_revised()
        if revised is None:
            return False
        dialog = LabelCheckDialog(
            getattr(self._overview, "label_title", ""), revised, self._reference.your_name(),
            self, practice=bool(self._drug()),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        name, day = dialog.result_values()
        self._change(LabelCheck.model_construct(
            checked_by=name, checked_on=day, label_revised=revised), "Record the label check")
        if dialog.for_practice():
            # The case keeps its check whatever happens here; a failure is said, not hidden.
            problem = self._reference.confirm_label_for_practice(self._drug(), revised, name, day)
            if problem:
                self._notice = ("It was not kept for the whole practice: "
                                f"{problem}.")
            self._look_up_offer()
            self.refresh()
        return True

    def remove_check(self) -> None:
        if self._check is None:
            return
        self._change(None, "Remove the label check")

    def use_practice_confirmation(self) -> bool:
        """Copy the practice's confirmation into this case's label check (undoable)."""
        offer, revised = self._offer, self._label_revised()
        on = getattr(offer, "confirmed_on", None)
        by = str(getattr(offer, "confirmed_by", "")).strip()
        if offer is None or self._check is not None or revised is None or not by \
                or not isinstance(on, dt.date):
            return False
        self._change(LabelCheck.model_construct(
            checked_by=by[:NAME_CHARS], checked_on=on, label_revised=revised),
            "Use the practice's label confirmation")
        return True

    def ask_and_remove_for_practice(self) -> bool:
        """Remove the practice's confirmation after asking (audited); cases keep their checks."""
        revised = self._label_revised()
        if self._offer is None or revised is None:
            return False
        asked = QMessageBox.question(
            self, "Remove the practice's confirmation",
            "Stop offering this label confirmation to the practice's cases? Cases that already "
            "use it keep their check.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if asked != QMessageBox.StandardButton.Yes:
            return False
        problem = self._reference.remove_practice_label_confirmation(self._drug(), revised)
        self._notice = (f"The practice's confirmation could not be removed: {problem}."
                        if problem else "")
        self._look_up_offer()
        self.refresh()
        return not problem

    def _open_label(self) -> None:
        url = getattr(self._overview, "label_url", "")
        if url.startswith("https://"):  # catalog data: only a web address is opened
            QDesktopServices.openUrl(QUrl(url))
