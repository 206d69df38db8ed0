"""The kinds of row a list section holds, and how an edited row keeps what its form hides.

Separate from the list editor: the list sections (lists.py) describe each kind of item --
its name, its form, how a new one starts, its shortcut -- without needing the table and
buttons, and keeping unshown fields is a rule about a row's data, not about the widgets.
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


def keep_unshown_fields(old: BaseModel, new: BaseModel, form: SectionForm) -> BaseModel:
    """`new` with the fields the form has no input for taken from `old` (an imported article's
    PMCID and publication types), so editing one field never drops the others."""
    shown = {name.split(".", 1)[0] for name in form.fields}
    kept = {name: getattr(old, name) for name in type(old).model_fields
            if name not in shown and getattr(old, name, None) is not None}
    return new.model_copy(update=kept) if kept else new
