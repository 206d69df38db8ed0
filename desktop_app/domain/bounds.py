"""Limits on the case model: the most characters a text and items a list may hold.

Each limit is far above any real case ("a real case never reaches 200 evidence items") and
low enough that the checker, the template and the PDF always finish in a few seconds. They
appear in the JSON Schema (`maxLength`, `maxItems`) and are enforced when a case file is read.

A case the app stored itself is read back with `LENIENT`: what a user typed and saved is never
lost because of a limit; the checker reports the over-long field instead (rules/bounds.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from desktop_app.domain.fields import field_names

# validation context key: set by storage when it reads back a case it saved.
LENIENT = "lenient"
# A tuple, not `list | tuple`: that expression builds a new union at every field walked.
_SEQUENCES = (list, tuple)

# Characters of one text field, by the kind of text it holds.
NAME_CHARS = 100  # a person's, drug's or organization's name (the longest real ones are ~70)
LINE_CHARS = 300  # an identifier, a phone number, a rating, a regimen: one line
TITLE_CHARS = 500  # a title of an article, trial or guideline; a compendium listing
PARAGRAPH_CHARS = 1_000  # an address, a description, why a therapy stopped
NARRATIVE_CHARS = 20_000  # the rationale, a denial reason: about eight typed pages
PATH_CHARS = 4_096  # a file path (Linux PATH_MAX)

# Years outside these are a typing slip (0001-01-01, 2205), never a real birth, diagnosis,
# therapy, denial or publication: the checker reports them (rules/bounds.py).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def _lenient(info: ValidationInfo) -> bool:
    context = info.context
    return isinstance(context, dict) and bool(context.get(LENIENT))


@dataclass(frozen=True, slots=True)
class MaxLength:
    """At most `limit` characters (a text) or items (a list).

    Checked after the value is read (a before-validator would lose JSON mode, where dates
    arrive as strings); the file size cap already bounds how much reading that can be.
    """

    limit: int

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        shown = handler(schema)
        target = handler.resolve_ref_schema(shown)
        target["maxLength" if target.get("type") == "string" else "maxItems"] = self.limit
        return shown

    def _check(self, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str | list) and len(value) > self.limit and not _lenient(info):
            what = "characters" if isinstance(value, str) else "items"
            raise PydanticCustomError(
                "too_long",
                f"holds {len(value):,} {what}; a case holds at most {self.limit:,} here "
                "(a real case never needs more)",
            )
        return value


@dataclass(frozen=True, slots=True)
class Finite:
    """A number, never NaN or Infinity: `$NaN` on a letter is worse than no amount."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def _check(self, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, float) and not math.isfinite(value) and not _lenient(info):
            raise PydanticCustomError(
                "not_finite", "is not a number (NaN or Infinity); give the value in digits"
            )
        return value


def model_values(value: object, path: str = "") -> Iterator[tuple[str, type[BaseModel], str, Any]]:
    """Every field value in a case (or part of one): (dotted path, model, field name, value).

    Works on models built without validation (the form's model_construct) too.
    """
    found: list[tuple[str, type[BaseModel], str, Any]] = []
    _collect(value, path, found)  # gathered first: a case's hundreds of fields, one call each
    return iter(found)


def _collect(value: object, path: str, found: list[tuple[str, type[BaseModel], str, Any]]) -> None:
    if isinstance(value, BaseModel):
        model = type(value)
        for name in field_names(model):
            item = getattr(value, name, None)
            here = f"{path}.{name}" if path else name
            found.append((here, model, name, item))
            if isinstance(item, BaseModel):
                _collect(item, here, found)
            elif isinstance(item, _SEQUENCES):
                for index, element in enumerate(item):
                    if isinstance(element, BaseModel):
                        _collect(element, f"{here}.{index}", found)


def limit_of(model: type[BaseModel], field: str) -> int | None:
    """The MaxLength limit on one field of a model, or None."""
    # The check asks it of every text in every case; the answer is the model's own definition.
    key = (model, field)
    if key not in _LIMITS:
        if len(_LIMITS) >= _LIMITS_KEPT:
            _LIMITS.clear()  # bounds the memory models made on the fly (tests) can take
        _LIMITS[key] = _limit_of(model, field)
    return _LIMITS[key]


_LIMITS: dict[tuple[type[BaseModel], str], int | None] = {}
_LIMITS_KEPT = 4096


def _limit_of(model: type[BaseModel], field: str) -> int | None:
    info = model.model_fields.get(field)
    if info is None:
        return None
    for meta in _metadata(info.annotation, info.metadata):
        if isinstance(meta, MaxLength):
            return meta.limit
    return None


def _metadata(annotation: Any, direct: list[Any]) -> Iterator[Any]:
    yield from direct
    # `Annotated[str, MaxLength(n)] | None` keeps the limit inside the union's first member.
    for member in getattr(annotation, "__args__", ()) or ():
        yield from getattr(member, "__metadata__", ())
