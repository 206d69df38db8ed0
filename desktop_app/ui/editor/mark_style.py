"""How a field shows a finding: its red or amber border, its tooltip, the severity icons.

Separate from the input widgets: the same marks go on forms, list rows, date fields and the
findings panel, whatever kind of input carries them, and one style sheet draws them all.
Which field a finding marks is decided in field_marks.py; this module only shows it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QWidget

from desktop_app.ui.plain_text import plain_tooltip


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
