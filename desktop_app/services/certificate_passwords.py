"""The password of a signing certificate: from a password file, or remembered in the keyring.

Where it comes from otherwise (the sign dialog's prompt) is the GUI's; the app never stores it
anywhere but the system keyring, and only when staff ask it to. Without a keyring (a headless
Linux, or the package not installed) nothing is remembered, and that is a normal state.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.errors import SigningFileUnreadable

__all__ = [
    "KEYRING_SERVICE",
    "forget_keyring_password",
    "keyring_password",
    "read_password_file",
    "remember_password",
]

KEYRING_SERVICE = "PA Letter Studio certificate"


def read_password_file(path: Path) -> bytes:
    """The password in `path`, without its one trailing newline (as `echo` writes it)."""
    data = limits.read_bounded(
        Path(path), limits.PASSWORD_FILE_BYTES, what="a password file", error=SigningFileUnreadable,
        unreadable="The password file cannot be read ({reason})",
        too_large="The password file is far too large to hold a password (over {cap})",
    )
    for ending in (b"\r\n", b"\n"):
        if data.endswith(ending):
            return data[: -len(ending)]
    return data


def _keyring_account(p12_path: Path) -> str:
    # The certificate's absolute path identifies it; it holds no patient data.
    return str(Path(p12_path).expanduser().resolve())


def _keyring() -> Any | None:
    """The keyring module, or None where it is not installed."""
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
        import keyring.errors  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return keyring


def _failures(keyring: Any) -> tuple[type[BaseException], ...]:
    # NoKeyringError (no backend, as on a headless Linux) is a KeyringError.
    return (keyring.errors.KeyringError, RuntimeError, OSError)


def keyring_password(p12_path: Path) -> bytes | None:
    """The password remembered in the system keyring, or None (no keyring is a normal state)."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        secret = keyring.get_password(KEYRING_SERVICE, _keyring_account(p12_path))
    except _failures(keyring):
        return None
    return str(secret).encode("utf-8") if secret is not None else None


def remember_password(p12_path: Path, password: bytes) -> bool:
    """Keep the password in the system keyring if there is one; False when there is none."""
    keyring = _keyring()
    if keyring is None:
        return False
    failures: tuple[type[BaseException], ...] = (UnicodeDecodeError, *_failures(keyring))
    try:
        text = password.decode("utf-8")
        keyring.set_password(KEYRING_SERVICE, _keyring_account(p12_path), text)
    except failures:
        return False
    return True


def forget_keyring_password(p12_path: Path) -> None:
    """Remove a remembered password; nothing happens where there is no keyring."""
    keyring = _keyring()
    if keyring is None:
        return
    with contextlib.suppress(*_failures(keyring)):
        keyring.delete_password(KEYRING_SERVICE, _keyring_account(p12_path))
