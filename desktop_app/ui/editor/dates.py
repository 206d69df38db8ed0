"""A date field that may be empty, typed as YYYY-MM-DD or MM/DD/YYYY, with a calendar popup."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QStyle, QToolButton, QWidget

from desktop_app.ui.editor.mark_style import repolish

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


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
        # Wide enough for the whole hint: cut to "MM/DD/..." it no longer says which orders
        # of day and month the field takes.
        frame = self.line.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        metrics = self.line.fontMetrics()
        self.line.setMinimumWidth(metrics.horizontalAdvance(self.line.placeholderText())
                                  + 2 * metrics.averageCharWidth() + 2 * frame)
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
