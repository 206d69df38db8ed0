"""Standing notes in the window's status bar about the folders the app works in.

Each stays while its problem lasts and goes when it is solved: the practice's shared templates
folder not reachable (letters fall back on the built-in wording), the data folder not this
user's alone (others could change the cases kept there).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QStatusBar

from desktop_app.errors import AppError
from desktop_app.ui.plain_text import plain_tooltip


class FolderNote:
    """One note: shown with its problem as the tooltip, hidden when there is none."""

    def __init__(self, bar: QStatusBar, text: str, name: str,
                 problem: Callable[[], str | None]) -> None:
        self._bar, self._text, self._name, self._problem = bar, text, name, problem
        self.label: QLabel | None = None  # made the first time there is a problem

    def refresh(self) -> None:
        try:
            problem = self._problem()
        except AppError:
            problem = None  # a damaged settings file is reported where settings are used
        if problem and self.label is None:
            self.label = QLabel(self._text)
            self.label.setAccessibleName(self._name)
            self._bar.addPermanentWidget(self.label)
        if self.label is not None:
            self.label.setToolTip(plain_tooltip(problem or ""))  # it names a folder
            self.label.setVisible(bool(problem))


def shared_templates_note(bar: QStatusBar) -> FolderNote:
    from desktop_app.services.template_folder import shared_folder_problem

    return FolderNote(bar, "⚠ Shared templates folder not reachable",
                      "Shared templates folder problem", shared_folder_problem)


def data_folder_note(bar: QStatusBar) -> FolderNote:
    from desktop_app.services.data_folder import data_folder_problem

    return FolderNote(bar, "⚠ Data folder not private", "Data folder problem",
                      data_folder_problem)
