"""Signing and verifying letter files: what `pa-letter sign` / `verify` and the GUI call.

The certificate's password comes from a password file, the GUI's prompt, or the system keyring
(services/certificate_passwords.py). A signed file is written
atomically and checked before it is saved, so a half-written or broken signature never
appears under the final name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.errors import SigningError, SigningFileUnreadable, StorageError
from desktop_app.export.signing import (
    DEFAULT_REASON,
    SigningCertificate,
    VerifyReport,
    sign_pdf,
    verify_pdf,
)
from desktop_app.services.certificate_passwords import read_password_file
from desktop_app.services.trust import practice_anchors, practice_anchors_and_note
from desktop_app.storage.paths import atomic_writer

__all__ = [
    "SignResult",
    "SigningRequest",
    "VerifyReport",
    "checking_only",
    "read_letter_to_sign",
    "sign_bytes",
    "sign_file",
    "sign_prescribers_file",
    "timestamper",
    "verify_bytes",
    "verify_file",
]

@dataclass(frozen=True, slots=True)
class SigningRequest:
    """Everything needed to sign, as the GUI or CLI gathered it; the password stays in memory."""

    p12_path: Path
    password: bytes | None = None
    reason: str = DEFAULT_REASON
    location: str | None = None


@dataclass(frozen=True, slots=True)
class SignResult:
    """A signed file as written: its SHA-256 (for the case's lock), who signed and when."""

    path: Path
    sha256: str
    signer: str
    signed_at: dt.datetime

    def summary(self) -> str:
        when = self.signed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"Signed by {self.signer} on {when}: {self.path} (SHA-256 {self.sha256[:16]}…)"


def read_letter_to_sign(in_path: Path) -> bytes:
    """The letter's bytes, read no further than the PDF cap (SigningFileUnreadable otherwise)."""
    return limits.read_bounded(
        in_path, limits.PDF_FILE_BYTES, what="a letter to sign", error=SigningFileUnreadable,
        unreadable="The letter cannot be read ({reason})",
        too_large="The file is too large to be a letter to sign (over {cap})",
    )


def timestamper() -> Any | None:
    """pyHanko's RFC 3161 client for the server in Settings, or None when none is set."""
    from desktop_app.services.practice_data import practice_settings

    try:
        url = (practice_settings().timestamp_url or "").strip()
    except StorageError:
        url = ""  # a damaged settings file: the settings view reports it
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=15)


def sign_bytes(
    pdf_bytes: bytes, request: SigningRequest, *, certificate: SigningCertificate | None = None
) -> tuple[bytes, VerifyReport]:
    """Sign in memory and check the result verifies; raises SigningError if it does not.

    `certificate` is the request's certificate already opened (the caller checked whose it
    is); otherwise the file is opened here with the request's password.
    """
    signed = sign_pdf(
        pdf_bytes,
        certificate or request.p12_path,
        request.password,
        reason=request.reason,
        location=request.location,
        timestamper=timestamper(),
    )
    report = verify_pdf(signed, practice_anchors())
    if not report.ok:  # never hand back a signature that would not verify
        raise SigningError(f"The signature did not verify after signing: {report.message}")
    return signed, report


def write_signed(data: bytes, out_path: Path, report: VerifyReport) -> SignResult:
    """Write signed bytes atomically (StorageError naming the file if the disk refuses)."""
    with atomic_writer(out_path) as stream:
        stream.write(data)
    return SignResult(
        path=out_path,
        sha256=hashlib.sha256(data).hexdigest(),
        signer=report.signer or "unknown signer",
        signed_at=report.signed_at or dt.datetime.now(dt.UTC),
    )


def sign_file(
    in_path: Path,
    out_path: Path,
    p12_path: Path,
    password_file: Path | str | bytes | None = None,
    *,
    password: bytes | None = None,
    reason: str = DEFAULT_REASON,
    location: str | None = None,
) -> SignResult:
    """Sign the PDF at `in_path` into `out_path` (may be the same file).

    `password_file` is a path to a file holding the password, or the password itself as
    bytes; `password` is the keyword form of the latter. Give at most one; none means the
    certificate has no password. Raises SigningError (refused: certificate, password, PDF) or
    StorageError (the signed file could not be written); `out_path` is then untouched.
    """
    if password_file is not None and password is not None:
        raise SigningError("Give the certificate password once: a password or a password file")
    if isinstance(password_file, bytes):
        password = password_file  # the password itself, as the CLI and GUI pass it
    elif password_file is not None:
        password = read_password_file(Path(password_file))
    request = SigningRequest(Path(p12_path), password, reason, location)
    with _naming_letter(in_path):
        signed, report = sign_bytes(read_letter_to_sign(Path(in_path)), request)
    return write_signed(signed, Path(out_path), report)


