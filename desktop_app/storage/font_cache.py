"""Parsed bundled fonts kept between runs (export/parsed_fonts.py): one private file per face.

In the cache folder (storage/paths.py; PA_LETTER_CACHE moves it), folder `fonts` (0700), each
file 0600, written to a `.part-` name and renamed into place, so two desks or two runs never
read a half-written file. Holds no patient data: only what reportlab reads from the fonts the
app ships. Anything that cannot be read or written costs a font read, nothing more.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from desktop_app.errors import StorageError
from desktop_app.limits import open_for_reading
from desktop_app.storage.paths import (
    cache_home,
    is_own_private_file,
    own_private_folder,
    write_private,
)

# The largest entry: Droid Sans Fallback's is about 2 MB.
ENTRY_CAP: Final = 16 * 1024 * 1024
FACE_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,63}")
FONT_FOLDER: Final = "fonts"


class FontShelf:
    """Reads and keeps parsed-font entries by face name (export/parsed_fonts.Shelf)."""

    def read(self, face: str) -> bytes | None:
        try:
            path = _entry_path(face)
            with open_for_reading(path) as stream:
                if not is_own_private_file(stream):
                    return None  # another user's file: read the font itself instead
                entry = stream.read(ENTRY_CAP + 1)
        except (OSError, StorageError, ValueError):
            return None
        return entry if len(entry) <= ENTRY_CAP else None

    def keep(self, face: str, entry: bytes) -> None:
        if len(entry) > ENTRY_CAP:
            return
        try:
            write_private(_entry_path(face), entry)
        except (OSError, StorageError, ValueError):
            return  # a read-only or full cache folder: the next run reads the font again


def _entry_path(face: str) -> Path:
    if not FACE_NAME.fullmatch(face):
        raise ValueError("not a bundled face's name")
    return own_private_folder(cache_home() / FONT_FOLDER) / f"{face}.font"
