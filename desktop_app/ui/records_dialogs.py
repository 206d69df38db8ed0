"""Log a call… and Record approval…: the records staff keep after a letter goes out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case import Case
from desktop_app.domain.case_records import Approval, CallLogEntry
from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.widgets import TextBox, TextLine


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CallDialog(QDialog):
    """Note one call with the payer. Earlier calls are listed above, as they were noted."""

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Log a call with the payer")
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setDisplayFormat("MM/dd/yyyy h:mm AP")
        self.when.setCalendarPopup(True)
        self.who = TextLine()
        self.who.setPlaceholderText("e.g. Dana R., provider services")
        self.reference = TextLine()
        self.summary = TextBox(lines=5)
        self.summary.setPlaceholderText("What was said, as close to their words as you can")
        self.staff = TextLine()
        form = QFormLayout()
        for caption, widget in (("Date and time:", self.when), ("Spoke with:", self.who),
                                ("Call reference number:", self.reference),
                                ("What was said:", self.summary), ("Call made by:", self.staff)):
            label = _plain(caption)
            label.setBuddy(widget)
            widget.setAccessibleName(caption.rstrip(":"))
            form.addRow(label, widget)
        self.earlier = QListWidget()
        self.earlier.setAccessibleName("Calls already logged")
        for call in case.call_log or []:
            when = call.at.strftime("%m/%d/%Y %I:%M %p") if call.at else ""
            self.earlier.addItem(f"{when} — {call.who}: {call.summary}")
        self.buttons = _buttons(self, "Log the call")
        self.problem = _plain("")
        layout = QVBoxLayout(self)
        if case.call_log:
            layout.addWidget(_plain("Calls already logged (they stay as noted):"))
            layout.addWidget(self.earlier)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.who.setFocus(Qt.FocusReason.OtherFocusReason)

    def call(self) -> CallLogEntry:
        when = self.when.dateTime().toPython()
        at = when if isinstance(when, dt.datetime) else dt.datetime.now()
        return CallLogEntry(
            at=at.replace(second=0, microsecond=0),
            who=self.who.value(),
            reference_number=self.reference.value() or None,
            summary=str(self.summary.value()),
            staff=self.staff.value() or None,
        )

    def accept(self) -> None:
        call = self.call()
        if not call.who or not call.summary:
            self.problem.setText("Say whom you spoke with and what was said.")
            return
        super().accept()


class ApprovalDialog(QDialog):
    """The payer's approval: authorization number, approved units and the period."""

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record the approval")
        approval = case.approval or Approval()
        self.number = TextLine()
        self.number.set_value(approval.authorization_number)
        self.units = TextLine()
        self.units.setPlaceholderText("as the approval states them, e.g. 16 units of J9271")
        self.units.set_value(approval.approved_units)
        self.start = DateField()
        self.start.set_value(approval.start)
        self.end = DateField()
        self.end.set_value(approval.end)
        self.approved_on = DateField()
        self.approved_on.set_value(approval.approved_on or dt.date.today())
        form = QFormLayout()
        for caption, widget in (("Authorization number:", self.number),
                                ("Approved units:", self.units), ("Approved from:", self.start),
                                ("Approved through:", self.end),
                                ("Date of the approval:", self.approved_on)):
            label = _plain(caption)
            label.setBuddy(widget)
            widget.setAccessibleName(caption.rstrip(":"))
            form.addRow(label, widget)
        self.problem = _plain("")
        layout = QVBoxLayout(self)
        layout.addWidget(_plain("The app reminds you 30 days before the period ends, so the "
                                "renewal goes in on time."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Record the approval"))

    def approval(self) -> Approval:
        return Approval(
            authorization_number=self.number.value(),
            approved_units=self.units.value() or None,
            start=self.start.value(),
            end=self.end.value(),
            approved_on=self.approved_on.value(),
        )

    def accept(self) -> None:
        approval = self.approval()
        if not approval.authorization_number or approval.start is None or approval.end is None:
            self.problem.setText("Enter the authorization number and the approved period.")
            return
        if approval.end < approval.start:
            self.problem.setText("The period ends before it starts: check the dates.")
            return
        super().accept()


def ask_for_call(case: Case, parent: QWidget) -> Any:
    dialog = CallDialog(case, parent)
    return dialog.call() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_for_approval(case: Case, parent: QWidget) -> Any:
    dialog = ApprovalDialog(case, parent)
    return dialog.approval() if dialog.exec() == QDialog.DialogCode.Accepted else None
