"""Input widgets for case fields: each has value() / set_value() and an `edited` signal.

These are the typed inputs (text, codes, numbers, lists) and the tick box; the drop-downs
are in dropdowns.py and the marks a finding puts on any of them in mark_style.py.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
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


class CheckField(QCheckBox):
    edited = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(self.edited)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: object) -> None:
        self.setChecked(bool(value))
