"""The user's data folder and private file writes.

`PA_LETTER_HOME` overrides the folder (every test sets it). Files the app writes are readable
by the user alone (mode 0600, folders 0700) because they may hold patient data.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from platformdirs import user_cache_dir, user_data_dir

from desktop_app.errors import StorageError

APP_NAME = "PA Letter Studio"


def data_home() -> Path:
    """The data folder, created private if missing."""
    override = os.environ.get("PA_LETTER_HOME")
    home = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    return ensure_private_dir(home)


def cache_home() -> Path:
    """Derived files (such as the ICD-10-CM index) that can be rebuilt at any time.

    Kept apart from the data folder so that a new data folder does not pay for a rebuild;
    `PA_LETTER_CACHE` overrides it. Holds no patient data.
    """
    override = os.environ.get("PA_LETTER_CACHE")
    home = Path(override) if override else Path(user_cache_dir(APP_NAME, appauthor=False))
    return ensure_private_dir(home)


def ensure_private_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):
            path.chmod(0o700)
    except OSError as exc:
        raise StorageError(
            f"cannot create the data folder ({exc.strerror})", file=str(path)
        ) from None
    return path


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Write to a private temporary file beside `target`, then rename it into place.

    A crash or a full disk never leaves a half-written file under the final name.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=folder)
    except OSError as exc:
        raise StorageError(f"cannot write here ({exc.strerror})", file=str(target)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot write the file ({exc.strerror})", file=str(target)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_private(target: Path, data: bytes) -> None:
    with atomic_writer(target) as stream:
        stream.write(data)
