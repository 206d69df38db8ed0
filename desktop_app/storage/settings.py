"""Practice settings: letterhead, prescriber directory and the user's name, in settings.json.

Defaults work with no file. A damaged file is reported, never silently replaced.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from desktop_app.domain.practice import (
    TLS_MODES,
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    RegisteredCertificate,
    SharedDatabase,
    TrustedCertificate,
)
from desktop_app.domain.problems import first_problem
from desktop_app.errors import StorageError
from desktop_app.storage.paths import write_private
from desktop_app.storage.settings_plain import SETTINGS_FILE, read_settings_bytes, settings_path

__all__ = [
    "SETTINGS_FILE",
    "TLS_MODES",
    "DirectoryPrescriber",
    "PracticeLetterhead",
    "PracticeSettings",
    "RegisteredCertificate",
    "SharedDatabase",
    "TrustedCertificate",
    "load_settings",
    "parse_settings",
    "save_settings",
    "settings_path",
]


def load_settings(home: Path | None = None) -> PracticeSettings:
    path = settings_path(home)
    if not path.exists():
        return PracticeSettings()
    return parse_settings(read_settings_bytes(path), path)


def parse_settings(raw: bytes, path: Path) -> PracticeSettings:
    """The settings in `raw` (read from `path`); StorageError naming the field if damaged."""
    try:
        return PracticeSettings.model_validate_json(raw)
    except ValidationError as exc:
        message, field = first_problem(exc)
        raise StorageError(
            f"settings file is damaged: {message}",
            file=str(path),
            field=field,
            hint="fix or remove the file; the app then starts with default settings",
        ) from None


def save_settings(settings: PracticeSettings, home: Path | None = None) -> None:
    text = json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False)
    write_private(settings_path(home), (text + "\n").encode("utf-8"))
