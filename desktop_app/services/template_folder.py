"""Whether the practice's shared templates folder is in use, said before any letter is made.

The first window asks at start, so this reads settings.json without the pydantic settings
models when the file is absent or plainly valid (storage/settings_plain.py); any other file
goes through the models, which keep the last word on what is damaged.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.storage.settings_plain import read_plain_settings

__all__ = ["shared_folder_problem"]


def _shared_templates_dir() -> str | None:
    """The folder settings.json names, as load_settings() reads it (StorageError if damaged)."""
    read = read_plain_settings()
    if read.document is not None:
        named = read.document.get("shared_templates_dir")
        return named if isinstance(named, str) else None
    assert read.raw is not None  # no file reads as {}
    from desktop_app.storage.settings import parse_settings

    return parse_settings(read.raw, read.path).shared_templates_dir


def shared_folder_problem() -> str | None:
    """Why the practice's shared templates folder is not in use, or None if it is (or unset).

    A network drive that is not connected leaves letters on the built-in wording; staff and
    admins must be told rather than find out from a payer.
    """
    shared = _shared_templates_dir()
    if not shared:
        return None
    if Path(shared).expanduser().is_dir():
        return None
    return (
        f"The shared templates folder {shared} cannot be reached, so its templates are not "
        "in use: letters use the built-in (or this computer's) templates until it is back. "
        "Check that the network drive is connected, or change the folder in Settings."
    )
