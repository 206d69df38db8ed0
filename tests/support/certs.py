"""Generated PKCS#12 files for signing tests: valid, expired, not yet valid, and not a certificate.

Files are made once per test session in a private temporary folder and reused, because RSA key
generation is the slow part of every signing test. All names are fictional.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = b"correct horse battery staple"
SIGNER_NAME = "Dr. Avery Testwood, MD"


@dataclass(frozen=True, slots=True)
class CertificateFiles:
    """Paths of the generated files; all but `unprotected` use PASSWORD."""

    folder: Path
    valid: Path
    unprotected: Path
    expired: Path
    not_yet_valid: Path
    accented: Path
    issued_by_ca: Path  # a practice certificate issued by a (fictional) CA, chain included
    not_a_certificate: Path
    empty: Path


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Fictional Oncology Associates"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
        ]
    )


def _certificate(
    key: rsa.RSAPrivateKey,
    name: str,
    not_before: dt.datetime,
    not_after: dt.datetime,
    issuer: tuple[rsa.RSAPrivateKey, x509.Name] | None = None,
) -> x509.Certificate:
    subject = _name(name)
    issuer_key, issuer_name = issuer or (key, subject)
    # Key usage as a document-signing certificate carries it; pyHanko checks it when verifying.
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(usage, critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def _pkcs12(key: rsa.RSAPrivateKey, cert: x509.Certificate, password: bytes | None) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(b"signer", key, cert, None, encryption)


def make_pkcs12(
    path: Path,
    *,
    name: str = SIGNER_NAME,
    password: bytes | None = PASSWORD,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    key: rsa.RSAPrivateKey | None = None,
) -> Path:
    """Write one PKCS#12 file; by default valid from a day ago for a year."""
    now = dt.datetime.now(dt.UTC)
    start = not_before or now - dt.timedelta(days=1)
    end = not_after or now + dt.timedelta(days=365)
    signing_key = key or _key()
    path.write_bytes(_pkcs12(signing_key, _certificate(signing_key, name, start, end), password))
    return path


def _issued_by_ca(path: Path, key: rsa.RSAPrivateKey, now: dt.datetime) -> None:
    ca_name = "Fictional Practice Certificate Authority"
    year = dt.timedelta(days=365)
    ca = _certificate(key, ca_name, now - year, now + 5 * year)
    leaf = _certificate(key, SIGNER_NAME, now - year, now + year, issuer=(key, _name(ca_name)))
    encryption = serialization.BestAvailableEncryption(PASSWORD)
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"signer", key, leaf, [ca], encryption))


@functools.cache
def certificates() -> CertificateFiles:
    """The session's certificate files, generated on first use."""
    folder = Path(tempfile.mkdtemp(prefix="pa-letter-certs-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    key = _key()  # one key for all: generation dominates the cost, and tests never compare keys
    now = dt.datetime.now(dt.UTC)
    day = dt.timedelta(days=1)
    files = CertificateFiles(
        folder=folder,
        valid=make_pkcs12(folder / "valid.p12", key=key),
        unprotected=make_pkcs12(folder / "unprotected.p12", password=None, key=key),
        expired=make_pkcs12(
            folder / "expired.p12", not_before=now - 400 * day, not_after=now - 35 * day, key=key
        ),
        not_yet_valid=make_pkcs12(
            folder / "future.p12", not_before=now + 30 * day, not_after=now + 400 * day, key=key
        ),
        accented=make_pkcs12(folder / "accented.p12", name="Dra. José Ñúñez-李, MD", key=key),
        issued_by_ca=folder / "issued.p12",
        not_a_certificate=folder / "notes.p12",
        empty=folder / "empty.p12",
    )
    _issued_by_ca(files.issued_by_ca, key, now)
    files.not_a_certificate.write_bytes(b"This is a text file, not a certificate.\n" * 10)
    files.empty.write_bytes(b"")
    return files
