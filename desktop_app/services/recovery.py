"""Typing that could not be saved is kept on disk until it is: one recovery file per case.

When a save fails (the database busy past its wait, unreachable, a full disk), the case as
typed goes to recovery/<case id>.json in the data folder, private like the database, while the
window keeps retrying. A successful save removes it; opening the case later (after a crash or
a restart) offers the kept text back. File names hold the case id only, never patient data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app import limits
from desktop_app.domain.case import Case
from desktop_app.domain.casefile import case_to_dict, parse_case
from desktop_app.errors import AppError
from desktop_app.storage.paths import data_home, ensure_private_dir, write_private

RECOVERY_DIR = "recovery"
_SAFE_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@dataclass(frozen=True, slots=True)
class KeptTyping:
    case_id: str
    case: Case
    kept_at: dt.datetime
    revision: int  # the stored revision the typing started from


def _path(case_id: str) -> Path | None:
    if not _SAFE_ID.match(case_id):
        return None
    return ensure_private_dir(data_home() / RECOVERY_DIR) / f"{case_id}.json"


def keep_typing(case_id: str, case: Case, revision: int) -> Path | None:
    """Write the unsaved case beside the database; None when it could not be kept either."""
    path = _path(case_id)
    if path is None:
        return None
    record = {
        "case_id": case_id,
        "revision": revision,
        "kept_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "case": case_to_dict(case),
    }
    try:
        write_private(path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except AppError:
        return None
    return path


def kept_typing(case_id: str) -> KeptTyping | None:
    """What was kept for this case, or None (nothing kept, or the file is unreadable)."""
    path = _path(case_id)
    if path is None or not path.exists():
        return None
    try:
        raw = limits.read_capped(path, limits.CASE_FILE_BYTES)
        if raw is None:
            return None  # far larger than one case: not what was kept
        record = json.loads(raw.decode("utf-8"))
        case = parse_case(record["case"], source=f"recovery file for case {case_id}")
        when = dt.datetime.fromisoformat(record["kept_at"])
        return KeptTyping(case_id, case, when, int(record.get("revision", 0)))
    except (OSError, ValueError, KeyError, TypeError, AppError):
        return None


def forget_typing(case_id: str) -> None:
    """The typing reached the database (or staff chose to discard it)."""
    path = _path(case_id)
    if path is not None:
        path.unlink(missing_ok=True)
