"""The case as the editor shows it, read back from its sections on every edit and re-check.

Separate from the editor's pages and keys because it is the one place that decides what a
save keeps: fields no input shows, an empty list as the case had it, a half-typed state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from desktop_app.domain.case import Case
from desktop_app.domain.case_parties import Payer
from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.rows import RowListEditor


def case_as_shown(forms: Mapping[str, SectionForm], lists: Mapping[str, RowListEditor],
                  original: Case, empty_lists: Mapping[str, list[Any] | None]) -> Case:
    """The case the sections show, on top of the case they were loaded with. Cheap: it runs
    on every re-check."""
    parts: dict[str, Any] = {key: form.read() for key, form in forms.items()}
    for key, form in forms.items():
        _keep_unshown(parts[key], getattr(original, key, None), form)
    parts["payer"] = _valid_state(parts["payer"])
    if forms["denial"].is_empty() and _is_blank_section(parts["denial"]):
        parts["denial"] = None
    for key, editor in lists.items():
        parts[key] = editor.items() or empty_lists.get(key)
    parts["evidence"] = parts["evidence"] or []
    # Records the form does not edit (calls, the approval) go back as they came.
    for key in Case.model_fields:
        if key not in parts and key != "format":
            parts[key] = getattr(original, key, None)
    return Case.model_construct(**parts)


def _keep_unshown(section: object, original: object, form: SectionForm) -> None:
    """Fields of a section that no input shows keep the value they were loaded with, so an
    autosave never drops what another part of the app (or a case file) put there."""
    if not isinstance(section, BaseModel) or not isinstance(original, BaseModel):
        return
    shown = {name.partition(".")[0] for name in form.fields} | set(form.nested)
    for name in type(section).model_fields:
        if name not in shown:
            setattr(section, name, getattr(original, name, None))


def _is_blank_section(section: object) -> bool:
    if not isinstance(section, BaseModel):
        return True
    return all(getattr(section, name) in (None, "", []) for name in type(section).model_fields)


def _valid_state(payer: BaseModel) -> BaseModel:
    # The model's pattern allows exactly two letters; a half-typed state reads as empty.
    if isinstance(payer, Payer) and payer.state and not (
        len(payer.state) == 2 and payer.state.isalpha()
    ):
        payer.state = None
    return payer
