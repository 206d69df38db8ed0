"""Remove cache entries that other versions of the app left behind, and nothing else.

Compiled templates (`templates-<fingerprint>/`), the ICD-10-CM index (`icd10-<version>-….json`)
and parsed fonts (`fonts/<face>.font`) are keyed by the app's and its libraries' versions, so
each upgrade leaves the previous version's entries behind for good. Only an entry whose whole
name is one the app writes is ever looked at; a symlink is never followed (nor removed: the
app makes none), a folder is emptied only of the files the app writes in it (anything else
keeps it), and any error leaves the entry as it is. An entry another version may still use
(a second desk on this computer, not yet upgraded) is kept until nothing has written or read
it for the grace period. Holds no patient data: the cache folder has none.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# Kept this long after its last use: a desk of another version on this computer that is
# still open (or opened weekly) keeps what it uses, and loses at worst a rebuild.
GRACE_SECONDS: Final = 7 * 24 * 3600
# At most one look a day: a start pays a single stat for it otherwise.
EVERY_SECONDS: Final = 24 * 3600
# In the cache folder; its time says when old entries were last looked for.
CHECKED_MARKER: Final = "old-versions-checked"


@dataclass(frozen=True, slots=True)
class CacheKind:
    """One kind of entry the app writes in a cache folder, known by its whole name."""

    name: re.Pattern[str]
    # True for the entry of the version running now (asked only of an entry past its grace).
    is_current: Callable[[Path], bool]
    # A folder of files whose names match this (None: the entry is one file).
    contents: re.Pattern[str] | None = None


def checking_due(folder: Path, now: float | None = None) -> bool:
    """True when old entries were not looked for in this folder within the last day."""
    try:
        checked = (folder / CHECKED_MARKER).stat(follow_symlinks=False).st_mtime
    except OSError:
        return True
    moment = time.time() if now is None else now
    return not 0 <= moment - checked < EVERY_SECONDS


def note_checked(folder: Path) -> None:
    """Remember that old entries were looked for now (a folder that cannot be written: the
    next start looks again, which costs a few stats)."""
    marker = folder / CHECKED_MARKER
    with contextlib.suppress(OSError):
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
        os.utime(marker)


def remove_stale(folder: Path, kinds: Sequence[CacheKind], *, now: float | None = None,
                 grace: float = GRACE_SECONDS) -> int:
    """Remove the entries of `folder` of one of `kinds` that are not the current version's
    and were not used within `grace` seconds; returns how many were removed."""
    moment = time.time() if now is None else now
    removed = 0
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return 0
    for entry in entries:
        kind = next((k for k in kinds if k.name.fullmatch(entry.name)), None)
        if kind is not None and _remove_if_stale(Path(entry.path), kind, moment, grace):
            removed += 1
    return removed


def _remove_if_stale(path: Path, kind: CacheKind, now: float, grace: float) -> bool:
    try:
        info = path.lstat()
        wanted = stat.S_ISDIR if kind.contents is not None else stat.S_ISREG
        if not wanted(info.st_mode):
            return False  # a symlink, or not the shape the app writes: not ours
        if kind.contents is None:
            if now - _last_use(info) < grace or kind.is_current(path):
                return False
            path.unlink()
            return True
        return _remove_folder_if_stale(path, kind.contents, info, kind, now, grace)
    except OSError:
        return False  # in use, locked or not ours to remove: left as it is


def _remove_folder_if_stale(path: Path, contents: re.Pattern[str], info: os.stat_result,
                            kind: CacheKind, now: float, grace: float) -> bool:
    # The folder's own access time is not a use: listing it (here) would renew it.
    last_use = info.st_mtime
    files: list[Path] = []
    with os.scandir(path) as listing:
        for entry in listing:
            if not contents.fullmatch(entry.name):
                return False  # something the app did not write: the folder stays
            inner = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(inner.st_mode):
                return False
            last_use = max(last_use, _last_use(inner))
            files.append(Path(entry.path))
    if now - last_use < grace or kind.is_current(path):
        return False
    for file in files:
        file.unlink()
    path.rmdir()  # fails, keeping the folder, if another run wrote a file meanwhile
    return True


def _last_use(info: os.stat_result) -> float:
    # Reads renew the access time (at most daily with relatime; never with noatime, when the
    # write time alone counts).
    return max(info.st_mtime, info.st_atime)
