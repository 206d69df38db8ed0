"""A model class's field names, read once: the checks walk a case's hundreds of fields.

Pydantic answers `Model.model_fields` through a descriptor and a class method on every read
(about half a microsecond); the names of a class's fields never change once it is built.
"""

from __future__ import annotations

from pydantic import BaseModel

_NAMES: dict[type[BaseModel], tuple[str, ...]] = {}
_NAMES_KEPT = 4096  # bounds the memory models made on the fly (tests) can take


def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """`tuple(model.model_fields)`: the model's field names, in their declared order."""
    names = _NAMES.get(model)
    if names is None:
        names = tuple(model.model_fields)
        if len(_NAMES) >= _NAMES_KEPT:
            _NAMES.clear()
        _NAMES[model] = names
    return names
