"""The second desk's save: which fields the other desk changed, both values, and who wins each.

A table lists every field that differs, its section, the value the other desk saved and the
value typed here. Fields only one desk changed are merged without asking; for a field both
changed, the person picks "mine" or "theirs" on its row. Keep mine, Take theirs, or Merge
field by field; whatever a choice leaves out of the case is kept in a private file first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.edit_conflicts import FieldChange, field_changes, shown_value
from desktop_app.ui.editor.labels import SECTION_TITLES

WHO_CHANGED = {
    "mine": "You (kept)",
    "theirs": "Other desk (taken)",
    "both": "Both: choose",
}
KEEP_MINE, TAKE_THEIRS, MERGE = "keep_mine", "take_theirs", "merge"


def field_label(change: FieldChange) -> str:
    """"Regimen › route", "Evidence › 2 › title": section words, then the field as stored."""
    parts = [SECTION_TITLES.get(change.section, change.section)]
    for part in change.path[1:]:
        parts.append(str(part + 1) if isinstance(part, int) else str(part).replace("_", " "))
    return " › ".join(parts)


class ConflictDialog(QDialog):
    """Modal; after exec(), `outcome` is keep_mine, take_theirs or merge and `choices` the
    per-field picks (dotted path -> "mine" | "theirs") for the fields both desks changed."""

    def __init__(self, base: Any, mine: Any, theirs: Any, other_user: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This case was changed at another desk")
        self.setObjectName("conflictDialog")
        self.changes = field_changes(base, mine, theirs)
        self.outcome = ""
        self.groups: dict[str, QButtonGroup] = {}
        who = f" ({other_user})" if other_user else ""
        intro = QLabel(
            f"Someone at another desk{who} saved this case while you were editing it. "
            "Fields only one of you changed are combined. Where you both changed a field, "
            "choose whose text to keep on its row, then Merge. Nothing you typed is thrown "
            "away: a version the merge leaves out is kept in a file on this computer.",
            wordWrap=True,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # the other desk's user name is data
        self.table = self._table()
        self.summary = QLabel(wordWrap=True)
        self._update_summary()
        buttons = QDialogButtonBox()
        self.merge_button = self._button(buttons, "&Merge field by field", MERGE)
        self.mine_button = self._button(buttons, "&Keep mine", KEEP_MINE)
        self.theirs_button = self._button(buttons, "&Take theirs", TAKE_THEIRS)
        self.merge_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def _button(self, box: QDialogButtonBox, text: str, outcome: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._finish(outcome))
        return button

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.changes), 5)
        table.setObjectName("conflictTable")
        table.setHorizontalHeaderLabels(
            ["Field", "Other desk saved", "You typed", "Changed by", "Keep"]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for row, change in enumerate(self.changes):
            # Plain QTableWidgetItems: whatever was typed shows as text, never as markup.
            table.setItem(row, 0, QTableWidgetItem(field_label(change)))
            table.setItem(row, 1, QTableWidgetItem(shown_value(change.theirs)))
            table.setItem(row, 2, QTableWidgetItem(shown_value(change.mine)))
            table.setItem(row, 3, QTableWidgetItem(WHO_CHANGED[change.changed_by]))
            if change.changed_by == "both":
                table.setCellWidget(row, 4, self._choice(change))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(0, 200)
        table.setColumnWidth(3, 140)
        table.resizeColumnToContents(4)  # both radio buttons, "Mine" and "Theirs", in full
        table.resizeRowsToContents()
        return table

    def _choice(self, change: FieldChange) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(4, 0, 4, 0)
        group = QButtonGroup(holder)
        for label, value in (("Mine", "mine"), ("Theirs", "theirs")):
            radio = QRadioButton(label)
            radio.setProperty("choice", value)
            radio.setAccessibleName(f"{label} for {field_label(change)}")
            group.addButton(radio)
            row.addWidget(radio)
            if value == "mine":
                radio.setChecked(True)  # the default never silently drops what was typed here
        group.buttonToggled.connect(lambda *_: self._update_summary())
        self.groups[change.dotted] = group
        return holder

    @property
    def choices(self) -> dict[str, str]:
        picked: dict[str, str] = {}
        for dotted, group in self.groups.items():
            button = group.checkedButton()
            picked[dotted] = str(button.property("choice")) if button else "mine"
        return picked

    def choose(self, dotted: str, value: str) -> None:
        """Pick mine or theirs for one field (what clicking its radio button does)."""
        for button in self.groups[dotted].buttons():
            if button.property("choice") == value:
                button.setChecked(True)

    def _update_summary(self) -> None:
        both = sum(1 for c in self.changes if c.changed_by == "both")
        theirs = sum(1 for c in self.changes if c.changed_by == "theirs")
        mine = sum(1 for c in self.changes if c.changed_by == "mine")
        taken = sum(1 for v in self.choices.values() if v == "theirs")
        self.summary.setText(
            f"{theirs} field(s) changed only at the other desk, {mine} only here, "
            f"{both} by both ({taken} of those set to theirs)."
        )

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.accept()
