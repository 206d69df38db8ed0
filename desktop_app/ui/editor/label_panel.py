"""The drug's labeled indications beside the case's diagnosis, in the off-label section."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.ui.editor.reference import Reference
from desktop_app.ui.plain_text import plain_tooltip

STATUS_WORDS = {
    "meets": "✓ the case meets it",
    "open": "? open",
    "differs": "✗ differs",
    "other cancer": "another cancer",
}
NOTHING = "Pick a catalog drug on the Regimen page to see its labeled indications here."
UNKNOWN = ("The drug catalog has no entry for {name}, so its labeled uses cannot be shown: "
           "check the label on DailyMed by hand.")


class LabelPanel(QWidget):
    """What the label covers, closest first, and how this case meets each indication."""

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._shown: object = None
        self.overview: Any = None  # the LabelOverview shown, for the label check below it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = self._label(bold=True)
        self.diagnosis = self._label()
        self.verdict = self._label()
        self.rows = QListWidget(self)
        self.rows.setAccessibleName("Labeled indications")
        self.rows.setWordWrap(True)
        self.rows.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for widget in (self.heading, self.diagnosis, self.verdict, self.rows):
            layout.addWidget(widget)
        self.show_case(None)

    def _label(self, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # catalog and case text are data
        label.setWordWrap(True)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def show_case(self, case: Any) -> None:
        overview = self._reference.label_overview(case) if case is not None else None
        self.overview = overview
        name = getattr(getattr(case, "drug", None), "generic_name", "")
        name = name.strip() if isinstance(name, str) else ""
        key = repr((overview, name))
        if key == self._shown:
            return  # unchanged: keep the list's scroll position while staff type
        self._shown = key
        self.rows.clear()
        if overview is None:
            self.heading.setText("Labeled indications")
            self.diagnosis.setText("")
            self.verdict.setText(UNKNOWN.format(name=name) if name else NOTHING)
            self.rows.setVisible(False)
            return
        self.heading.setText(overview.heading)
        unverified = "" if overview.verified else " (not yet checked against the label)"
        self.diagnosis.setText(f"This case's diagnosis: {overview.diagnosis or 'not entered yet'}")
        self.verdict.setText(overview.verdict + unverified)
        for row in overview.rows:
            words = STATUS_WORDS.get(row.status, row.status)
            text = f"{row.text} — {words}" + (f": {row.detail}" if row.detail else "")
            item = QListWidgetItem(text, self.rows)
            item.setToolTip(plain_tooltip(text))
        # As tall as its rows, up to a few: the reasons and rationale below stay in view.
        rows = sum(self.rows.sizeHintForRow(r) for r in range(min(self.rows.count(), 6)))
        self.rows.setFixedHeight(rows + 2 * self.rows.frameWidth() + 4)
        self.rows.setVisible(True)
