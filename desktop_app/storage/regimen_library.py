"""Where the practice's regimens are kept: regimens.json beside the payer directory (the
shared templates folder when one is set, else the data folder), readable by the user alone.

One small interface (`RegimenStore`), as for the payer directory: on a shared database the
same JSON text is a practice document instead (storage.practice_lists).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from pydantic import ConfigDict, TypeAdapter, ValidationError

from desktop_app import limits
from desktop_app.domain.json_input import load_json
from desktop_app.domain.problems import first_problem
from desktop_app.domain.regimens import PracticeRegimen
from desktop_app.errors import CaseFileError, StorageError
from desktop_app.storage.paths import write_private
from desktop_app.storage.payer_directory import practice_folder

REGIMENS_FILE = "regimens.json"
# Built on the first read of the list, not at import (a render never reads it).
_REGIMENS = TypeAdapter(list[PracticeRegimen], config=ConfigDict(defer_build=True))


class RegimenStore(Protocol):
    def load(self) -> list[PracticeRegimen]: ...
    def save(self, regimens: list[PracticeRegimen]) -> None: ...


class RegimenFile:
    """The practice's regimens as one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[PracticeRegimen]:
        if not self.path.exists():
            return []
        try:
            raw = limits.read_bounded(self.path, limits.PRACTICE_LIST_BYTES,
                                      what="the practice regimens", error=StorageError)
        except OSError as exc:
            raise StorageError(f"cannot read the practice regimens ({exc.strerror})",
                               file=str(self.path)) from None
        try:
            text = raw.decode("utf-8-sig")  # an admin may have fixed it in Notepad
        except UnicodeDecodeError:
            raise StorageError("the practice regimens file is damaged (not UTF-8 text)",
                               file=str(self.path)) from None
        return parse_regimens(text, source=str(self.path))

    def save(self, regimens: list[PracticeRegimen]) -> None:
        data = regimens_text(regimens).encode("utf-8")
        limits.refuse_unreadable_save(data, limits.PRACTICE_LIST_BYTES,
                                      what="the practice regimens", error=StorageError,
                                      file=str(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(self.path, data)


def parse_regimens(text: str, source: str) -> list[PracticeRegimen]:
    """The regimens from the stored JSON text; StorageError naming what is wrong."""
    try:
        data = load_json(text, source=source)
        items = data.get("regimens", []) if isinstance(data, dict) else data
        # Through JSON again, so dates read as the case file reads them.
        return _REGIMENS.validate_json(json.dumps(items))
    except (ValueError, ValidationError, CaseFileError) as exc:
        where = first_problem(exc)[1] if isinstance(exc, ValidationError) else None
        raise StorageError("the practice regimens file is damaged", file=source,
                           field=where,
                           hint="fix or remove the file; cases are not affected") from None


def regimens_text(regimens: list[PracticeRegimen]) -> str:
    items = [r.model_dump(mode="json", exclude_none=True) for r in regimens]
    return json.dumps({"format": "pa-letter-regimens/1", "regimens": items}, indent=2,
                      ensure_ascii=False) + "\n"


def regimen_store() -> RegimenStore:
    return RegimenFile(practice_folder() / REGIMENS_FILE)
