"""Drop-down fields: a choice from a fixed list, or free text offered suggestions.

Separate from the typed inputs in widgets.py: a drop-down's width and its typing rules are
its own (typing "Medicare Part B" must pick that plan, spaces and all), and the same narrow
width is asked of the other drop-downs the editor builds (NDC products, the prescriber
directory picker).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from desktop_app.ui.editor.widgets import show_from_start

# Wide enough for most choices; the list that drops down still shows every word.
COMBO_MIN_CHARACTERS = 10


def narrow_combo(box: QComboBox) -> None:
    """Ask for room for COMBO_MIN_CHARACTERS, not for the longest choice: a long plan type
    would otherwise push the form's rows onto two lines. The form still widens the box."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(COMBO_MIN_CHARACTERS)


class ChoiceBox(QComboBox):
    """A choice from a fixed list shown in words; the first entry means "not chosen yet"."""

    edited = Signal()

    def __init__(self, options: list[tuple[object, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        narrow_combo(self)
        self.addItem("— choose —", None)
        for value, label in options:
            self.addItem(label, value)
        self.currentIndexChanged.connect(self.edited)
        self._typed = ""
        self._typed_at = 0.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing picks the choice that starts with what was typed, spaces included.

        Qt's own search stops at a space, which opens the list instead: typing "Medicare
        Part B" would leave the list open on "Medicare Part B" and send "Part B" nowhere.
        """
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if not (plain and text and text.isprintable()):
            super().keyPressEvent(event)
            return
        now = time.monotonic()
        if now - self._typed_at > QApplication.keyboardInputInterval() / 1000:
            self._typed = ""
        if text == " " and not self._typed:
            super().keyPressEvent(event)  # a space on its own still opens the list
            return
        self._typed += text
        self._typed_at = now
        wanted = self._typed.casefold()
        for index in range(self.count()):
            if self.itemText(index).casefold().startswith(wanted):
                self.setCurrentIndex(index)
                break
        event.accept()

    def value(self) -> object:
        return self.currentData()

    def set_value(self, value: object) -> None:
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))


class SuggestBox(QComboBox):
    """Free text with suggestions (route, sex, rating): any text typed is kept."""

    edited = Signal()

    def __init__(
        self, suggestions: tuple[str, ...] | list[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        narrow_combo(self)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.set_suggestions(suggestions)
        self.currentTextChanged.connect(self.edited)

    def set_suggestions(self, suggestions: tuple[str, ...] | list[str]) -> None:
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItems(list(suggestions))
        self.setEditText(text)
        self.blockSignals(False)

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, value: object) -> None:
        self.setEditText("" if value is None else str(value))
        line = self.lineEdit()
        if line is not None:
            show_from_start(line)
