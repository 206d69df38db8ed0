"""The practice's trust: roots it trusts, physicians' registered certificates, and reading them.

`verify` and the app vouch for a signer only through what is here: a root certificate in
Settings (or given with `verify --trust CERT.pem`), or a physician's certificate whose
fingerprint an admin registered with that prescriber after checking its password once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import limits
from desktop_app.errors import DatabaseUnusable, SigningError, SigningFileUnreadable, StorageError
from desktop_app.export.signing import SigningCertificate, TrustAnchors
from desktop_app.export.signing_certs import load_signing_certificate

if TYPE_CHECKING:
    # The settings models load pydantic: verifying reads settings.json without them when it
    # can (storage/settings_plain.py), so they are imported where they are made.
    from desktop_app.storage.settings import (
        PracticeSettings,
        RegisteredCertificate,
        TrustedCertificate,
    )

__all__ = [
    "CertificateFacts",
    "practice_anchors",
    "practice_anchors_and_note",
    "read_certificate_file",
    "registration_for",
    "trusted_certificate_from_file",
]

@dataclass(frozen=True, slots=True)
class CertificateFacts:
    """What registration keeps of a certificate: public facts only."""

    subject: str  # common name
    fingerprint: str
    not_after: str  # YYYY-MM-DD
    der: bytes


def _bounded_read(path: Path, what: str) -> bytes:
    # A certificate file is a few KiB; anything far larger was picked by mistake (a scan, a
    # video). The cap is the certificate cap of limits.py. Unreadable is unusable input:
    # `verify` exits 2 for it, as for a signed PDF it cannot read (docs/case-format.md).
    return limits.read_bounded(
        path, limits.CERTIFICATE_FILE_BYTES, what=what, error=SigningFileUnreadable,
        unreadable=f"The {what} cannot be read ({{reason}})",
        too_large=f"The {what} is far too large to be a certificate (over {{cap}})",
    )


def _x509(data: bytes, path: Path) -> list[object]:
    """Every certificate in a PEM or DER file (cryptography objects)."""
    from cryptography import x509

    try:
        if b"-----BEGIN" in data:
            return list(x509.load_pem_x509_certificates(data))
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        return []


def _facts(cert: object) -> CertificateFacts:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID

    assert isinstance(cert, x509.Certificate)
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    name = names[0].value if names else cert.subject.rfc4514_string()
    der = cert.public_bytes(Encoding.DER)
    return CertificateFacts(
        subject=name if isinstance(name, str) else name.decode("utf-8", "replace"),
        fingerprint=hashlib.sha256(der).hexdigest(),
        not_after=cert.not_valid_after_utc.strftime("%Y-%m-%d"),
        der=der,
    )


def trusted_certificate_from_file(path: Path) -> TrustedCertificate:
    """A root certificate for the trust store, from a .pem/.crt/.cer file (first certificate)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from desktop_app.storage.settings import TrustedCertificate

    path = Path(path)
    certs = _x509(_bounded_read(path, "trusted certificate file"), path)
    if not certs:
        raise SigningError(
            "The file is not a certificate (PEM or DER)",
            file=str(path),
            hint="choose the certificate authority's .pem, .crt or .cer file",
        )
    facts = _facts(certs[0])
    pem = certs[0].public_bytes(Encoding.PEM).decode("ascii")  # type: ignore[attr-defined]
    return TrustedCertificate(subject=facts.subject, fingerprint=facts.fingerprint, pem=pem)


def read_certificate_file(path: Path, password: bytes | None) -> CertificateFacts:
    """Open a physician's .p12/.pfx (with its password) or .pem and return its public facts.

    A PKCS#12 file must open with the password and hold a private key: registration checks
    once that the file is the physician's own. A PEM file may hold just the certificate.
    Nothing secret is returned, so nothing secret can be stored.
    """
    path = Path(path)
    if path.suffix.lower() not in {".pem", ".crt", ".cer"}:
        opened = load_signing_certificate(path, password, check_dates=False)
        return certificate_facts(opened)
    certs = _x509(_bounded_read(path, "certificate file"), path)
    if not certs:
        raise SigningError(
            "The file holds no certificate", file=str(path), hint="choose a .p12, .pfx or .pem file"
        )
    return _facts(certs[0])


def certificate_facts(opened: SigningCertificate) -> CertificateFacts:
    return CertificateFacts(
        subject=opened.common_name,
        fingerprint=opened.fingerprint,
        not_after=opened.not_after.strftime("%Y-%m-%d"),
        der=opened.certificate_der,
    )


def registration_for(facts: CertificateFacts) -> RegisteredCertificate:
    from desktop_app.storage.settings import RegisteredCertificate

    return RegisteredCertificate(
        fingerprint=facts.fingerprint, subject=facts.subject, not_after=facts.not_after
    )


@dataclass(frozen=True, slots=True)
class _PracticeTrust:
    """What the settings say the practice trusts: root certificates (PEM), and each
    prescriber's name, NPI and registered certificates' fingerprints, in the settings' order."""

    root_pems: tuple[str, ...] = ()
    prescribers: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


