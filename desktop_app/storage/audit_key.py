"""The installation's secret key for the audit log's keyed hashes (HMAC-SHA-256).

The key lives outside the case database, so someone who can edit the database cannot
recompute the chain: in the operating system's keyring where one is available, otherwise in
`audit.key` in the data folder, readable by the user alone. A practice sharing one database
between workstations points each at the same key file with PA_LETTER_AUDIT_KEY_FILE.

A plain-text keyring (keyrings.alt) or the "no keyring" placeholder is never used: the file
is no worse than the first and the second stores nothing.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.errors import StorageError
from desktop_app.storage.paths import data_home, write_private

KEY_FILE = "audit.key"
KEY_FILE_ENV = "PA_LETTER_AUDIT_KEY_FILE"
KEYRING_SERVICE = "PA Letter Studio"
KEYRING_USER = "audit-log-key"
KEY_BYTES = 32


class AuditKeyMissing(StorageError):
    """The log has keyed entries but the key that made them is gone."""

    def __init__(self, where: str) -> None:
        super().__init__(
            "the audit log's key is missing, so the log cannot be checked or extended",
            file=where,
            hint="restore the key file (or the keyring entry) from this computer's backup",
        )


def key_file() -> Path:
    override = os.environ.get(KEY_FILE_ENV, "").strip()
    return Path(override) if override else data_home() / KEY_FILE


def usable_keyring() -> Any:
    """The OS keyring backend, or None where there is none (headless Linux, CI)."""
    if os.environ.get(KEY_FILE_ENV, "").strip():
        return None  # the practice chose a shared key file
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except (KeyringError, RuntimeError):
        return None
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")):
        return None
    return backend


def _from_keyring(backend: Any) -> bytes | None:
    try:
        stored = backend.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception:  # noqa: BLE001 - a locked or broken keyring falls back to the file
        return None
    return _decode(stored) if stored else None


def _decode(text: str) -> bytes | None:
    try:
        value = bytes.fromhex(text.strip())
    except ValueError:
        return None
    return value if len(value) == KEY_BYTES else None


def _from_file(path: Path) -> bytes | None:
    try:
        data = limits.read_capped(path, limits.APP_RECORD_BYTES)
        text = None if data is None else data.decode("ascii")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StorageError(f"cannot read the audit key ({exc})", file=str(path)) from None
    value = None if text is None else _decode(text)
    if value is None:
        raise StorageError("the audit key file is damaged", file=str(path))
    return value


def load_key() -> bytes | None:
    """The installation's key, or None when none was ever made here.

    The key is made in one place only (create_key: the file is written only when no keyring
    took it), so a key file means the key is there. It is read first because asking for the
    keyring imports and probes every keyring backend installed, which took longer than the
    rest of rendering a letter from the command line.
    """
    found = _from_file(key_file())
    if found is not None:
        return found
    backend = usable_keyring()
    return _from_keyring(backend) if backend is not None else None


def where_key_lives() -> str:
    return "the system keyring" if usable_keyring() is not None else str(key_file())


def create_key() -> bytes:
    """Make the key once: in the keyring if there is one, else the private key file."""
    key = secrets.token_bytes(KEY_BYTES)
    backend = usable_keyring()
    if backend is not None:
        with contextlib.suppress(Exception):
            backend.set_password(KEYRING_SERVICE, KEYRING_USER, key.hex())
            if _from_keyring(backend) == key:
                return key
    path = key_file()
    _write_once(path, (key.hex() + "\n").encode("ascii"))
    # Two programs starting at once: the first file written wins and both use it.
    found = _from_file(path)
    assert found is not None
    return found


def _write_once(path: Path, data: bytes) -> None:
    """Write a private file under `path` unless one is there already (never replace a key)."""
    part = path.with_name(f".part-{secrets.token_hex(8)}")
    write_private(part, data)
    try:
        os.link(part, path)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StorageError(f"cannot save the audit key ({exc.strerror})", file=str(path)) from None
    finally:
        part.unlink(missing_ok=True)
