"""Where the practice's payer directory is kept: payers.json in the practice's shared
templates folder when one is set (so every desk sees the same list), else in the data folder.

One small interface (`PayerDirectoryStore`): on a shared database the same JSON text is a
practice document instead (storage.practice_lists), without the services noticing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from pydantic import ConfigDict, TypeAdapter, ValidationError

from desktop_app import limits
from desktop_app.domain.json_input import load_json
from desktop_app.domain.payers import PayerEntry
from desktop_app.domain.problems import first_problem
from desktop_app.errors import CaseFileError, StorageError
from desktop_app.storage.paths import data_home, write_private
from desktop_app.storage.settings import load_settings

DIRECTORY_FILE = "payers.json"
# Built on the first read of the directory, not at import.
_ENTRIES = TypeAdapter(list[PayerEntry], config=ConfigDict(defer_build=True))


class PayerDirectoryStore(Protocol):
    def load(self) -> list[PayerEntry]: ...
    # With `expected_version` (what version() said when the list was opened): refused with
    # DirectoryChanged if the stored list changed since, so no desk saves over another's.
    def save(self, entries: list[PayerEntry], expected_version: object = None) -> None: ...
    def version(self) -> object: ...  # changes whenever the stored list changes


class DirectoryChanged(StorageError):
    """Another desk saved the list since this one read it; nothing was saved."""

    def __init__(self, what: str) -> None:
        super().__init__(f"another desk saved {what} meanwhile; yours was not saved",
                         hint="what you changed is still on screen: open the list again "
                              "to see theirs, then make your change again")


def parse_payers(text: str, source: str) -> list[PayerEntry]:
    """The practice's entries from the stored JSON text; StorageError naming what is wrong."""
    try:
        data = load_json(text, source=source)
        return _ENTRIES.validate_python(data.get("payers", []) if isinstance(data, dict)
                                        else data)
    except (ValueError, ValidationError, CaseFileError) as exc:
        where = first_problem(exc)[1] if isinstance(exc, ValidationError) else None
        raise StorageError("the payer directory is damaged", file=source,
                           field=where,
                           hint="fix or remove it, or import the directory again "
                           "from a CSV file") from None


def payers_text(entries: list[PayerEntry]) -> str:
    """The stored form: the practice's own entries (shipped ones are the app's, not saved)."""
    practice = [e.model_dump(mode="json", exclude_defaults=True) for e in entries
                if not e.builtin]
    return json.dumps({"format": "pa-letter-payers/1", "payers": practice}, indent=2,
                      ensure_ascii=False) + "\n"


class PayerDirectoryFile:
    """The directory as a JSON file, readable by the user alone."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[PayerEntry]:
        if not self.path.exists():
            return []
        try:
            raw = limits.read_bounded(self.path, limits.PRACTICE_LIST_BYTES,
                                      what="the payer directory", error=StorageError)
        except OSError as exc:
            raise StorageError(f"cannot read the payer directory ({exc.strerror})",
                               file=str(self.path)) from None
        try:
            text = raw.decode("utf-8-sig")  # an admin may have fixed it in Notepad
        except UnicodeDecodeError:
            raise StorageError("the payer directory is damaged (not UTF-8 text)",
                               file=str(self.path)) from None
        return parse_payers(text, source=str(self.path))

    def save(self, entries: list[PayerEntry], expected_version: object = None) -> None:
        if expected_version is not None and self.version() != expected_version:
            raise DirectoryChanged("the payer directory")
        data = payers_text(entries).encode("utf-8")
        limits.refuse_unreadable_save(data, limits.PRACTICE_LIST_BYTES,
                                      what="the payer directory", error=StorageError,
                                      file=str(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(self.path, data)

    def version(self) -> object:
        try:
            stat = self.path.stat()
        except OSError:
            return (str(self.path), None, None)  # not None: "no list yet" is a version too
        return (str(self.path), stat.st_mtime_ns, stat.st_size)


def practice_folder() -> Path:
    """Where practice-wide lists are kept: the shared templates folder if set and reachable
    (so every desk sees the same list), else this user's data folder."""
    try:
        shared = load_settings().shared_templates_dir
    except StorageError:
        shared = None
    folder = Path(shared).expanduser() if shared else None
    if folder is None or not folder.is_dir():
        folder = data_home()
    return folder


def directory_store() -> PayerDirectoryStore:
    """The practice's directory: in the shared templates folder if set and reachable."""
    return PayerDirectoryFile(practice_folder() / DIRECTORY_FILE)
