"""What the person signed in at this desk may do: actions they cannot use are disabled, and
their tooltip and status tip say why and who can (services/people.py has the rules)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop_app.services.people import allowed, can_sign, signed_in_label
from desktop_app.ui.status import MOVE_LABELS


def _gate(widget: Any, ok: bool, why: str, tip: str = "") -> None:
    if not ok:
        widget.setEnabled(False)
    if hasattr(widget, "setStatusTip"):
        widget.setStatusTip(why or tip)
    widget.setToolTip(why or tip)


def apply_roles(window: Any) -> None:
    """Called whenever the window updates its actions (case opened, saved, moved)."""
    a = window.menu_actions
    ok, why = allowed("edit_settings")
    # Never disabled: anyone may reconnect this desk to a moved database server.
    _gate(a.settings, True, "" if ok else f"Connect this desk to the practice's database. {why}",
          "Letterhead, prescribers, templates folder, signing, database")
    more = getattr(window, "more_menus", None)
    if more is not None:
        ok, why = allowed("edit_templates")
        _gate(more.templates, ok, why, "Customize the letter templates")
    stored = window.page.stored
    if stored is None:
        return
    ok, why = can_sign(stored.case)
    if "signed" in a.moves:
        _gate(a.moves["signed"], ok, why)
    if more is not None:
        _gate(more.sign, ok, why, "Sign this letter in the app (Ctrl+Shift+G)")
    header = window.page.header
    for button in header.findChildren(QPushButton):
        if button.text() in ("Sign…", MOVE_LABELS["signed"]):
            _gate(button, ok, why, button.toolTip())


def signed_in_note(window: Any) -> None:
    """A permanent "Signed in as …" in the status bar; nothing in a solo office."""
    label = signed_in_label()  # None in a solo office (current_person() would name the login)
    if label is None:
        return
    note = QLabel(f"Signed in as {label}")
    note.setAccessibleName("Signed in as")
    note.setTextFormat(Qt.TextFormat.PlainText)  # a name is text, never markup
    window.statusBar().addPermanentWidget(note)
    window.signed_in_label = note
