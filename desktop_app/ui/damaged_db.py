"""The calm dialog shown when the case database cannot be used: damaged, emptied or missing.

The database is never replaced by an empty one. The dialog names the newest backup that
passes its checks and the command that restores it, and offers to restore it now.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

RESTORE = "Restore this backup"
QUIT = "Quit"


def damaged_database_text(problem: str, backup: Path | None) -> str:
    if backup is not None:
        way_out = (
            f"The newest good backup is:\n{backup}\n\nRestore it now, or later from a "
            f"terminal with:\npa-letter backup restore '{backup}'\n\nThe damaged file is "
            "kept among the backups, so nothing is deleted."
        )
    else:
        way_out = (
            "No good backup was found in the data folder. Ask whoever looks after this "
            "computer to restore the data folder from the computer's own backup."
        )
    return (
        "Your case database cannot be used. It looks damaged or missing, perhaps after a "
        "crash, a full disk or a copy that did not finish. Nothing has been written since.\n\n"
        f"{way_out}\n\nDetails: {problem}"
    )


def ask_damaged_database(problem: str, backup: Path | None = None,
                         parent: QWidget | None = None) -> bool:
    """True when the user chose to restore `backup`; False to quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("PA Letter Studio — case database cannot be used")
    box.setText(damaged_database_text(problem, backup))
    restore = box.addButton(RESTORE, QMessageBox.ButtonRole.AcceptRole) if backup else None
    quit_button = box.addButton(QUIT, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return restore is not None and box.clickedButton() is restore
