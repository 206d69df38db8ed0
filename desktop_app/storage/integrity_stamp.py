"""Whether an open of the SQLite case database must run SQLite's quick check again.

PRAGMA quick_check reads every page: about 30 ms for 10,000 cases (47 MB) from the page
cache, far more from disk after a reboot, and more as the audit log grows; the app ran it on
every start, and again when the store opened. The damage it finds comes from outside SQLite
(a crash mid-write, a disk or sync tool changing bytes, a file copied while open), and each
changes the file's size or modification time, or leaves a write-ahead log or journal behind.

So a stamp beside the database (no patient data) keeps when the check last passed and the
file's identity, size and modification time as this app last left it: after the check, and
again when its last connection closed cleanly. An open skips the check only when the check
passed within a day and the file is exactly as stamped with no log or journal left; anything
else (a crash, a write by another program, a restored backup, a new day) checks again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

from desktop_app.errors import StorageError
from desktop_app.storage.paths import write_private

STAMP_SUFFIX = ".checked"
CHECK_EVERY = dt.timedelta(days=1)
_LEFT_BEHIND = ("-wal", "-journal")  # writes not yet in the file: a crash, or a user writing

FileState = list[int]


def stamp_file(path: Path) -> Path:
    return path.with_name(path.name + STAMP_SUFFIX)


def file_state(path: Path) -> FileState | None:
    """Identity, size and modification time of the file; None when writes are pending."""
    try:
        for suffix in _LEFT_BEHIND:
            side = Path(f"{path}{suffix}")
            if side.exists() and side.stat().st_size > 0:
                return None
        found = path.stat()
    except OSError:
        return None
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def _read(path: Path) -> tuple[dt.datetime, object] | None:
    try:
        stamp = json.loads(stamp_file(path).read_text(encoding="utf-8"))
        checked = dt.datetime.fromisoformat(stamp["checked"])
    except (OSError, ValueError, TypeError, KeyError):
        return None  # no stamp, or one that is not ours: check
    if checked.tzinfo is None:
        return None
    return checked, stamp.get("file")


def _write(path: Path, checked: dt.datetime, state: FileState) -> None:
    text = json.dumps({"checked": checked.isoformat(timespec="seconds"), "file": state})
    with contextlib.suppress(OSError, StorageError):
        write_private(stamp_file(path), text.encode("ascii"))  # without it: checked next time


def check_is_due(path: Path, now: dt.datetime | None = None) -> bool:
    found = _read(path)
    if found is None:
        return True
    checked, state = found
    moment = now or dt.datetime.now(dt.UTC)
    if not moment - CHECK_EVERY < checked <= moment:
        return True
    current = file_state(path)
    return current is None or state != current


def record_check(path: Path, before: FileState | None) -> None:
    """The check passed on the file as it was `before` it (taken then, so a write made
    while it ran does not pass for checked)."""
    if before is not None:
        _write(path, dt.datetime.now(dt.UTC), before)


def record_clean_close(path: Path) -> None:
    """This app's last connection closed: the file as SQLite left it is what the next open
    may trust, until the day's check is due again."""
    found = _read(path)
    current = file_state(path)
    if found is not None and current is not None and found[1] is not None:
        _write(path, found[0], current)
