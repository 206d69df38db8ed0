"""Opens a physician's PKCS#12 certificate file and checks that it can sign today."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.errors import SigningError, SigningFileUnreadable

NOT_READABLE = "The file is not a readable PKCS#12 certificate"


@dataclass(frozen=True, slots=True)
class SigningCertificate:
    """What signing needs from the file (DER key and certificates), who it names, and when.

    The password is not kept: the key is already unlocked, in memory only.
    """

    key_der: bytes  # PKCS#8, unencrypted
    certificate_der: bytes
    other_certificates_der: tuple[bytes, ...]
    common_name: str
    not_before: dt.datetime
    not_after: dt.datetime
    subject: str = ""  # the whole subject, RFC 4514 ("CN=...,O=...,C=US")
    # The same key as cryptography's object, unlocked and checked once when the file was
    # opened: loading it from key_der again costs tens of milliseconds (RSA key validation).
    private_key: Any = field(default=None, compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, lower-case hex: what the practice directory registers."""
        return hashlib.sha256(self.certificate_der).hexdigest()


def _day(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def _read(p12_path: Path) -> bytes:
    # A PKCS#12 file holds one key and a few certificates: a video picked by mistake is not.
    try:
        return limits.read_bounded(
            p12_path, limits.CERTIFICATE_FILE_BYTES, what="a certificate file",
            error=SigningFileUnreadable,
            unreadable="The certificate file cannot be read ({reason})",
            too_large=f"{NOT_READABLE} (far too large for one: over {{cap}})",
        )
    except SigningError as exc:
        if "far too large" in exc.message:
            exc.hint = "choose the physician's .p12 or .pfx file"
        raise


def _looks_like_pkcs12(data: bytes) -> bool:
    """True if the bytes parse as a PKCS#12 container all the way down, whatever the password.

    Every level is parsed (not just the outer header), so a damaged structure is reported as
    an unreadable file and never mistaken for a wrong password.
    """
    from asn1crypto import pkcs12 as asn1_pkcs12  # type: ignore[import-untyped]

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        if pfx["auth_safe"]["content_type"].native not in ("data", "signed_data"):
            return False
        _ = pfx["mac_data"].native
        for part in pfx.authenticated_safe:
            _ = part.native
            if part["content_type"].native == "data":
                _ = asn1_pkcs12.SafeContents.load(part["content"].native, strict=True).native
    except (ValueError, TypeError, KeyError, OverflowError):
        return False
    return True


def _open(data: bytes, password: bytes | None, p12_path: Path) -> Any:
    from cryptography.hazmat.primitives.serialization import pkcs12

    from desktop_app.export.signing_p12_damage import password_opens_a_part

    if password and b"\x00" in password:
        # PKCS#12 ends a password at its NUL (RFC 7292 B.1), so none holds one; and
        # cryptography panics on it, printing the password's bytes in its traceback.
        raise SigningError(
            "The certificate password holds a NUL byte, which no password can hold",
            file=str(p12_path),
            hint="the password file must hold the password as plain text, on one line",
        )
    # A file saved without a password opens only with None; accept it even if one was typed.
    attempts = [password, None] if password else [None]
    for attempt in attempts:
        try:
            return pkcs12.load_pkcs12(data, attempt)
        except (ValueError, TypeError):
            continue
    if password is not None and password_opens_a_part(data, password):
        raise SigningError(
            f"{NOT_READABLE}: it is damaged (the password is right, but parts of the file "
            "no longer match)",
            file=str(p12_path),
            hint="copy the certificate file again from its backup or from the certificate provider",
        )
    if password is None:
        raise SigningError(
            "The certificate file needs a password",
            file=str(p12_path),
            hint="give the certificate password",
        )
    raise SigningError(
        "The certificate password is wrong", file=str(p12_path), hint="check it and try again"
    )


def _common_name(cert: object) -> str:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    assert isinstance(cert, x509.Certificate)
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def check_validity(
    not_before: dt.datetime, not_after: dt.datetime, now: dt.datetime, p12_path: Path
) -> None:
    """Refuse a certificate outside its validity window, naming the dates."""
    window = f"valid from {_day(not_before)} to {_day(not_after)}"
    if now < not_before:
        raise SigningError(
            f"The certificate is not valid yet; it is {window}",
            file=str(p12_path),
            hint="check the computer's date, or wait until the certificate starts",
        )
    if now > not_after:
        raise SigningError(
            f"The certificate expired on {_day(not_after)}; it was {window}",
            file=str(p12_path),
            hint="ask the certificate provider for a renewed certificate",
        )


def load_signing_certificate(
    p12_path: Path,
    password: bytes | None,
    *,
    now: dt.datetime | None = None,
    check_dates: bool = True,
) -> SigningCertificate:
    """Open the PKCS#12 file and check it can sign at `now` (default: the current time).

    Raises SigningError for an unreadable file, a file that is not a certificate, a wrong
    password, a file without a private key, and a certificate expired or not yet valid.
    """
    p12_path = Path(p12_path)
    data = _read(p12_path)
    if not _looks_like_pkcs12(data):
        raise SigningError(
            NOT_READABLE,
            file=str(p12_path),
            hint="choose the physician's .p12 or .pfx certificate file",
        )
    bundle = _open(data, password, p12_path)
    key = bundle.key
    cert = bundle.cert.certificate if bundle.cert is not None else None
    if key is None or cert is None:
        raise SigningError(
            "The certificate file holds no private key, so it cannot sign",
            file=str(p12_path),
            hint="export the certificate again together with its private key",
        )
    from cryptography.hazmat.primitives import serialization as ser

    not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    if check_dates:
        check_validity(not_before, not_after, now or dt.datetime.now(dt.UTC), p12_path)
    key_der = key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    return SigningCertificate(
        key_der=key_der,
        certificate_der=cert.public_bytes(ser.Encoding.DER),
        other_certificates_der=tuple(
            other.certificate.public_bytes(ser.Encoding.DER) for other in bundle.additional_certs
        ),
        common_name=_common_name(cert),
        not_before=not_before,
        not_after=not_after,
        subject=cert.subject.rfc4514_string(),
        private_key=key,
    )
