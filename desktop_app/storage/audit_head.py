"""The audit chain's head kept outside the database: how many entries there were, and the last.

Deleting the newest entries, or all of them, leaves a chain that still links up. This small
file in the data folder remembers the longest chain this installation wrote or checked, so
the check finds it shorter than it was. The head is sealed with the audit key; it only ever
moves forward, except when a backup is restored on purpose (which is itself logged).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from desktop_app import limits
from desktop_app.errors import StorageError
from desktop_app.storage.paths import data_home, ensure_private_dir, open_private, write_private

HEADS_DIR = "audit-heads"
SQLITE_PREFIX = "sqlite:///"


@dataclass(frozen=True, slots=True)
class ChainHead:
    count: int
    mac: str


def database_identity(url: str) -> str:
    """A short name for a database that holds no password (file path, or server and name)."""
    if _plain_sqlite_file(url):
        # Rendered as SQLAlchemy renders it (tests/unit/storage), without importing it.
        shown = SQLITE_PREFIX + quote(url.removeprefix(SQLITE_PREFIX), safe=" +/")
    else:
        from sqlalchemy.engine import make_url

        try:
            shown = make_url(url).render_as_string(hide_password=True)
        except Exception:  # noqa: BLE001 - an unusable URL fails elsewhere, in words
            shown = url
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:24]


def _plain_sqlite_file(url: str) -> bool:
    """A `sqlite:///path` URL with no query, password or percent-escapes: the common case,
    named without importing SQLAlchemy (a one-letter render does not otherwise need it)."""
    return url.startswith(SQLITE_PREFIX) and not any(mark in url for mark in "?@%#")


class HeadFile:
    """The sealed head of one database's chain, in the data folder."""

    def __init__(self, url: str, folder: Path | None = None) -> None:
        self.folder = folder or data_home() / HEADS_DIR
        self.path = self.folder / f"{database_identity(url)}.json"

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # A lock file of its own, never the database: closing a handle to the database would
        # drop SQLite's own locks on it (see storage/database_files.py).
        ensure_private_dir(self.folder)
        try:
            lock = open_private(self.path.with_suffix(".lock"))
        except OSError as exc:
            raise StorageError(
                f"cannot lock the audit log's head record ({exc.strerror})", file=str(self.path)
            ) from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        finally:
            os.close(lock)

    def read(self, key: bytes) -> ChainHead | None:
        """The head, None when none was written; StorageError when it was changed by hand."""
        try:
            raw = limits.read_capped(self.path, limits.APP_RECORD_BYTES)
            if raw is None:
                raise ValueError("far larger than a head record")
            data = json.loads(raw.decode("utf-8"))
            head = ChainHead(int(data["count"]), str(data["mac"]))
            seal = str(data["seal"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            raise StorageError(
                "the audit log's head record is damaged", file=str(self.path)
            ) from None
        if not hmac.compare_digest(seal, _seal(key, head)):
            raise StorageError(
                "the audit log's head record was changed by hand", file=str(self.path)
            )
        return head

    def advance(self, key: bytes, head: ChainHead) -> None:
        """Remember `head` if the chain is longer than the one remembered (several writers)."""
        with self._locked():
            try:
                known = self.read(key)
            except StorageError:
                return  # left as found: the log check reports it
            if known is not None and known.count >= head.count:
                return
            self._write(key, head)

    def reset(self, key: bytes, head: ChainHead) -> None:
        """Replace the head (after restoring a backup on purpose)."""
        with self._locked():
            self._write(key, head)

    def _write(self, key: bytes, head: ChainHead) -> None:
        record = {"count": head.count, "mac": head.mac, "seal": _seal(key, head)}
        write_private(self.path, (json.dumps(record) + "\n").encode("utf-8"))


def _seal(key: bytes, head: ChainHead) -> str:
    message = f"audit-head:{head.count}:{head.mac}".encode("ascii", "replace")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
