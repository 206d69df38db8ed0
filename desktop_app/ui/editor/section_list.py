"""The editor's list of sections ("Payer (2 errors)"): exactly as wide as its longest title."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QSizePolicy, QWidget


class SectionList(QListWidget):
    """A section list that asks for the width of its longest title plus icon, no more.

    The width only grows while one case is open, so fixing an error never shifts the form
    under the cursor; opening another case may shrink it again (`allow_shrink_once`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self._width = 0
        self._may_shrink = True

    def content_width(self) -> int:
        """The width every title needs: the widest item, frame and spacing."""
        widest = max(self.sizeHintForColumn(0), 0)  # -1 while empty
        return widest + 2 * self.frameWidth() + 2 * self.spacing() + 2

    def allow_shrink_once(self) -> None:
        """The next fit may make the list narrower (a new case was loaded)."""
        self._may_shrink = True

    def fit_to_contents(self) -> None:
        width = self.content_width()
        if width > self._width or (self._may_shrink and width != self._width):
            self._width = width
            self.updateGeometry()
        self._may_shrink = False

    def sizeHint(self) -> QSize:
        return QSize(self._width or self.content_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())
