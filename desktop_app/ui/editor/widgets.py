"""Input widgets for case fields: each has value() / set_value() and an `edited` signal."""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

_LIST_SPLIT = re.compile(r"[;\n]")


def split_list(text: str) -> list[str]:
    """One item per line or separated by semicolons; blanks dropped."""
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]




class TextLine(QLineEdit):
    """One line of text; empty reads as ''."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textChanged.connect(self.edited)

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: object) -> None:
        self.setText("" if value is None else str(value))
        show_from_start(self)


def show_from_start(line: QLineEdit) -> None:
    """Show a long loaded value from its start ("intravenous infusion…"), not its end; the
    cursor goes back to the end once the field gets the focus, so typing still adds to it."""
    if line.hasFocus():
        return
    line.setCursorPosition(0)
    if line.property("endOnFocus") is None:
        line.installEventFilter(_END_ON_FOCUS)
        line.setProperty("endOnFocus", True)
    line.setProperty("parkedAtStart", True)


class _EndOnFocus(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit)
                and watched.property("parkedAtStart")):
            watched.setProperty("parkedAtStart", False)
            watched.setCursorPosition(len(watched.text()))
        return False


_END_ON_FOCUS = _EndOnFocus()


class UpperLine(TextLine):
    """Codes typed in capitals (ICD-10-CM, HCPCS, MBI, state): lower case is raised as typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(UpperCaseValidator(self))


class UpperCaseValidator(QValidator):
    # A validator rather than setText() in a slot, so Ctrl+Z still undoes typing.
    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return QValidator.State.Acceptable, text.upper(), pos


_NUMBER = re.compile(r"[0-9][0-9,]*(\.[0-9]*)?|\.[0-9]+")


def read_number(text: str) -> float | None:
    """ "1,250.50", "$1,250.50" or "900" as a number; None for anything else."""
    cleaned = text.strip().removeprefix("$").strip()
    if not _NUMBER.fullmatch(cleaned):
        return None
    return float(cleaned.replace(",", ""))


class NumberValidator(QValidator):
    """Only digits (with thousands commas, one decimal point, a leading $) can be typed or
    pasted: a file path typed into "Amount in controversy" is refused, never half kept."""

    def __init__(self, parent: QWidget | None = None, *, whole: bool = False) -> None:
        super().__init__(parent)
        self._whole = whole

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        cleaned = text.strip().removeprefix("$").strip()
        if not cleaned:
            state = QValidator.State.Intermediate if "$" in text else QValidator.State.Acceptable
            return state, text, pos
        if self._whole and "." in cleaned:
            return QValidator.State.Invalid, text, pos
        if _NUMBER.fullmatch(cleaned):
            return QValidator.State.Acceptable, text, pos
        if cleaned == ".":
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos


class NumberLine(TextLine):
    """A decimal number; anything else cannot be typed. Half-typed text ("$", ".") reads as
    None, and `has_bad_input()` says so, so the checklist can name the field."""

    def __init__(self, parent: QWidget | None = None, *, whole: bool = False) -> None:
        super().__init__(parent)
        self._whole = whole
        self.setValidator(NumberValidator(self, whole=whole))

    def value(self) -> float | int | None:  # type: ignore[override]
        number = read_number(self.text())
        if number is None:
            return None
        if self._whole:
            return int(number) if number.is_integer() and number >= 0 else None
        return number

    def has_bad_input(self) -> bool:
        return bool(self.text().strip()) and self.value() is None

    def set_value(self, value: object) -> None:
        if isinstance(value, float) and value.is_integer():
            value = int(value) if abs(value) < 1e15 else value
        super().set_value(value)


class ListLine(TextLine):
    """A short list typed on one line, items separated by semicolons."""

    def value(self) -> list[str]:  # type: ignore[override]
        return split_list(self.text())

    def set_value(self, value: object) -> None:
        self.setText("; ".join(value) if isinstance(value, list) else "")


class TextBox(QPlainTextEdit):
    """Several lines of text; Tab moves on rather than typing a tab."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, as_list: bool = False,
                 lines: int = 3) -> None:
        super().__init__(parent)
        self._as_list = as_list
        self._lines = lines
        self.setTabChangesFocus(True)
        # As tall as its lines of text in the current font (so it scales), not the whole page.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.textChanged.connect(self.edited)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        height = (self.fontMetrics().lineSpacing() * self._lines + margins.top()
                  + margins.bottom() + 2 * int(self.document().documentMargin()))
        return QSize(hint.width(), height)

    def value(self) -> str | list[str]:
        text = self.toPlainText()
        return split_list(text) if self._as_list else text.strip()

    def set_value(self, value: object) -> None:
        if isinstance(value, list):
            self.setPlainText("\n".join(value))
        else:
            self.setPlainText("" if value is None else str(value))


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


class CheckField(QCheckBox):
    edited = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(self.edited)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: object) -> None:
        self.setChecked(bool(value))
