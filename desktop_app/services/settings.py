"""Practice settings for the app and the CLI: letterhead, prescriber directory, the user's name.

Thin wrappers over storage.settings that also say, field by field, what is wrong before saving,
so a bad NPI never reaches a letter from the directory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.identifiers import is_valid_npi, npi_digits
from desktop_app.errors import AppError
from desktop_app.services.template_folder import shared_folder_problem
from desktop_app.storage.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    RegisteredCertificate,
    TrustedCertificate,
    load_settings,
)

__all__ = [
    "DirectoryPrescriber",
    "PracticeLetterhead",
    "PracticeSettings",
    "RegisteredCertificate",
    "SettingsProblem",
    "TrustedCertificate",
    "load_practice_settings",
    "prescribers_to_add",
    "save_practice_settings",
    "settings_problems",
    "shared_folder_problem",
]

# Image types both exporters embed (reportlab and python-docx read PNG and JPEG).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})


@dataclass(frozen=True, slots=True)
class SettingsProblem:
    """One thing to fix before the settings can be saved; `field` is a dotted path."""

    field: str
    message: str


def load_practice_settings() -> PracticeSettings:
    """The saved settings, or defaults; StorageError if the settings file is damaged. On a
    shared database the practice's part (letterhead, directory, signing) is the database's;
    while its server cannot be reached, this desk's last copy."""
    from desktop_app.errors import DatabaseUnusable
    from desktop_app.services.practice_data import practice_settings

    try:
        return practice_settings()
    except DatabaseUnusable:
        # The server is not answering: this desk's last copy, so its connection can be fixed.
        return load_settings()


def settings_problems(settings: PracticeSettings) -> list[SettingsProblem]:
    """Everything that would make a letter wrong: bad NPIs, missing image files, nameless rows,
    characters a letter cannot carry (services.practice_text)."""
    from desktop_app.services.practice_text import text_problems

    problems = text_problems(settings)
    problems += _image_problem("letterhead.logo_path", settings.letterhead.logo_path)
    for index, person in enumerate(settings.prescribers):
        where = f"prescribers.{index}"
        if not person.name.strip():
            problems.append(SettingsProblem(f"{where}.name", "the prescriber needs a name"))
        if not person.npi.strip():
            problems.append(SettingsProblem(f"{where}.npi", "the prescriber needs an NPI"))
        elif not is_valid_npi(person.npi.strip()):
            # 10 digits with the Luhn check over prefix 80840 (CMS NPI check digit).
            problems.append(
                SettingsProblem(f"{where}.npi", "the NPI is not valid (10 digits, check digit)")
            )
        problems += _image_problem(f"{where}.signature_image", person.signature_image)
    problems += _timestamp_problem(settings.timestamp_url)
    shared = (settings.shared_templates_dir or "").strip()
    if shared and not Path(shared).is_dir():
        problems.append(SettingsProblem(
            "shared_templates_dir",
            "the folder cannot be found; check that the network drive is connected",
        ))
    return problems


def _timestamp_problem(url: str | None) -> list[SettingsProblem]:
    from urllib.parse import urlsplit

    text = (url or "").strip()
    if not text:
        return []
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [SettingsProblem(
            "timestamp_url",
            "the timestamp server address must be a web address (http:// or https://)",
        )]
    return []


def _image_problem(field: str, value: str | None) -> list[SettingsProblem]:
    if not value:
        return []
    path = Path(value)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return [SettingsProblem(field, "the image must be a PNG or JPEG file")]
    if not path.is_file():
        return [SettingsProblem(field, "the image file cannot be found")]
    return []


def save_practice_settings(
    settings: PracticeSettings, opened: PracticeSettings | None = None
) -> None:
    """Save the settings; AppError naming the first field to fix if any problem stands.

    Only an admin may (PermissionRefused otherwise), except in a solo office with no roles.
    `opened` is what the person started from: on a shared database only their changes are
    saved, and a part another desk changed too is refused (practice_data.SettingsChanged)."""
    from desktop_app.services.people import require

    require("edit_settings")
    problems = settings_problems(settings)
    if problems:
        first = problems[0]
        more = len(problems) - 1
        suffix = f" (and {more} more)" if more else ""
        raise AppError(first.message + suffix, field=first.field)
    from desktop_app.services.practice_data import save_practice

    save_practice(_tidied(settings), _tidied(opened) if opened is not None else None)


def _tidied(settings: PracticeSettings) -> PracticeSettings:
    # Stray spaces around an NPI or a name would print in the letter; keep what staff meant.
    prescribers = [
        p.model_copy(update={"name": p.name.strip(), "npi": p.npi.strip()})
        for p in settings.prescribers
    ]
    shared = (settings.shared_templates_dir or "").strip() or None
    return settings.model_copy(update={
        "prescribers": prescribers,
        "user_name": settings.user_name.strip(),
        "shared_templates_dir": shared,
        "timestamp_url": (settings.timestamp_url or "").strip() or None,
    })


# Fields a case's prescriber section shares with a directory entry (case-format.md "prescriber").
_SHARED_FIELDS = ("credentials", "tax_id", "specialty", "phone", "fax", "email")


def prescribers_to_add(
    sections: Iterable[Mapping[str, Any]], directory: Iterable[DirectoryPrescriber]
) -> list[DirectoryPrescriber]:
    """Prescribers named on cases who are not yet in the directory, one per NPI.

    Only a named prescriber with a valid NPI is offered: the directory feeds letters and the
    signing queue, so an entry with a mistyped NPI would carry the mistake into both. The
    first section for an NPI wins, so pass the newest cases first.
    """
    from desktop_app.services.practice_text import without_unsafe

    known = {npi_digits(p.npi) for p in directory}
    found: list[DirectoryPrescriber] = []
    for section in sections:
        name = _text(section.get("name"))
        npi = _text(section.get("npi"))
        if not name or not is_valid_npi(npi) or npi in known:
            continue
        known.add(npi)
        # The table shows no tax ID, specialty or contact fields to retype, so what Settings
        # would refuse in them is left behind here (the case keeps its own text).
        extra = {field: without_unsafe(_text(section.get(field))) for field in _SHARED_FIELDS}
        found.append(DirectoryPrescriber(name=name, npi=npi, **extra))
    return found


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
