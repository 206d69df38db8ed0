"""Half-written files (`.part-*`): private, beside their target, gone on failure and after a kill.

A letter is first written to a `.part-` file beside its final name and renamed into place
once whole. A killed process cannot remove its `.part-` file, which holds the whole letter
(name, date of birth, member ID), so each one is noted in the data folder's pending-writes/
with the process that owns it; the next start removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import secrets
import stat
import tempfile
from pathlib import Path

from desktop_app import limits
from desktop_app.errors import StorageError
from desktop_app.storage.paths import data_home, ensure_private_dir

PART_PREFIX = ".part-"
PENDING_DIR = "pending-writes"


def _pending_folder() -> Path:
    return ensure_private_dir(data_home() / PENDING_DIR)


def _process_started(pid: int) -> str | None:
    """The process's start time (Linux), so a reused process number is not taken for it."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return started is None or _process_started(pid) in (None, started)


def _note_path(part: Path) -> Path:
    # Named by the part's random token: never by the target, which may hold patient data.
    token = part.name.removeprefix(PART_PREFIX).split("-", 1)[0]
    return _pending_folder() / f"{token}.json"


def new_part(target: Path, owner_pid: int | None = None) -> Path:
    """An empty private `.part-` file beside `target`, noted as pending for its owner (this
    process, or the batch that will rename what a worker process wrote)."""
    _refuse_special_target(target)
    folder = (target.parent if str(target.parent) else Path(".")).resolve()
    token = secrets.token_hex(8)
    # The note first, then the file (named from the note's token): a kill in between leaves
    # a note with nothing to remove, never a part file nobody knows of.
    owner = owner_pid or os.getpid()
    prefix = f"{PART_PREFIX}{token}-"
    note = {"folder": str(folder), "prefix": prefix, "pid": owner,
            "started": _process_started(owner)}
    note_path = _pending_folder() / f"{token}.json"
    with contextlib.suppress(OSError, StorageError):
        fd = os.open(note_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            os.write(fd, json.dumps(note).encode("utf-8"))
        finally:
            os.close(fd)
    try:
        fd, name = tempfile.mkstemp(prefix=prefix, dir=folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            note_path.unlink()
        raise StorageError(f"cannot write here ({exc.strerror})", file=str(target)) from None
    os.close(fd)
    return Path(name)


def _refuse_special_target(target: Path) -> None:
    """A folder, a device or a pipe (or a link to one) is never renamed over.

    `-o /dev/full` or `-o /dev/stdout` (a link to the terminal) once replaced the device with
    a regular file when run as root: every later program lost it. A link to a regular file
    is replaced by the new file, as before.
    """
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return  # nothing there yet (or a dangling link): the rename creates the file
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a device or a pipe, not a file"
        raise StorageError(f"cannot write the file (it is {what})", file=str(target))


def commit_part(part: Path, target: Path) -> None:
    """Rename the whole file into place (atomic on one file system) and drop its note."""
    try:
        os.chmod(part, 0o600)
        os.replace(part, target)
    except OSError as exc:
        discard_part(part)
        raise StorageError(f"cannot write the file ({exc.strerror})", file=str(target)) from None
    _forget(part)


def discard_part(part: Path) -> None:
    with contextlib.suppress(OSError):
        part.unlink()
    _forget(part)


def _forget(part: Path) -> None:
    with contextlib.suppress(OSError, StorageError):
        _note_path(part).unlink()


def _is_part_prefix(prefix: str) -> bool:
    """Only a prefix of ours: a damaged or hand-made note must never delete a letter."""
    return prefix.startswith(PART_PREFIX) and "/" not in prefix


def _remove_parts(folder: Path, prefix: str) -> int:
    """Remove the `.part-` files a note names (a prefix `_is_part_prefix` accepted)."""
    removed = 0
    for part in folder.glob(f"{glob.escape(prefix)}*"):
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
            removed += 1
    return removed


def discard_abandoned(folder: Path, pid: int) -> int:
    """Remove the `.part-` files process `pid` noted in `folder` and never finished: a batch
    stopped with Ctrl+C calls this once its workers are gone, so no half-made letter stays."""
    try:
        notes = list(_pending_folder().glob("*.json"))
        wanted = str(folder.resolve())
    except (StorageError, OSError):
        return 0
    removed = 0
    for note in notes:
        try:
            raw = limits.read_capped(note, limits.APP_RECORD_BYTES)
            data = json.loads(raw.decode("utf-8")) if raw is not None else {}
            mine = int(data["pid"]) == pid and str(data["folder"]) == wanted
            prefix = str(data["prefix"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not this batch's: the next start's clean-up deals with it
        if not mine or not _is_part_prefix(prefix):
            continue
        removed += _remove_parts(folder, prefix)
        with contextlib.suppress(OSError):
            note.unlink()
    return removed


def remove_leftovers() -> int:
    """Remove `.part-` files left by processes that were killed; returns how many."""
    try:
        notes = list(_pending_folder().glob("*.json"))
    except StorageError:
        return 0
    removed = 0
    for note in notes:
        try:
            raw = limits.read_capped(note, limits.APP_RECORD_BYTES)
            if raw is None:
                raise ValueError("far larger than a note")  # garbled: removed like one
            data = json.loads(raw.decode("utf-8"))
            folder, prefix = Path(data["folder"]), str(data["prefix"])
            pid, started = int(data["pid"]), data.get("started")
        except (OSError, ValueError, KeyError, TypeError):
            with contextlib.suppress(OSError):
                note.unlink()
            continue
        if _alive(pid, started):
            continue
        if _is_part_prefix(prefix):
            removed += _remove_parts(folder, prefix)
        with contextlib.suppress(OSError):
            note.unlink()
    return removed
