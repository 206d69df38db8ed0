"""Practice settings: letterhead, prescriber directory and the user's name, in settings.json.

Defaults work with no file. A damaged file is reported, never silently replaced.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from desktop_app import limits
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
from desktop_app.storage.paths import data_home, write_private

SETTINGS_FILE = "settings.json"


__all__ = [
    "TLS_MODES",
    "DirectoryPrescriber",
    "PracticeLetterhead",
    "PracticeSettings",
    "RegisteredCertificate",
    "SharedDatabase",
    "TrustedCertificate",
    "load_settings",
    "save_settings",
    "settings_path",
]


def settings_path(home: Path | None = None) -> Path:
    return (home or data_home()) / SETTINGS_FILE


def load_settings(home: Path | None = None) -> PracticeSettings:
    path = settings_path(home)
    if not path.exists():
        return PracticeSettings()
    try:
        raw = limits.read_bounded(
            path, limits.SETTINGS_FILE_BYTES, what="a settings file", error=StorageError
        )
        return PracticeSettings.model_validate_json(raw)
    except OSError as exc:
        raise StorageError(f"cannot read settings ({exc.strerror})", file=str(path)) from None
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