def _who(name: str, npi_text: str) -> str:
    # Imported here: only a practice that registered prescribers' certificates names them.
    from desktop_app.domain.identifiers import npi_digits

    npi = npi_digits(npi_text)
    return name.strip() + (f" (NPI {npi})" if npi else "")


def practice_anchors(
    extra_roots: Iterable[Path] = (), settings: PracticeSettings | None = None
) -> TrustAnchors:
    """The practice's roots and registered fingerprints, plus `extra_roots` (verify --trust)."""
    return practice_anchors_and_note(extra_roots, settings)[0]


def practice_anchors_and_note(
    extra_roots: Iterable[Path] = (), settings: PracticeSettings | None = None
) -> tuple[TrustAnchors, str]:
    """practice_anchors, and a note when the practice's trust could not be read (then only
    `extra_roots` vouch): the person verifying must know why nobody else is vouched for."""
    trust, note = (_practice_trust() if settings is None
                   else (_trust_of_model(settings), ""))
    roots = [_pem_der(pem) for pem in trust.root_pems]
    for path in extra_roots:
        path = Path(path)
        certs = _x509(_bounded_read(path, "trusted certificate file"), path)
        if not certs:
            raise SigningError("The file given with --trust is not a certificate", file=str(path))
        roots.extend(_facts(cert).der for cert in certs)
    registered = {
        fingerprint.lower(): _who(name, npi)
        for name, npi, fingerprints in trust.prescribers
        for fingerprint in fingerprints
    }
    return TrustAnchors(roots=tuple(der for der in roots if der), registered=registered), note


# Said beside the verdict when the practice's trust could not be read. Fixed words: the
# error itself may name a server or a path, which the verdict need not repeat.
SETTINGS_UNREADABLE = (
    "Note: this desk's settings could not be read, so the practice's trusted roots and "
    "registered certificates were not used; only roots given with --trust vouch here."
)
SERVER_UNREACHABLE = (
    "Note: the practice's shared database did not answer, so the practice's trusted roots and "
    "registered certificates were not used; only roots given with --trust vouch here. Verify "
    "again when it answers."
)


def _practice_trust() -> tuple[_PracticeTrust, str]:
    """The practice's trust from its settings, and a note when it could not be read (a damaged
    settings file, or a shared database that does not answer, trusts nobody extra)."""
    from desktop_app.storage.database_address import database_url

    shared_desk = False
    try:
        if database_url().startswith("sqlite"):
            trust, shared_desk = _desk_file_trust()
            if not shared_desk:
                return trust, ""
            # `pa-letter verify` starts on the desk's file; this desk works on the practice's
            # database, whose trust may have changed at another desk since this desk's copy
            # was saved (a root removed there must not vouch here): ask the database, as the
            # app does. Unreachable: DatabaseUnusable, a StorageError, trusts nobody extra.
            from desktop_app.services.desk_connection import connect_practice_database

            connect_practice_database()
        from desktop_app.services.practice_data import practice_settings

        # The practice's part is in the database.
        return _trust_of_model(practice_settings()), ""
    except DatabaseUnusable:
        return _PracticeTrust(), SERVER_UNREACHABLE
    except StorageError:
        return _PracticeTrust(), SERVER_UNREACHABLE if shared_desk else SETTINGS_UNREADABLE


def _desk_file_trust() -> tuple[_PracticeTrust, bool]:
    """The trust in this desk's settings.json, as load_settings() would read it, and whether
    the file points this desk at a shared database (unless PA_LETTER_DB_URL overrides it).

    A plainly valid file is read as JSON; any other goes through the settings models, which
    accept it or raise StorageError exactly as they always have (storage/settings_plain.py).
    """
    import os

    from desktop_app.storage.database_address import DB_URL_ENV
    from desktop_app.storage.settings_plain import read_plain_settings

    read = read_plain_settings()
    if read.raw is None:
        return _PracticeTrust(), False
    overridden = bool(os.environ.get(DB_URL_ENV, "").strip())
    if read.document is None:
        from desktop_app.storage.settings import parse_settings

        model = parse_settings(read.raw, read.path)
        return _trust_of_model(model), model.database is not None and not overridden
    shared = read.document.get("database") is not None and not overridden
    return _trust_of_document(read.document), shared


def _trust_of_model(settings: PracticeSettings) -> _PracticeTrust:
    return _PracticeTrust(
        root_pems=tuple(item.pem for item in settings.trusted_certificates),
        prescribers=tuple(
            (person.name, person.npi, tuple(entry.fingerprint for entry in person.certificates))
            for person in settings.prescribers
        ),
    )


def _trust_of_document(document: Mapping[str, Any]) -> _PracticeTrust:
    """The same from a plainly valid document; absent keys take the models' defaults."""
    return _PracticeTrust(
        root_pems=tuple(item["pem"] for item in document.get("trusted_certificates", [])),
        prescribers=tuple(
            (
                person["name"],
                person.get("npi", ""),
                tuple(entry["fingerprint"] for entry in person.get("certificates", [])),
            )
            for person in document.get("prescribers", [])
        ),
    )


def _pem_der(pem: str) -> bytes:
    certs = _x509(pem.encode("ascii", "ignore"), Path("settings"))
    return _facts(certs[0]).der if certs else b""
