"""Where Tab goes next inside the editor, and the inputs whose text a case cannot hold."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.domain.findings import Finding, Severity
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.forms import SectionForm


def takes_tab(widget: QWidget) -> bool:
    return (bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()
            and widget.isVisibleTo(widget.window()) and widget.focusProxy() is None)


def focus_chain(start: QWidget, forward: bool) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) would visit from `start`, in order, up to one lap."""
    found: list[QWidget] = []
    current = start
    for _ in range(500):
        current = current.nextInFocusChain() if forward else current.previousInFocusChain()
        if current is start or current is None:
            break
        if takes_tab(current) and current.isVisible():
            found.append(current)
    return found


def last_field(page: QWidget) -> QWidget | None:
    """The field Shift+Tab lands on when it comes back into `page` from the section after."""
    fields = [w for w in page.findChildren(QWidget) if takes_tab(w) and w.isVisible()]
    if not fields:
        return None
    # Tab order, not creation order: follow the chain from any field of the section.
    inside = [w for w in [fields[0], *focus_chain(fields[0], True)] if page.isAncestorOf(w)]
    return inside[-1] if inside else None


def unreadable_inputs(forms: Mapping[str, SectionForm]) -> list[Finding]:
    """A finding for each date or number field whose text is not a date or number: the
    case cannot hold it, so the letter would leave it out without a word."""
    found = []
    for key, form in forms.items():
        for name, widget in form.fields.items():
            bad = getattr(widget, "has_bad_input", None)
            if bad is None or not bad():
                continue
            what = "date" if hasattr(widget, "show_calendar") else "number"
            how = " as YYYY-MM-DD or MM/DD/YYYY" if what == "date" else ""
            found.append(Finding(
                "input.unreadable", Severity.ERROR, f"{key}.{name}",
                f"{L.field_label(f'{key}.{name}')}: what is typed is not a {what}, so the "
                f"letter leaves it out. Type a {what}{how}, or clear the field.",
            ))
    return found
