"""Pieces every Settings tab builds its form from: a named line, a label with an Alt+letter.

Kept apart from the dialog so each tab (letterhead, prescribers, templates) can use them
without importing the dialog that holds the tabs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

# The logo and a prescriber's signature: the formats letters can print.
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg)"


def named_line(name: str, text: str = "") -> QLineEdit:
    """A line edit a screen reader announces by `name`."""
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def buddy_label(text: str, target: QWidget) -> QLabel:
    """A form label whose Alt+letter reaches `target` (a row holding a layout has no buddy)."""
    label = QLabel(text)
    label.setBuddy(target)
    return label
