"""The user's data folder and private file writes.

`PA_LETTER_HOME` overrides the folder (every test sets it). Files the app writes are readable
by the user alone (mode 0600, folders 0700) because they may hold patient data.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop_app.errors import StorageError

APP_NAME = "PA Letter Studio"
# In the data folder once the sample cases were offered, so deleting every case never brings
# them back (services/casefiles.py writes it; the first screen looks for it: no examples to
# offer at this start).
EXAMPLES_MARKER = "examples-imported"


# What the app itself keeps in a data folder (database_address.DB_FILE, settings_plain's
# SETTINGS_FILE, audit_key.KEY_FILE, part_files.PENDING_DIR, made by every command; those
# modules import this one, so the names are listed here and a test keeps them in step): a
# folder holding one of them, or nothing yet, is the app's own, and its permissions the app's.
_APP_ENTRIES = ("cases.sqlite3", "settings.json", "audit.key", "pending-writes")
_tighten: dict[str, bool] = {}  # PA_LETTER_HOME as given -> whether its folder is the app's


def data_home() -> Path:
    """The data folder, created private if missing."""
    override = os.environ.get("PA_LETTER_HOME")
    if override:
        if override not in _tighten:
            _tighten[override] = _own_data_folder(Path(override))
        return ensure_private_dir(Path(override), tighten=_tighten[override])
    # Imported here: platformdirs brings tempfile, shutil and the compression modules, which
    # a command given its folders (PA_LETTER_HOME, PA_LETTER_CACHE) never uses.
    from platformdirs import user_data_dir

    return ensure_private_dir(Path(user_data_dir(APP_NAME, appauthor=False)))


def _own_data_folder(path: Path) -> bool:
    """Whether the data folder PA_LETTER_HOME names may be made private (0700) by the app.

    The top folder of a disk, or the home folder and those above it, are refused: the app
    would make them readable by one user alone and fill them with its files. Another folder
    that already holds other things (a Documents folder) is used as it is: its permissions are
    its owner's (the window notes a data folder others may change, services/data_folder.py).
    """
    try:
        resolved = path.expanduser().resolve()
        home = Path.home().resolve()
    except (OSError, RuntimeError):  # no home folder known: only the disk's top is refused
        resolved, home = path.absolute(), None
    if resolved == Path(resolved.anchor) or (home is not None and (
            resolved == home or resolved in home.parents)):
        raise StorageError(
            "PA_LETTER_HOME names a folder that holds far more than this app's data (the "
            "top of a disk, or a home folder), so it is not used as the data folder",
            file=str(path),
            hint="point PA_LETTER_HOME at a folder of its own, such as ~/PA Letter Studio",
        )
    try:
        entries = [entry.name for entry in os.scandir(resolved)]
    except OSError:
        return True  # missing (it is made now, private) or unreadable (making it fails)
    return not entries or any(name in entries for name in _APP_ENTRIES)


def cache_home() -> Path:
    """Derived files (such as the ICD-10-CM index) that can be rebuilt at any time.

    Kept apart from the data folder so that a new data folder does not pay for a rebuild;
    `PA_LETTER_CACHE` overrides it. Holds no patient data.
    """
    override = os.environ.get("PA_LETTER_CACHE")
    if override:
        return own_private_folder(Path(override))
    from platformdirs import user_cache_dir  # as in data_home

    return own_private_folder(Path(user_cache_dir(APP_NAME, appauthor=False)))


def own_private_folder(path: Path) -> Path:
    """`path` made as ensure_private_dir makes it, and refused unless it is this user's alone.

    For the cache folder and its folders: what they keep is run (compiled letter templates and
    the code of generated_code.py) or trusted (parsed fonts, looked-up citations), so a file
    another user put there must never be read. A folder someone else owns (its chmod to 0700
    then fails), or one others may still write in, raises StorageError; every cache treats
    that as no cache at all and only costs time. Jinja checks its own default cache folder the
    same way. Where the system has no POSIX owners (Windows), the folder's access list decides.
    """
    ensure_private_dir(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        reason = exc.strerror or "unreadable"
        raise StorageError(f"cannot use the cache folder ({reason})", file=str(path)) from None
    if not (stat.S_ISDIR(info.st_mode) and is_own_private(info)):
        raise StorageError(
            "the cache folder is not this user's own private folder (another user owns it, or "
            "others may write in it), so nothing kept in it is used",
            file=str(path),
        )
    return path


def others_may_change(folder: Path) -> bool:
    """Whether someone else owns `folder` or may write in it (so rename, replace or delete
    what it holds), once the app has tried to make it private; False where it cannot tell."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return not is_own_private(info)


def is_own_private(info: os.stat_result) -> bool:
    """Whether a file or folder belongs to this user and nobody else may write to it."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def is_own_private_file(stream: BinaryIO) -> bool:
    """Whether an opened file is a regular file this user alone may write (see above)."""
    info = os.fstat(stream.fileno())
    return stat.S_ISREG(info.st_mode) and is_own_private(info)


def ensure_private_dir(path: Path, *, tighten: bool = True) -> Path:
    """`path` as a folder readable by the user alone, with every folder made for it 0700.

    An existing `path` is made 0700 too unless `tighten` is False: a folder the user chose for
    something of their own (the folder of a database file they named) keeps its permissions.
    """
    try:
        # One folder at a time: mkdir(parents=True) gives the folders above the last one the
        # umask's mode (0755), and `attachments/` above a case's folder would be one of them.
        missing = []
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            folder.mkdir(exist_ok=True, mode=0o700)
        path.mkdir(exist_ok=True, mode=0o700)  # a file in its place fails here, as it must
        if tighten:
            with contextlib.suppress(OSError):
                path.chmod(0o700)
    except OSError as exc:
        raise StorageError(
            f"cannot create the data folder ({exc.strerror})", file=str(path)
        ) from None
    return path


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Write to a private `.part-` file beside `target`, then rename it into place.

    A crash or a full disk never leaves a half-written file under the final name, and the
    `.part-` file is removed on any failure (or at the next start after a kill; part_files).
    """
    from desktop_app.storage.part_files import commit_part, discard_part, new_part

    target = Path(target)
    tmp = new_part(target)
    try:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_TRUNC), "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        discard_part(tmp)
        raise StorageError(f"cannot write the file ({exc.strerror})", file=str(target)) from None
    except BaseException:
        discard_part(tmp)
        raise
    commit_part(tmp, target)


def open_private(path: Path, flags: int = os.O_RDWR) -> int:
    """A descriptor on `path` (opened with `flags`), the file created 0600 if missing.

    For files kept open rather than written whole (a lock file, a marker): `open()` would
    create them with the process umask, 0644 under the usual 022, readable by every account
    on the computer. A file left 0644 by an older release is narrowed to 0600 here too.
    A symbolic link in its place is refused, never followed.
    """
    fd = os.open(path, flags | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o600)
    return fd


def write_private(target: Path, data: bytes) -> None:
    with atomic_writer(target) as stream:
        stream.write(data)
