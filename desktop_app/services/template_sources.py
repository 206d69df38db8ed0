"""Where this desk's letters find their templates, handed to letters/ (which reads no settings).

The user's own folder in the data folder, and the practice's: the shared folder named in the
settings, or, when the desk works on a shared database, the practice's templates kept in that
database (services/practice_templates.py mirrors them into a private folder of this desk).
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.errors import StorageError
from desktop_app.letters.templates import TEMPLATES_FOLDER, TemplateFolders
from desktop_app.storage.paths import data_home
from desktop_app.storage.settings import load_settings

log = logging.getLogger(__name__)


def user_templates_dir() -> Path:
    """The user's own templates, in the data folder (created on first use)."""
    return data_home() / TEMPLATES_FOLDER


def template_folders() -> dict[str, Path]:
    """Where custom templates are kept: always the user's folder; the practice's if there is
    one (the shared database's templates, else the shared folder in the settings)."""
    from desktop_app.services.practice_templates import practice_templates_dir

    folders = {"user": user_templates_dir()}
    practice = practice_templates_dir()
    if practice is not None:
        folders["shared"] = practice
        return folders
    try:
        shared = load_settings().shared_templates_dir
    except StorageError:
        log.warning("settings unreadable; the shared templates folder is skipped")
        shared = None
    if shared:
        folders["shared"] = Path(shared).expanduser()
    return folders


def letter_template_folders() -> TemplateFolders:
    """The folders as letters/ takes them."""
    folders = template_folders()
    return TemplateFolders(shared=folders.get("shared"), user=folders["user"])