@contextlib.contextmanager
def _naming_letter(in_path: Path) -> Iterator[None]:
    """Refusals about the letter itself ("not a PDF", "damaged") name the letter's file."""
    try:
        yield
    except SigningError as exc:
        exc.with_file(str(in_path))
        raise


def checking_only() -> None:
    """Call first in a process that checks signatures, and never signs nor connects anywhere
    over TLS (`pa-letter verify`).

    pyHanko's signers, and the aiohttp they import, then load only if something uses them, as
    do the modules pyHanko imports for writing and decrypting files; asyncio is loaded
    without its TLS support (export/signing_imports.py).
    """
    from desktop_app.export import signing_imports

    signing_imports.defer_pyhanko_signers()
    signing_imports.defer_modules_checks_never_use()
    signing_imports.asyncio_without_tls()


def sign_prescribers_file(
    in_path: Path,
    out_path: Path,
    p12_path: Path,
    password: bytes | None,
    *,
    prescriber: str | None = None,
) -> tuple[SignResult, str | None]:
    """`pa-letter sign`: sign only with the prescriber's own certificate, as the app does.

    The prescriber is the one a letter made by this app names, else `prescriber` (typed on the
    command line; refused when the letter names someone else). Their certificate is one
    registered with them in the practice directory or one carrying their name: the sign
    dialog's own check (services/signer_identity.py), SigningError naming both names
    otherwise, with nothing written. Returns the result and how the certificate matched
    ("registered" or "name"), or None when there was no prescriber to check against (a PDF
    from other software, and no `prescriber` given).
    """
    from desktop_app.export.signing_certs import load_signing_certificate
    from desktop_app.services.practice_data import practice_settings
    from desktop_app.services.signer_identity import (
        check_certificate_is_prescribers,
        comparable_name,
        directory_entry,
        letter_prescriber,
    )

    data = read_letter_to_sign(Path(in_path))
    typed, on_letter = (prescriber or "").strip(), letter_prescriber(data)
    if typed and on_letter and comparable_name(typed) != comparable_name(on_letter):
        # Typing another name must not get round the check the letter itself makes possible.
        raise SigningError(
            f"The letter names another prescriber than {typed}, so it was not signed",
            hint="leave out --prescriber: a letter made by PA Letter Studio says who signs it",
        )
    named = on_letter or typed or None
    opened = load_signing_certificate(Path(p12_path), password)
    matched = None
    if named is not None:
        try:
            directory = practice_settings().prescribers
        except StorageError:
            directory = []  # a damaged settings file registers nobody: the name must match
        physician = directory_entry(named, directory)
        matched = check_certificate_is_prescribers(opened, physician, named)
    request = SigningRequest(Path(p12_path), password)
    with _naming_letter(in_path):
        signed, report = sign_bytes(data, request, certificate=opened)
    return write_signed(signed, Path(out_path), report), matched


def verify_bytes(
    data: bytes, *, trust: Sequence[Path] = (), require_trusted: bool = False
) -> VerifyReport:
    """Check signatures in memory against the practice's trust (plus `trust` root files)."""
    anchors, note = practice_anchors_and_note(trust)
    report = verify_pdf(data, anchors, require_trusted=require_trusted)
    return replace(report, trust_note=note) if note else report


def verify_file(
    path: Path, *, trust: Sequence[Path] = (), require_trusted: bool = False
) -> VerifyReport:
    """Check the signatures of the PDF at `path`; `report.ok` is the verify command's exit 0.

    `trust` adds root certificate files to the practice's trust store for this check;
    `require_trusted` makes a signer nobody vouches for a failure.
    """
    path = Path(path)
    data = limits.read_bounded(
        path, limits.PDF_FILE_BYTES, what="a signed PDF", error=SigningFileUnreadable,
        unreadable="The file cannot be read ({reason})",
        too_large="The file is too large to be a signed letter (over {cap})",
    )
    try:
        return verify_bytes(data, trust=trust, require_trusted=require_trusted)
    except SigningError as exc:
        exc.file = exc.file or str(path)
        raise
