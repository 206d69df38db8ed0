"""The database file on this computer: private creation, markers, damage, moving it aside.

Nothing here opens an existing database file: POSIX drops every lock this process holds on a
file as soon as any handle to it is closed, and SQLite's locks are what keep another program
from deleting the write-ahead log this process writes into (sqlite.org/howtocorrupt.html
§2.2). Only stat(), rename and SQLite itself touch the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from pathlib import Path

from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.storage.audit_chain import AuditChain
from desktop_app.storage.paths import ensure_private_dir, write_private

log = logging.getLogger(__name__)

# Another window holding the write lock makes a connection wait this long before "busy":
# the same for the full database, the quick audit writer and the first screen's read.
BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm", "-journal")

MARKER_SUFFIX = ".marker"


class DamagedDatabase(DatabaseUnusable):
    """The database file is not a readable SQLite database (random bytes, truncated, empty...)."""

    def __init__(self, path: Path, what: str = "is damaged and cannot be opened") -> None:
        super().__init__(
            f"the case database {what}",
            file=str(path),
            hint="restore it from a backup: pa-letter backup list",
        )
        self.path = path


class MissingDatabase(DamagedDatabase):
    """The database file that was here before is gone; a new empty one is never made."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "is missing, although it existed before")


def marker_file(path: Path) -> Path:
    """Beside the database: says a database existed here, so its absence is damage."""
    return path.with_name(path.name + MARKER_SUFFIX)


def prepare_sqlite_file(path: Path) -> None:
    """Create a missing database file private; never open an existing one outside SQLite.

    POSIX releases every lock this process holds on a file as soon as any handle to that file
    is closed. Opening and closing the database file here while another connection of this
    process has it open (the audit viewer opens its own) would drop that connection's locks;
    another program closing the database next then takes itself for the last user and deletes
    the write-ahead log this process still writes into (sqlite.org/howtocorrupt.html §2.2).
    """
    # The folder is made private if it is made now; one the user named keeps its permissions
    # (a database file they put in their Documents folder must not make Documents 0700).
    ensure_private_dir(path.parent, tighten=False)
    try:
        # Created private before SQLite touches it; SQLite gives its -wal and -shm files the
        # same mode as the database (sqlite.org/src os_unix.c findCreateFileMode).
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        pass  # an existing file: SQLite alone opens it
    except OSError as exc:
        raise StorageError(
            f"cannot open the case database ({exc.strerror})", file=str(path)
        ) from None
    else:
        os.close(fd)
    with contextlib.suppress(OSError):
        path.chmod(0o600)


def refuse_lost_file(path: Path, chain: AuditChain) -> None:
    """A file that existed before and is now gone or empty is damage, never a first run.

    The marker beside the file, or this database's audit head in the data folder, says that
    a database existed. Only stat() is used: opening the file here would drop SQLite's locks
    (see _prepare_sqlite_file).
    """
    try:
        size: int | None = path.stat().st_size
    except FileNotFoundError:
        size = None
    except OSError as exc:
        raise DatabaseUnusable(
            f"cannot read the case database ({exc.strerror})", file=str(path)
        ) from None
    if size:
        return
    existed = marker_file(path).exists() or chain.head_file.path.exists()
    if not existed:
        return  # a first run
    if size is None:
        raise MissingDatabase(path)
    raise DamagedDatabase(path, "is empty (0 bytes), although it held data")


def leave_marker(path: Path) -> None:
    marker = marker_file(path)
    if marker.exists():
        return
    with contextlib.suppress(OSError, StorageError):
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        write_private(marker, f"PA Letter Studio case database, first opened {stamp}\n".encode())


def quarantine_database_file(path: Path) -> Path:
    """Move a damaged database file (and its -wal/-shm) aside under a dated name."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
    try:
        if path.exists():
            os.replace(path, target)
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{target}{suffix}"))
    except OSError as exc:
        raise StorageError(
            f"cannot move the damaged database aside ({exc.strerror})", file=str(path)
        ) from None
    log.warning("moved a damaged case database aside")
    return target
