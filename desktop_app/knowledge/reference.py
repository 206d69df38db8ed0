"""Loading the reference data files: bundled with the app, or an admin's copy in the data folder.

Every file is validated when it is read (pydantic) and read once per process; a damaged file
is reported with its name and the field at fault, never half-used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from desktop_app import limits
from desktop_app.domain.problems import first_problem
from desktop_app.errors import StorageError
from desktop_app.knowledge.places import OVERRIDE_FOLDER as OVERRIDE_FOLDER  # re-exported
from desktop_app.knowledge.places import overrides_dir

BUNDLED_DIR = Path(__file__).resolve().parent / "data"

Model = TypeVar("Model", bound=BaseModel)

_cache_clearers: list[Callable[[], None]] = []


class DataModel(BaseModel):
    """Base for reference data: unknown keys are errors, so a typo cannot silently drop a rule."""

    # defer_build: a file's validator is built when the file is first read (one per file,
    # holding its entries' models), not for every model when its module is imported.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Sourced(DataModel):
    """An entry that says where it comes from and from when it applies."""

    source: str = Field(min_length=1)
    effective: dt.date
    # False marks a configurable default that no source confirms.
    verified: bool = True
    note: str = ""
    url: str = ""  # where the cited text was read (a copy of the primary source)


def reference_path(name: str) -> Path:
    """The admin's copy of data file `name` if there is one, else the bundled file."""
    folder = overrides_dir()
    override = folder / name if folder is not None else None
    return override if override is not None and override.is_file() else BUNDLED_DIR / name


def load_reference(name: str, model: type[Model]) -> Model:
    """Read and validate one data file; StorageError naming the file and field if it is bad."""
    path = reference_path(name)
    raw = limits.read_bounded(
        path, limits.REFERENCE_FILE_BYTES, what="a reference data file", error=StorageError,
        unreadable="cannot read reference data ({reason})",
    )
    try:
        return model.model_validate_json(limits.without_byte_order_mark(raw))
    except ValidationError as exc:
        message, where = first_problem(exc)
        raise StorageError(
            f"reference data file is damaged: {message}",
            file=str(path),
            field=where,
            hint="fix the file or remove the admin's copy to use the built-in data",
        ) from None


def register_cache(clear: Callable[[], None]) -> None:
    """Let `reload_reference_data` empty a loader's cache."""
    _cache_clearers.append(clear)


def reload_reference_data() -> None:
    """Forget every loaded data file, so the next use reads them again (after an admin edit)."""
    for clear in _cache_clearers:
        clear()
