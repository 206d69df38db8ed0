"""Fictional signer certificates whose key usage says what the key may do, self-signed or
issued by a fictional root the practice may trust (for verify's key usage checks)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from tests.support.certs import PASSWORD, SIGNER_NAME, _ca_certificate, _key, _name, certificates


@dataclass(frozen=True, slots=True)
class UsageSigner:
    p12: Path
    fingerprint: str  # SHA-256 of the certificate, lower-case hex
    root_der: bytes | None  # the issuing root, when not self-signed


@functools.cache
def _root() -> tuple[object, x509.Certificate]:
    key = _key()
    return key, _ca_certificate(key, "Fictional Usage Test Root CA", _start())


def _start() -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=10)


@functools.cache
def usage_signer(bits: tuple[str, ...], issued: bool = False) -> UsageSigner:
    """A signer whose key usage holds only `bits` (KeyUsage argument names, such as
    "digital_signature" or "key_encipherment"); `issued` makes a root CA issue it."""
    key = _key()
    usage = {name: name in bits for name in (
        "digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
        "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")}
    root_key, root = _root() if issued else (key, None)
    subject = _name(SIGNER_NAME)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject if root is not None else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_start())
        .not_valid_after(_start() + dt.timedelta(days=365))
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .sign(root_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    path = certificates().folder / f"usage-{'-'.join(bits)}-{issued}.p12"
    chain = [root] if root is not None else None
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, chain, serialization.BestAvailableEncryption(PASSWORD)))
    return UsageSigner(
        p12=path,
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
        root_der=root.public_bytes(serialization.Encoding.DER) if root is not None else None,
    )
