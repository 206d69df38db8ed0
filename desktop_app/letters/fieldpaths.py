"""What a dotted field path or a template's attribute chain means in the case model.

Shared by the front-matter check (`required_fields`) and the template linter (`case.patient.nmae`).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import inspect
import re
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list whose items have one of `items` types."""

    items: tuple[object, ...]


Shape = tuple[object, ...]  # the possible types of a value: classes or ListOf
_SEGMENT = re.compile(r"^([a-z_][a-z0-9_]*)(\[([a-z-]*)\])?$")


def shape_of(annotation: object) -> Shape:
    """Flatten Optional, Union, Annotated and list annotations into a shape."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return shape_of(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        shape: list[object] = []
        for arg in typing.get_args(annotation):
            shape.extend(shape_of(arg))
        return tuple(s for s in shape if s is not type(None))
    if origin in (list, tuple):
        args = typing.get_args(annotation)
        return (ListOf(shape_of(args[0]) if args else (object,)),)
    if origin is typing.Literal:
        return (str,)
    return (annotation,)


def known_attributes(cls: object) -> frozenset[str] | None:
    """Attribute names a template may read on `cls`; None when anything goes (plain values)."""
    try:
        return _known_attributes(cls)
    except TypeError:  # an annotation that cannot be hashed: worked out each time
        return _known_attributes.__wrapped__(cls)


# The linter asks this for every attribute a template reads, and `inspect.getmembers` walks
# the whole class each time: a large template of 39,000 `{{ case.patient.name }}` took 11 s.
# A model class's attributes never change while the app runs.
@functools.cache
def _known_attributes(cls: object) -> frozenset[str] | None:
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        names = set(cls.model_fields)
    elif isinstance(cls, type) and dataclasses.is_dataclass(cls):
        names = {f.name for f in dataclasses.fields(cls)}
    else:
        return None
    names.update(
        name
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_") and isinstance(member, property)
    )
    return frozenset(names)


def attribute_shape(shape: Shape, name: str) -> Shape | None:
    """The shape of `value.name`, or None if no type in `shape` has that attribute."""
    result: list[object] = []
    open_ended = False
    for cls in shape:
        names = known_attributes(cls)
        if names is None:
            open_ended = True
        elif name in names:
            result.extend(_member_shape(cls, name))
    if result:
        return tuple(result)
    return (object,) if open_ended else None


@functools.cache  # as _known_attributes: typing.get_type_hints reads the class afresh each time
def _member_shape(cls: object, name: str) -> Shape:
    assert isinstance(cls, type)
    if issubclass(cls, BaseModel) and name in cls.model_fields:
        return shape_of(cls.model_fields[name].annotation)
    hints = typing.get_type_hints(cls)
    if name in hints:
        return shape_of(hints[name])
    member = getattr(cls, name, None)
    if isinstance(member, property) and member.fget is not None:
        returned = typing.get_type_hints(member.fget).get("return", object)
        return shape_of(returned)
    return (object,)


def item_shape(shape: Shape) -> Shape:
    """The shape of one item when iterating over a value of `shape`."""
    items: list[object] = []
    for cls in shape:
        if isinstance(cls, ListOf):
            items.extend(cls.items)
        else:
            items.append(object)
    return tuple(items) or (object,)


def suggestion(shape: Shape, name: str) -> str:
    names: set[str] = set()
    for cls in shape:
        names.update(known_attributes(cls) or ())
    close = difflib.get_close_matches(name, sorted(names), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def field_path_problem(root: type[BaseModel], path: str) -> str | None:
    """Why a dotted path such as `evidence[article].journal` names no case field, or None."""
    shape: Shape = (root,)
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if not match:
            return f"'{path}' is not a field path like 'payer.fax'"
        name, has_index, type_name = match.group(1), match.group(2), match.group(3)
        if all(known_attributes(cls) is None for cls in shape):
            return f"'{path}': '{name}' is below a field that has no sub-fields"
        found = attribute_shape(shape, name)
        if found is None:
            return f"'{path}': '{name}' is not a case field{suggestion(shape, name)}"
        shape = found
        if has_index:
            shape = _narrow(item_shape(shape), type_name)
            if not shape:
                return f"'{path}': no item type '{type_name}'"
    return None


def _narrow(shape: Shape, type_name: str) -> Shape:
    """Keep the union members whose `type` literal is `type_name` (all of them if empty)."""
    if not type_name:
        return shape
    kept = []
    for cls in shape:
        if (
            isinstance(cls, type)
            and issubclass(cls, BaseModel)
            and "type" in cls.model_fields
            and cls.model_fields["type"].default == type_name
        ):
            kept.append(cls)
    return tuple(kept)
