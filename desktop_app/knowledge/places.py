"""Where reference data may be replaced by an admin, and where derived indexes are cached.

knowledge/ reads reference files; it does not decide where the data folder is. Services tell
it when they load (services/knowledge_places.py, from storage), as they hand letters their
template folders and settings. Until then only the bundled files are read and the ICD-10-CM
index is kept in memory, so a loader used on its own still works, from the shipped data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# An admin replaces a bundled file by putting a file of the same name in this folder of the
# data folder. Kept here, not in reference.py, so that telling knowledge/ its places at start
# does not load the reference-data models (pydantic) for a command that reads none.
OVERRIDE_FOLDER = "reference"


def _nowhere() -> Path | None:
    return None


@dataclass(frozen=True, slots=True)
class KnowledgePlaces:
    # The admin's folder of replacement data files (`reference/` in the data folder), or None.
    overrides: Callable[[], Path | None] = _nowhere
    # A folder for indexes rebuilt from installed packages (holds no patient data), or None.
    cache: Callable[[], Path | None] = _nowhere
    # Writes a derived file readable by the user alone; None: nothing is written.
    write_private: Callable[[Path, bytes], None] | None = None


_places = KnowledgePlaces()


def use_places(places: KnowledgePlaces) -> None:
    """Called once by services at start (and by tests that need other folders)."""
    global _places
    _places = places


def overrides_dir() -> Path | None:
    return _places.overrides()


def cache_dir() -> Path | None:
    return _places.cache()


def write_derived(path: Path, data: bytes) -> bool:
    """Write a cache file through the services' private writer; False when there is none."""
    if _places.write_private is None:
        return False
    _places.write_private(path, data)
    return True
