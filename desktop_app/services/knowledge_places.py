"""Tell knowledge/ where the admin's replacement data files and the derived-index cache are.

Both are folders of this desk's data and cache folders (storage/paths.py; PA_LETTER_HOME and
PA_LETTER_CACHE move them), looked up at each use, so a changed folder is seen at once. A data
folder that cannot be made leaves the bundled reference data in use, as before.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.errors import StorageError
from desktop_app.knowledge.places import OVERRIDE_FOLDER, KnowledgePlaces, use_places
from desktop_app.storage.paths import cache_home, data_home, ensure_private_dir, write_private


def _overrides() -> Path | None:
    try:
        return data_home() / OVERRIDE_FOLDER
    except StorageError:
        return None


def _cache() -> Path | None:
    try:
        return cache_home()
    except StorageError:
        return None


def _write(path: Path, data: bytes) -> None:
    ensure_private_dir(path.parent)
    write_private(path, data)


def install() -> None:
    use_places(KnowledgePlaces(overrides=_overrides, cache=_cache, write_private=_write))
