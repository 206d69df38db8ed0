"""Staff's check of an unverified drug catalog entry against the FDA label, in the off-label
section (the case's `off_label.label_check`).

Most catalog entries were read from partial copies of their labels, so until someone checks
one, the letter hedges every labeled fact it gives. Checking means opening the label on
DailyMed, comparing what the panel above lists with it, and recording who did it and when;
the check is tied to the label revision the catalog cites, so a newer label asks for a new
check (the checklist says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case import NAME_CHARS, LabelCheck
from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.reference import Reference


def _day(day: dt.date | None) -> str:
    return f"{day:%B} {day.day}, {day.year}" if day else "an unknown date"


def _month(day: dt.date | None) -> str:
    return f"{day:%B %Y}" if day else "an unknown revision"


class LabelCheckField(QWidget):
    """The recorded check (or none) with buttons to record, open the label, and clear it."""

    edited = Signal()

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._check: LabelCheck | None = None
        self._overview: Any = None
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
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.record, self.open_label, self.clear):
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
        # The form shows or hides the whole row, its caption too (sections.off_label_form).
        self.row_wanted: Callable[[bool], None] = self.setVisible
        self.refresh()

    # --- the form's field protocol ---------------------------------------------------------
    def value(self) -> LabelCheck | None:
        return self._check

    def set_value(self, value: object) -> None:
        self._check = value if isinstance(value, LabelCheck) else None
        self.refresh()

    # --- what the panel above shows --------------------------------------------------------
    def show_label(self, overview: Any) -> None:
        """The label the catalog cites for the case's drug (LabelOverview), or None."""
        self._overview = overview
        self.refresh()

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

    def _words(self, unverified: bool) -> str:
        check = self._check
        cited = self._label_revised()
        if check is None:
            return ("No one has checked these labeled uses, doses and routes against the "
                    "current label, so the letter gives them as the drug catalog lists them, "
                    "not yet confirmed. Check them against the label, then record it here.")
        who = check.checked_by.strip() or "Someone (no name given)"
        said = (f"{who} checked them on {_day(check.checked_on)} against the label revised "
                f"{_month(check.label_revised)}.")
        if not unverified:
            return said + " (The catalog entry has since been checked, so this is not needed.)"
        state = self._reference.label_check_state(check, cited)
        if state == "incomplete":
            return said + " The check needs a name and a date to count."
        if state != "current":
            return (said + f" The catalog now cites the label revised {_month(cited)}: check "
                    "again and record the new check.")
        return said + " The letter states them as the label's."

    # --- actions ------------------------------------------------------------------------------
    def ask_and_record(self) -> bool:
        """Ask who checked and when (this desk's person and today offered), then record it."""
        revised = self._label_revised()
        if revised is None:
            return False
        dialog = LabelCheckDialog(
            getattr(self._overview, "label_title", ""), revised, self._reference.your_name(),
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        name, day = dialog.result_values()
        self._check = LabelCheck.model_construct(
            checked_by=name, checked_on=day, label_revised=revised)
        self.refresh()
        self.edited.emit()
        return True

    def remove_check(self) -> None:
        if self._check is None:
            return
        self._check = None
        self.refresh()
        self.edited.emit()

    def _open_label(self) -> None:
        url = getattr(self._overview, "label_url", "")
        if url.startswith("https://"):  # catalog data: only a web address is opened
            QDesktopServices.openUrl(QUrl(url))


class LabelCheckDialog(QDialog):
    """Who checked the catalog's label facts, and when; the label is named, not editable."""

    def __init__(self, title: str, revised: dt.date, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record the label check")
        what = QLabel(
            f"I compared the labeled uses, doses and routes shown for this drug with its FDA "
            f"label, {title} (revised {_month(revised)}), and they match it.", self)
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setWordWrap(True)
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(NAME_CHARS)
        self.name.setAccessibleName("Checked by")
        self.day = DateField(self)
        self.day.set_value(dt.date.today())
        self.day.line.setAccessibleName("Checked on")
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #a00;")
        form = QFormLayout()
        form.addRow("Checked &by:", self.name)
        form.addRow("Checked &on:", self.day)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def accept(self) -> None:
        name = self.name.text().strip()
        day = self.day.value()
        if not name:
            self.problem.setText("Type the name of the person who checked the label.")
            self.name.setFocus()
            return
        if day is None:
            self.problem.setText("Type the date of the check, e.g. 2026-12-02.")
            self.day.setFocus()
            return
        if day > dt.date.today():
            self.problem.setText("The date of the check cannot be in the future.")
            self.day.setFocus()
            return
        super().accept()

    def result_values(self) -> tuple[str, dt.date]:
        day = self.day.value()
        return self.name.text().strip(), day if day is not None else dt.date.today()
