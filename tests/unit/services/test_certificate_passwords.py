"""A certificate's password from a password file, and remembered in the system keyring.

No keyring (not installed, or no backend, as on a headless Linux) is a normal state: nothing
is remembered and nothing fails.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from desktop_app.errors import SigningError
from desktop_app.services.certificate_passwords import (
    forget_keyring_password,
    keyring_password,
    read_password_file,
    remember_password,
)

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("content", "password"),
    [
        (b"hunter2\n", b"hunter2"),
        (b"hunter2\r\n", b"hunter2"),
        (b"hunter2", b"hunter2"),
        (b"hunter2\n\n", b"hunter2\n"),  # only one newline is the file's; the rest is password
        (b" spaced \n", b" spaced "),
        ("pässwörd\n".encode(), "pässwörd".encode()),
        (b"\n", b""),
    ],
)
def test_password_file_loses_one_trailing_newline(
    tmp_path: Path, content: bytes, password: bytes
) -> None:
    path = tmp_path / "pw"
    path.write_bytes(content)
    assert read_password_file(path) == password


def test_missing_password_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(SigningError) as caught:
        read_password_file(missing)
    assert str(missing) in str(caught.value)




def test_no_keyring_is_a_normal_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # as if keyring were not installed
    assert keyring_password(tmp_path / "doctor.p12") is None
    assert remember_password(tmp_path / "doctor.p12", b"secret") is False


class FakeKeyringError(Exception):
    pass


def fake_keyring(monkeypatch: pytest.MonkeyPatch, *, working: bool) -> dict[tuple[str, str], str]:
    """Install a stand-in keyring module: an in-memory store, or one with no backend."""
    store: dict[tuple[str, str], str] = {}

    def get_password(service: str, account: str) -> str | None:
        if not working:
            raise FakeKeyringError("No recommended backend was available")
        return store.get((service, account))

    def set_password(service: str, account: str, secret: str) -> None:
        if not working:
            raise FakeKeyringError("No recommended backend was available")
        store[(service, account)] = secret

    def delete_password(service: str, account: str) -> None:
        if not working:
            raise FakeKeyringError("No recommended backend was available")
        del store[(service, account)]

    errors = types.ModuleType("keyring.errors")
    errors.KeyringError = FakeKeyringError  # type: ignore[attr-defined]
    module = types.ModuleType("keyring")
    module.errors = errors  # type: ignore[attr-defined]
    module.get_password = get_password  # type: ignore[attr-defined]
    module.set_password = set_password  # type: ignore[attr-defined]
    module.delete_password = delete_password  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", module)
    monkeypatch.setitem(sys.modules, "keyring.errors", errors)
    return store


def test_keyring_without_a_backend_is_a_normal_state(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_keyring(monkeypatch, working=False)
    cert = tmp_path / "doctor.p12"
    assert keyring_password(cert) is None
    assert remember_password(cert, b"secret") is False
    forget_keyring_password(cert)  # no error either


def test_keyring_remembers_and_forgets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store = fake_keyring(monkeypatch, working=True)
    cert = tmp_path / "doctor.p12"
    assert remember_password(cert, "pässwörd".encode()) is True
    assert keyring_password(cert) == "pässwörd".encode()
    assert [account for _service, account in store] == [str(cert.resolve())]
    forget_keyring_password(cert)
    assert keyring_password(cert) is None
