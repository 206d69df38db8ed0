"""A side-by-side split that gives one pane the width it needs before the other gets more.

On a small screen (1024x700, or a laptop at 200 % scaling) the case list and the checks
panel kept their share while the case form between them was squeezed to a sliver: its
labels cut off and the form scrolled sideways under each field typed. The form is where
staff type, so the list and the panel give way to it first, down to a width that still
shows what they are for.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter


class RoomSplitter(QSplitter):
    """Two panes side by side; pane `taker` (0 or 1) is widened to `wanted()` whenever the
    split is resized, taking width from the other pane down to `floor()`."""

    def __init__(self, taker: int, wanted: Callable[[], int], floor: Callable[[], int]) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._taker = taker
        self._wanted = wanted
        self._floor = floor

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.make_room()

    def make_room(self) -> None:
        sizes = self.sizes()
        if len(sizes) != 2:
            return
        giver = 1 - self._taker
        short = self._wanted() - sizes[self._taker]
        spare = sizes[giver] - self._floor()
        moved = min(short, spare)
        if moved > 0:
            sizes[self._taker] += moved
            sizes[giver] -= moved
            self.setSizes(sizes)
