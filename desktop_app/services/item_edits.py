"""What an edit of a list item through its form keeps (the case editor's evidence, prior
therapies, denial reasons, ...).

A form shows the inputs staff type; an item may hold more than the form shows (an imported
article's PMCID, publication types and journal abbreviation). Reading the form gives a new
item without them, so the edit keeps them from the item as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from pydantic import BaseModel

from desktop_app.domain.fields import field_names

Item = TypeVar("Item", bound=BaseModel)


def keep_unshown_fields(old: BaseModel, new: Item, shown: Iterable[str]) -> Item:
    """`new` (the item as its form reads it) with every field the form has no input for taken
    from `old`, unless empty there. `shown` names the form's inputs: "title", or "dose.amount"
    for a field inside one (which shows the whole of "dose")."""
    shown_fields = {name.split(".", 1)[0] for name in shown}
    kept = {name: getattr(old, name) for name in field_names(type(old))
            if name not in shown_fields and getattr(old, name, None) is not None}
    return new.model_copy(update=kept) if kept else new
