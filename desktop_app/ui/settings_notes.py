"""Notes beside the Settings fields that print on letters, shown as the admin types.

A character Settings will refuse (a control character, a direction override) and one the PDF
prints as a box are said on the field itself, before Save, in the words
services.practice_text gives (characters named by their code, never shown).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.services.practice_text import field_notes
from desktop_app.services.settings import PracticeSettings

PRESCRIBERS = "prescribers"  # one note under the directory table for every row


class TextNotes:
    """One hidden label per field (or for the whole directory), filled by `update`."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def label_for(self, field: str, words: str) -> QLabel:
        label = QLabel(wordWrap=True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the practice's text, never markup
        label.setAccessibleName(f"Note on {words}")
        label.setStyleSheet("color: #8a4b00;")
        label.hide()
        self.labels[field] = label
        return label

    def update(self, settings: PracticeSettings) -> None:
        notes = field_notes(settings)
        directory = [m for f, messages in notes.items() if f.startswith(PRESCRIBERS + ".")
                     for m in messages]
        for field, label in self.labels.items():
            lines = directory if field == PRESCRIBERS else notes.get(field, [])
            label.setText("\n".join(f"⚠ {line}" for line in lines))
            label.setVisible(bool(lines))

    def text(self, field: str) -> str:
        """What the note on `field` says now ("" when it is hidden)."""
        label = self.labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
