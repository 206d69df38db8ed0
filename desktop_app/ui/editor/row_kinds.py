"""The kinds of row a list section holds.

Separate from the list editor: the list sections (lists.py) describe each kind of item --
its name, its form, how a new one starts, its shortcut -- without needing the table and
buttons. How an edited row keeps what its form hides is a rule about the row's data, not
about the widgets: services/item_edits.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from desktop_app.ui.editor.forms import SectionForm


@dataclass
class RowKind:
    key: str  # the item's `type`, or the list's name when it holds one kind
    label: str
    form: SectionForm
    new: Callable[[], BaseModel]
    shortcut: str = ""  # adds this kind directly, e.g. Alt+2 for an article
    # (old item, item as the form reads it) -> item to keep; e.g. marks a changed design.
    after_edit: Callable[[BaseModel, BaseModel], BaseModel] | None = None
