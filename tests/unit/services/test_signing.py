"""Signing and verifying files as `pa-letter sign` / `verify` and the GUI do: passwords, disks.

Where the password itself comes from: test_certificate_passwords.py."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from desktop_app.errors import SigningError, StorageError
from desktop_app.services.signing import sign_file, verify_file
from tests.support.certs import PASSWORD, SIGNER_NAME, certificates
from tests.support.pdfs import letter_pdf


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf(2))
    return path


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "password.txt"
    path.write_bytes(PASSWORD + b"\n")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".part-"))


def test_sign_then_verify_round_trip(letter: Path, password_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    result = sign_file(letter, out, certificates().valid, password_file)
    assert result.path == out
    assert result.signer == SIGNER_NAME
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert SIGNER_NAME in result.summary()
    report = verify_file(out)
    assert report.ok  # the verify command's exit 0
    assert report.signed_at == result.signed_at
    assert letter.read_bytes() == letter_pdf(2)  # the unsigned letter is left as it was


def test_signed_file_is_private(letter: Path, password_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    sign_file(letter, out, certificates().valid, password_file)
    assert out.stat().st_mode & 0o777 == 0o600


def test_signing_in_place_replaces_the_letter(letter: Path, password_file: Path) -> None:
    sign_file(letter, letter, certificates().valid, password_file)
    assert verify_file(letter).ok


def test_password_can_be_given_directly(letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    sign_file(letter, out, certificates().valid, password=PASSWORD)
    assert verify_file(out).ok


def test_password_bytes_can_take_the_password_file_place(letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    sign_file(letter, out, certificates().valid, PASSWORD)  # positional, as the CLI calls it
    assert verify_file(out).ok


def test_password_and_password_file_together_are_refused(
    letter: Path, password_file: Path, tmp_path: Path
) -> None:
    with pytest.raises(SigningError, match="once"):
        sign_file(letter, tmp_path / "x.pdf", certificates().valid, password_file, password=b"x")


def test_wrong_password_refuses_and_leaves_the_old_output(letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    out.write_bytes(b"previous version")
    bad = tmp_path / "pw"
    bad.write_bytes(b"not it\n")
    with pytest.raises(SigningError, match="The certificate password is wrong"):
        sign_file(letter, out, certificates().valid, bad)
    assert out.read_bytes() == b"previous version"
    assert leftovers(tmp_path) == []


def test_missing_letter_is_named(tmp_path: Path, password_file: Path) -> None:
    missing = tmp_path / "no-letter.pdf"
    with pytest.raises(SigningError) as caught:
        sign_file(missing, tmp_path / "out.pdf", certificates().valid, password_file)
    assert "letter cannot be read" in caught.value.message
    assert caught.value.file == str(missing)


def test_output_folder_missing_is_a_storage_error(letter: Path, password_file: Path) -> None:
    out = letter.parent / "no" / "such" / "folder" / "signed.pdf"
    with pytest.raises(StorageError) as caught:
        sign_file(letter, out, certificates().valid, password_file)
    assert caught.value.file == str(out)


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "No space left"), (errno.EROFS, "Read-only"), (errno.EACCES, "Permission")],
)
def test_full_or_write_protected_disk_names_the_file_and_leaves_nothing(
    letter: Path, password_file: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    out = letter.parent / "signed.pdf"

    def refuse(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    # The write goes through atomic_writer, which flushes with fsync before renaming into place.
    monkeypatch.setattr("desktop_app.storage.paths.os.fsync", refuse)
    with pytest.raises(StorageError) as caught:
        sign_file(letter, out, certificates().valid, password_file)
    assert words in str(caught.value)
    assert caught.value.file == str(out)
    assert not out.exists()
    assert leftovers(letter.parent) == []


def test_verify_reports_tampering(letter: Path, password_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    sign_file(letter, out, certificates().valid, password_file)
    data = bytearray(out.read_bytes())
    index = data.index(b"stream") + 30
    data[index] ^= 0x01
    out.write_bytes(bytes(data))
    report = verify_file(out)
    assert not report.ok
    assert report.message.startswith("ALTERED")


def test_verify_unsigned_is_not_ok(letter: Path) -> None:
    report = verify_file(letter)
    assert not report.ok
    assert not report.signed


def test_verify_names_an_unreadable_file(tmp_path: Path) -> None:
    for path, words in [(tmp_path / "gone.pdf", "cannot be read"), (tmp_path, "cannot be read")]:
        with pytest.raises(SigningError, match=words) as caught:
            verify_file(path)
        assert caught.value.file == str(path)


def test_verify_names_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("plain text")
    with pytest.raises(SigningError) as caught:
        verify_file(path)
    assert str(path) in str(caught.value)
    assert "not a PDF" in str(caught.value)
