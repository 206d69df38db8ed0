"""Input widgets for case fields: each has value() / set_value() and an `edited` signal."""

from __future__ import annotations

import datetime as dt
import html
import re

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_LIST_SPLIT = re.compile(r"[;\n]")


def parse_date(text: str) -> dt.date | None:
    """YYYY-MM-DD, or MM/DD/YYYY as US staff type it; None if it is not a real date."""
    text = text.strip()
    if m := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _US_DATE.fullmatch(text):
        month, day, year = (int(g) for g in m.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def split_list(text: str) -> list[str]:
    """One item per line or separated by semicolons; blanks dropped."""
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` verbatim: Qt would render a tooltip that looks like HTML."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""


class DateValidator(QValidator):
    """Lets a date be typed digit by digit; only a real date is acceptable."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        if len(text) > 10 or re.search(r"[^0-9/\-\s]", text):
            return QValidator.State.Invalid, text, pos
        state = QValidator.State.Acceptable if parse_date(text) else QValidator.State.Intermediate
        return state, text, pos


class DateField(QWidget):
    """A date that may be empty (QDateEdit cannot be), with a calendar on Alt+Down or F4."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("YYYY-MM-DD or MM/DD/YYYY")
        self.line.setValidator(DateValidator(self.line))
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip("Choose from a calendar (Alt+Down)")
        self.button.setAccessibleName("Choose date from a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down does it from the keyboard
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self._calendar: QCalendarWidget | None = None
        self.line.textChanged.connect(self._on_text)
        self.line.editingFinished.connect(self._normalise)
        self.button.clicked.connect(self.show_calendar)
        for keys in ("Alt+Down", "F4"):
            shortcut = QShortcut(QKeySequence(keys), self.line)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.show_calendar)

    def value(self) -> dt.date | None:
        return parse_date(self.line.text())

    def set_value(self, value: object) -> None:
        self.line.setText(value.isoformat() if isinstance(value, dt.date) else "")

    def has_bad_input(self) -> bool:
        return bool(self.line.text().strip()) and self.value() is None

    def _on_text(self) -> None:
        bad = self.has_bad_input()
        if bool(self.line.property("badInput")) != bad:
            self.line.setProperty("badInput", bad)
            repolish(self.line)
        self.edited.emit()

    def _normalise(self) -> None:
        value = self.value()
        if value and self.line.text() != value.isoformat():
            self.line.setText(value.isoformat())

    def show_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setAccessibleName("Calendar")
            self._calendar.activated.connect(self._pick)
            self._calendar.clicked.connect(self._pick)
        value = self.value() or dt.date.today()
        self._calendar.setSelectedDate(QDate(value.year, value.month, value.day))
        self._calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _pick(self, date: QDate) -> None:
        self.line.setText(dt.date(date.year(), date.month(), date.day()).isoformat())
        if self._calendar is not None:
            self._calendar.hide()
        self.line.setFocus()


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


class UpperLine(TextLine):
    """Codes typed in capitals (ICD-10-CM, HCPCS, MBI, state): lower case is raised as typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(UpperCaseValidator(self))


class UpperCaseValidator(QValidator):
    # A validator rather than setText() in a slot, so Ctrl+Z still undoes typing.
    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return QValidator.State.Acceptable, text.upper(), pos


class NumberLine(TextLine):
    """A decimal number; text that is not a number reads as None (the checker reports it)."""

    def __init__(self, parent: QWidget | None = None, *, whole: bool = False) -> None:
        super().__init__(parent)
        self._whole = whole

    def value(self) -> float | int | None:  # type: ignore[override]
        text = self.text().strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return None
        if self._whole:
            return int(number) if number.is_integer() and number >= 0 else None
        return number

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


class ChoiceBox(QComboBox):
    """A choice from a fixed list shown in words; the first entry means "not chosen yet"."""

    edited = Signal()

    def __init__(self, options: list[tuple[object, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("— choose —", None)
        for value, label in options:
            self.addItem(label, value)
        self.currentIndexChanged.connect(self.edited)

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


class CheckField(QCheckBox):
    edited = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(self.edited)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: object) -> None:
        self.setChecked(bool(value))


def input_of(widget: QWidget) -> QWidget:
    """The widget that takes the keyboard focus and shows a mark (a date field's line edit)."""
    proxy = widget.focusProxy()
    return proxy if proxy is not None else widget


def repolish(widget: QWidget) -> None:
    """Make a property-driven style sheet rule take effect."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_mark(widget: QWidget, severity: str, message: str) -> None:
    """Mark a field in place ('error', 'warning' or '' to clear), message as tooltip."""
    target = input_of(widget)
    if target.property("baseToolTip") is None:
        target.setProperty("baseToolTip", target.toolTip())
    base = str(target.property("baseToolTip") or "")
    if (target.property("finding") or "") != severity:
        target.setProperty("finding", severity)
        repolish(target)
    target.setToolTip(plain_tooltip(message) if message else base)
    target.setAccessibleDescription(message)


# Property-driven marks; colours pass WCAG AA contrast on the Fusion light palette.
MARK_STYLE = """
QLineEdit[finding="error"], QPlainTextEdit[finding="error"], QComboBox[finding="error"],
QTableWidget[finding="error"], QLineEdit[badInput="true"] {
    border: 2px solid #c62828; border-radius: 2px; }
QLineEdit[finding="warning"], QPlainTextEdit[finding="warning"], QComboBox[finding="warning"],
QTableWidget[finding="warning"] { border: 2px solid #b26a00; border-radius: 2px; }
QCheckBox[finding="error"] { color: #c62828; }
QCheckBox[finding="warning"] { color: #8a5200; }
"""

ICON_FOR_SEVERITY = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
