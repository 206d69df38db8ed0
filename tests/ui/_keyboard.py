"""A keyboard that counts: every key sent to the window as staff press it, one by one.

Used by tests/ui/test_keystroke_count.py to measure the Medicare Part B example from Ctrl+N
to an exported PDF. Keys go to the widget that has the focus, as they would from a real
keyboard; moving between fields is done with Tab (each Tab counted), never by setFocus.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.dropdowns import ChoiceBox
from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.mark_style import input_of
from desktop_app.ui.editor.widgets import ListLine, NumberLine, TextBox

NoMod = Qt.KeyboardModifier.NoModifier


class CountingKeyboard:
    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.step = "start"
        self.keys: Counter[str] = Counter()  # step -> keys pressed in it

    @property
    def total(self) -> int:
        return sum(self.keys.values())

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        return widget if widget is not None else self.window

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NoMod,
              to: QWidget | None = None) -> None:
        QTest.keyClick(to or self.focused(), key, modifiers)
        self.keys[self.step] += 1
        QApplication.processEvents()

    def type(self, text: str, done: Callable[[], bool] | None = None) -> None:
        """Type `text` a character at a time; stop early once `done()` (a completion filled
        the rest), as staff stop typing when the field already says what they meant."""
        for ch in text:
            if done is not None and done():
                return
            if ch == "\n":  # a new line in a box of several lines
                QTest.keyClick(self.focused(), Qt.Key.Key_Return)
            else:
                QTest.sendKeyEvent(QTest.KeyAction.Click, self.focused(), Qt.Key.Key_unknown,
                                   ch, NoMod)
            self.keys[self.step] += 1
            QApplication.processEvents()

    def count(self, keys: int) -> None:
        """Keys pressed outside the app's own windows (the system file dialog)."""
        self.keys[self.step] += keys


def field_with_focus(form: SectionForm) -> str | None:
    widget = QApplication.focusWidget()
    if widget is None:
        return None
    for name, field in form.fields.items():
        if widget is input_of(field) or field.isAncestorOf(widget) or widget is field:
            return name
    return None


Typed = tuple[str, object]  # (the keys, the value the field then holds)


def fill(keyboard: CountingKeyboard, form: SectionForm,
         values: dict[str, str | Typed | Callable[[], None]], *, max_tabs: int = 30) -> None:
    """Tab through `form` from the field that has the focus, typing each value given (or
    running its action) when its field is reached; other fields are passed with Tab.

    Typing stops as soon as the field holds the value (a suggestion completed it)."""
    wanted = dict(values)
    for _ in range(max_tabs):
        name = field_with_focus(form)
        if name in wanted:
            value = wanted.pop(name)
            if callable(value):
                value()
            else:
                text, target = value if isinstance(value, tuple) else (value, value)
                widget = form.fields[name]
                keyboard.type(text, done=lambda w=widget, t=target: holds(w, t))
        if not wanted:
            return
        keyboard.press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {sorted(wanted)} in {type(form).__name__}")


def holds(widget: QWidget, target: object) -> bool:
    value = getattr(widget, "value", lambda: None)()
    if isinstance(value, str) and isinstance(target, str):
        # A suggestion in its own letter case ("partial response") is what staff accept.
        return value.casefold() == target.casefold()
    return bool(value == target)


def typed_values(form: SectionForm, section: dict[str, Any],
                 skip: tuple[str, ...] = ()) -> dict[str, str | Typed | Callable[[], None]]:
    """Each value of a case section as the keys that enter it in its field."""
    plan: dict[str, str | Typed | Callable[[], None]] = {}
    for name, widget in form.fields.items():
        head, _, leaf = name.partition(".")
        value = section.get(head)
        if leaf and isinstance(value, dict):
            value = value.get(leaf)
        if name in skip or value in (None, "", [], False):
            continue
        plan[name] = keys_for(widget, value)
    return plan


def keys_for(widget: QWidget, value: Any) -> str | Typed:
    if isinstance(widget, ChoiceBox):
        return widget.itemText(widget.findData(value)), value
    if isinstance(widget, DateField):
        return dt.date.fromisoformat(value).strftime("%m/%d/%Y"), dt.date.fromisoformat(value)
    if isinstance(widget, ListLine):
        return "; ".join(value), value
    if isinstance(widget, TextBox) and isinstance(value, list):
        return "\n".join(value), value
    if isinstance(widget, NumberLine):
        return f"{value:g}", value
    return str(value), value
