"""Two keyboard and mouse traps removed app-wide, as mature Qt apps do.

- The mouse wheel over a drop-down or spin box that does not have the keyboard focus scrolls
  the form instead of changing the value: one notch over an unfocused "Plan type" once turned
  Part B into Part D, which switches the coverage rules.
- The window's own keys (F5, Ctrl+E, Ctrl+Shift+E, Ctrl+N, Ctrl+F) work from every field: a
  line edit claims Ctrl+E (end of line on X11) and Ctrl+F before the menu can see them, and
  staff then type a file name into whatever field had the cursor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

# The window-wide keys no field may take for itself (menus.py gives them their actions).
WINDOW_KEYS: tuple[str, ...] = ("F5", "Ctrl+E", "Ctrl+Shift+E", "Ctrl+N", "Ctrl+F")


def _combination(event: QKeyEvent) -> int:
    modifiers = event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.ShiftModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    return int(modifiers.value) | int(event.key())


_WINDOW_COMBINATIONS = frozenset(QKeySequence(k)[0].toCombined() for k in WINDOW_KEYS)


class InputGuard(QObject):
    """An application event filter; `install_input_guard()` puts one on the QApplication."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QComboBox | QAbstractSpinBox):
            make_wheel_proof(watched)
            return False
        if kind == QEvent.Type.Wheel and isinstance(watched, QWidget):
            return self._ignore_stray_wheel(watched, event)
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Returning True without accepting the event lets the shortcut go ahead: the
            # field never gets to claim the key.
            return _combination(event) in _WINDOW_COMBINATIONS
        return False

    @staticmethod
    def _ignore_stray_wheel(widget: QWidget, event: QEvent) -> bool:
        # A combo box's popup list is a different widget, so scrolling an open list still works.
        target = _value_widget(widget)
        if target is None or target.hasFocus():
            return False
        # Filtered but not accepted: Qt passes the wheel on to the parents, so the form's
        # scroll area scrolls as staff expect.
        event.ignore()
        return True


def _value_widget(widget: QWidget) -> QWidget | None:
    """The combo or spin box a wheel event over `widget` would change, if any."""
    current: QWidget | None = widget
    for _ in range(3):  # the event may land on the box's line edit or its viewport
        if current is None:
            return None
        if isinstance(current, QComboBox | QAbstractSpinBox):
            return current
        current = current.parentWidget()
    return None


_guard: InputGuard | None = None


def install_input_guard() -> None:
    """Install the guard on the running QApplication once; later calls do nothing."""
    global _guard
    app = QApplication.instance()
    if app is None or _guard is not None:
        return
    _guard = InputGuard(app)
    app.installEventFilter(_guard)


def make_wheel_proof(box: QWidget) -> None:
    """A box takes the focus from Tab and clicks only, never from the wheel passing over
    (Qt's default WheelFocus would focus it first, and then the wheel changes it)."""
    if box.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
