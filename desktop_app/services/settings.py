"""Practice settings for the app and the CLI: letterhead, prescriber directory, the user's name.

Thin wrappers over storage.settings that also say, field by field, what is wrong before saving,
so a bad NPI never reaches a letter from the directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.identifiers import is_valid_npi
from desktop_app.errors import AppError
from desktop_app.storage.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    load_settings,
    save_settings,
)

__all__ = [
    "DirectoryPrescriber",
    "PracticeLetterhead",
    "PracticeSettings",
    "SettingsProblem",
    "load_practice_settings",
    "save_practice_settings",
    "settings_problems",
]

# Image types both exporters embed (reportlab and python-docx read PNG and JPEG).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})


@dataclass(frozen=True, slots=True)
class SettingsProblem:
    """One thing to fix before the settings can be saved; `field` is a dotted path."""

    field: str
    message: str


def load_practice_settings() -> PracticeSettings:
    """The saved settings, or defaults; StorageError if the settings file is damaged."""
    return load_settings()


def settings_problems(settings: PracticeSettings) -> list[SettingsProblem]:
    """Everything that would make a letter wrong: bad NPIs, missing image files, nameless rows."""
    problems = _image_problem("letterhead.logo_path", settings.letterhead.logo_path)
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
    return problems


def _image_problem(field: str, value: str | None) -> list[SettingsProblem]:
    if not value:
        return []
    path = Path(value)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return [SettingsProblem(field, "the image must be a PNG or JPEG file")]
    if not path.is_file():
        return [SettingsProblem(field, "the image file cannot be found")]
    return []


def save_practice_settings(settings: PracticeSettings) -> None:
    """Save the settings; AppError naming the first field to fix if any problem stands."""
    problems = settings_problems(settings)
    if problems:
        first = problems[0]
        more = len(problems) - 1
        suffix = f" (and {more} more)" if more else ""
        raise AppError(first.message + suffix, field=first.field)
    save_settings(_tidied(settings))


def _tidied(settings: PracticeSettings) -> PracticeSettings:
    # Stray spaces around an NPI or a name would print in the letter; keep what staff meant.
    prescribers = [
        p.model_copy(update={"name": p.name.strip(), "npi": p.npi.strip()})
        for p in settings.prescribers
    ]
    return settings.model_copy(
        update={"prescribers": prescribers, "user_name": settings.user_name.strip()}
    )
