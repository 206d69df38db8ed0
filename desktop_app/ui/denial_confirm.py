"""The denial's values, as read from the payer's letter or typed from it: each proposed value
beside the line it came from, with a box staff tick once they have checked it against the
letter; a value with no proposal is simply typed.

Correcting a value counts as confirming it. The form gives a ConfirmedDenial only when every
proposed value is confirmed, so nothing is saved as the app guessed it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_terms import PLAN_TYPE_LABELS
from desktop_app.services.denial_intake import ConfirmedDenial, DenialLetter, DenialProposal
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.dropdowns import ChoiceBox
from desktop_app.ui.editor.lists import PathField
from desktop_app.ui.editor.reasons import ReasonsField
from desktop_app.ui.editor.widgets import ListLine, TextLine


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ConfirmRow(QWidget):
    """One value: the input, where it was found, and the Confirmed box."""

    changed = Signal()

    def __init__(self, name: str, widget: Any, proposed: Any, parent: QWidget,
                 reading: bool = True) -> None:
        super().__init__(parent)
        self.name = name
        self.widget = widget
        self.proposed = proposed  # a Proposed (value, found_in) or None
        self.confirmed = QCheckBox("Confirmed", self)
        self.confirmed.setAccessibleName(f"{name} confirmed")
        found = (f"Read from: “{proposed.found_in}”" if proposed is not None
                 else "Not found in the letter: type it if the letter gives it.")
        self.found = _plain(found, self)
        self.found.setProperty("role", "hint")
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(widget, 1)
        line.addWidget(self.confirmed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(line)
        layout.addWidget(self.found)
        if proposed is not None:
            widget.set_value(proposed.value)
        # Typed with no letter read, there is nothing to check a value against.
        self.confirmed.setVisible(reading)
        self.found.setVisible(reading)
        # A value staff type or correct is theirs: it counts as confirmed.
        widget.edited.connect(lambda: self.confirmed.setChecked(True))
        self.confirmed.toggled.connect(self.changed)

    def needs_confirming(self) -> bool:
        return self.proposed is not None and not self.confirmed.isChecked()


class DenialConfirmForm(QWidget):
    """The proposals of one denial letter, for staff to confirm or correct."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter: DenialLetter | None = None
        self.rows: list[ConfirmRow] = []
        self.notes = _plain("", self)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes)
        layout.addLayout(self.form)

    def show_letter(self, letter: DenialLetter | None, default_level: str | None = None) -> None:
        """The values read from `letter` to confirm, or (None) empty ones to type; the appeal
        level starts at `default_level` when the letter does not say it."""
        self.letter = letter
        while self.form.rowCount():
            self.form.removeRow(0)
        self.rows = []
        proposal = letter.proposal if letter is not None else DenialProposal()
        notes = list(proposal.notes)
        if letter is None:
            notes = ["Type the values from the payer's denial letter. The appeal starts with "
                     "these filled in and the letter attached."]
        self.notes.setText(" ".join(notes) if notes else
                           "Check each value against the letter and tick Confirmed, or "
                           "correct it. Nothing is saved until every value is confirmed.")
        self.date = self._row("Denial date", DateField(), proposal.denial_date)
        self.reference = self._row("Claim or authorization number", TextLine(),
                                   proposal.reference_number)
        self.plan_name = self._row("Plan", TextLine(), proposal.plan_name)
        plan_types = [(v, label) for v, label in PLAN_TYPE_LABELS.items()]
        self.plan_type = self._row("Plan type", ChoiceBox(plan_types), proposal.plan_type)
        self.level = self._row("Appeal level", ChoiceBox(list(L.APPEAL_LEVEL_CHOICES)),
                               proposal.level)
        if proposal.level is None and default_level:
            self.level.widget.set_value(default_level)
        self.deadline = self._row("Appeal by (as the letter states)", DateField(),
                                  proposal.stated_deadline)
        criteria = _Proposal(list(proposal.criteria), "; ".join(proposal.criteria)) \
            if proposal.criteria else None
        self.criteria = self._row("Criteria cited", ListLine(), criteria)
        self.reasons = ReasonsField()
        reasons = [_Reason(r.category, r.text) for r in proposal.reasons]
        found = _Proposal(reasons, f"{len(reasons)} reason(s) in the letter") if reasons else None
        self.reasons_row = self._row("Stated reasons", self.reasons, found)
        # A letter read is kept as a copy; without one, staff may name the file to attach.
        self.letter_file = PathField()
        self.letter_file.line.setAccessibleName("Denial letter file")
        if letter is None:
            caption = _plain("Denial letter file:", self)
            caption.setBuddy(self.letter_file.line)
            self.form.addRow(caption, self.letter_file)
        else:
            self.form.addRow(_plain("Denial letter:", self), _plain(
                "The letter read is kept with the case as an attachment.", self))
        self.changed.emit()

    def _row(self, caption: str, widget: Any, proposed: Any) -> ConfirmRow:
        widget.setAccessibleName(caption)
        row = ConfirmRow(caption, widget, proposed, self, reading=self.letter is not None)
        row.changed.connect(self.changed)
        label = _plain(caption + ":", self)
        label.setBuddy(widget)
        self.form.addRow(label, row)
        self.rows.append(row)
        return row

    def unconfirmed(self) -> list[str]:
        return [row.name for row in self.rows if row.needs_confirming()]

    def confirmed(self) -> ConfirmedDenial | None:
        """The values as confirmed; None while any proposed value is unconfirmed."""
        if not self.rows or self.unconfirmed():
            return None
        level = self.level.widget.value()
        plan_type = self.plan_type.widget.value()
        reasons = tuple(
            (str(r.category or ""), r.text)  # "": the payer's words decide the category
            for r in self.reasons.value() or []
            if r.text.strip()
        )
        return ConfirmedDenial(
            date=self.date.widget.value(),
            reference_number=self.reference.widget.value(),
            level=level if isinstance(level, str) else None,
            reasons=reasons,
            criteria_cited=tuple(self.criteria.widget.value()),
            stated_deadline=self.deadline.widget.value(),
            plan_name=self.plan_name.widget.value(),
            plan_type=plan_type if isinstance(plan_type, str) else None,
            letter=self.letter,
            letter_path=str(self.letter_file.value() or "") if self.letter is None else "",
        )


class _Proposal:
    """A proposal for a list field (criteria, reasons), shaped like a single value's."""

    def __init__(self, value: object, found_in: str) -> None:
        self.value = value
        self.found_in = found_in


class _Reason:
    """A proposed reason, shaped as the reasons field reads it."""

    def __init__(self, category: str, text: str) -> None:
        self.category = category
        self.text = text
        self.response = None
