"""Settings > Letterhead: the practice's name, address, phone, fax, email and logo.

Separate from the dialog because these are the fields printed at the top of every letter:
each has its own note on characters the PDF cannot print, and a finding about one opens
Settings at that field (`edits`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop_app.services.settings import PracticeLetterhead
from desktop_app.ui.settings_fields import IMAGE_FILTER, buddy_label, named_line
from desktop_app.ui.settings_notes import TextNotes


class LetterheadSettingsTab(QWidget):
    """Reads and writes `settings.letterhead`."""

    def __init__(self, head: PracticeLetterhead, notes: TextNotes,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.practice_name = named_line("Practice name", head.name)
        self.address = QPlainTextEdit(head.address)
        self.address.setAccessibleName("Practice address")
        self.address.setTabChangesFocus(True)
        self.phone = named_line("Practice phone", head.phone)
        self.fax = named_line("Practice fax", head.fax)
        self.email = named_line("Practice email", head.email)
        self.logo = named_line("Logo file", head.logo_path or "")
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose logo file")
        browse.clicked.connect(lambda: self._choose_image(self.logo))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        # Each field by its settings path's last part ("letterhead.fax" -> "fax").
        self.edits: dict[str, QWidget] = {
            "name": self.practice_name, "address": self.address, "phone": self.phone,
            "fax": self.fax, "email": self.email, "logo_path": self.logo,
        }
        for label, edit, field, words in (
            ("Practice &name:", self.practice_name, "name", "practice name"),
            ("&Address:", self.address, "address", "practice address"),
            ("P&hone:", self.phone, "phone", "practice phone"),
            ("&Fax:", self.fax, "fax", "practice fax"),
            ("&Email:", self.email, "email", "practice email"),
        ):
            form.addRow(label, edit)
            form.addRow(notes.label_for(f"letterhead.{field}", words))
        form.addRow(buddy_label("Lo&go (PNG or JPEG):", self.logo), logo_row)

    def letterhead(self) -> PracticeLetterhead:
        """The letterhead as typed (not yet validated)."""
        return PracticeLetterhead(
            name=self.practice_name.text().strip(),
            address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(),
            fax=self.fax.text().strip(),
            email=self.email.text().strip(),
            logo_path=self.logo.text().strip() or None,
        )

    def _choose_image(self, target: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Letterhead logo", "", IMAGE_FILTER)
        if path:
            target.setText(path)
