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
# The example cases' prescriber (tests/unit/services/test_sign_case_fixtures.BRENNER).
BRENNER_NAME = "Daniel K. Brenner, MD"


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
    brenner: Path  # the example prescriber's own certificate (its name matches the letter)
    not_a_certificate: Path
    empty: Path


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            # X.509 caps a common name at 64 characters; the stamp must still cope with more.
            x509.NameAttribute(NameOID.COMMON_NAME, common_name, _validate=False),
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
        brenner=make_pkcs12(folder / "brenner.p12", name=BRENNER_NAME, key=key),
        not_a_certificate=folder / "notes.p12",
        empty=folder / "empty.p12",
    )
    _issued_by_ca(files.issued_by_ca, key, now)
    files.not_a_certificate.write_bytes(b"This is a text file, not a certificate.\n" * 10)
    files.empty.write_bytes(b"")
    return files


@dataclass(frozen=True, slots=True)
class PracticeAuthority:
    """A fictional certificate authority with a physician and a timestamp server under it."""

    root_pem: Path  # what an admin adds to the trust store, or gives with --trust
    physician: Path  # PKCS#12 (PASSWORD), chain included
    tsa_cert_der: bytes
    tsa_key_der: bytes  # PKCS#8
    root_der: bytes


def _ca_certificate(key: rsa.RSAPrivateKey, name: str, start: dt.datetime) -> x509.Certificate:
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
    subject = _name(name)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _tsa_certificate(
    key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey, ca: x509.Certificate, start: dt.datetime
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(_name("Fictional Practice Timestamp Server"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=730))
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )


@functools.cache
def practice_authority() -> PracticeAuthority:
    """A root CA, a physician certificate it issued, and a timestamp server's certificate."""
    folder = certificates().folder
    ca_key, leaf_key, tsa_key = _key(), _key(), _key()
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    ca = _ca_certificate(ca_key, "Fictional Practice Root CA", start)
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(SIGNER_NAME))
        .issuer_name(ca.subject)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=400))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    physician = folder / "ca-issued.p12"
    physician.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", leaf_key, leaf, [ca], serialization.BestAvailableEncryption(PASSWORD)
        )
    )
    root_pem = folder / "practice-root.pem"
    root_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    tsa = _tsa_certificate(tsa_key, ca_key, ca, start)
    return PracticeAuthority(
        root_pem=root_pem,
        physician=physician,
        tsa_cert_der=tsa.public_bytes(serialization.Encoding.DER),
        tsa_key_der=tsa_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        root_der=ca.public_bytes(serialization.Encoding.DER),
    )
