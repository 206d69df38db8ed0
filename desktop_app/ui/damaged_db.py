"""The calm dialog shown when the case database cannot be opened because it is damaged."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

START_FRESH = "Move the damaged file aside and start fresh"
QUIT = "Quit"


def damaged_database_text(problem: str) -> str:
    return (
        "Your case database could not be opened. It looks damaged, perhaps by a crash, "
        "a full disk or a copy that did not finish.\n\n"
        "Nothing will be deleted. If you start fresh, the damaged file is moved aside with the "
        "date in its name, so it can still be restored from a backup or examined later.\n\n"
        f"Details: {problem}"
    )


def ask_damaged_database(problem: str, parent: QWidget | None = None) -> bool:
    """True when the user chose to move the damaged file aside; False to quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("PA Letter Studio — case database damaged")
    box.setText(damaged_database_text(problem))
    fresh = box.addButton(START_FRESH, QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(QUIT, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is fresh
