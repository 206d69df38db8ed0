"""Signing with the key opened once and the signature's room worked out, not tried out.

Whatever certificate the physician brings (a larger RSA key, an elliptic-curve key, a long
chain of issuers with long names), the signature must fit the room left for it and verify.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from desktop_app.export.signing import sign_pdf, verify_pdf
from desktop_app.export.signing_certs import load_signing_certificate
from tests.support.certs import PASSWORD, SIGNER_NAME, certificates
from tests.support.pdfs import letter_pdf

_NOW = dt.datetime.now(dt.UTC)
_ORGANIZATION = "Fictional Oncology Associates of the Tri-County Region, LLC"


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _ORGANIZATION),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
    ])


def _certificate(
    key: object, subject: str, issuer: tuple[object, str] | None = None
) -> x509.Certificate:
    issuer_key, issuer_name = issuer or (key, subject)
    usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer_name))
        .public_key(key.public_key())  # type: ignore[attr-defined]
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - dt.timedelta(days=1))
        .not_valid_after(_NOW + dt.timedelta(days=30))
        .add_extension(usage, critical=True)
        .sign(issuer_key, hashes.SHA256())  # type: ignore[arg-type]
    )


def _p12(path: Path, key: object, chain_length: int) -> Path:
    issuers = [f"Fictional Intermediate Certificate Authority {n} {'x' * 16}"
               for n in range(chain_length)]
    chain = [_certificate(key, name) for name in issuers]
    parent = (key, issuers[0]) if issuers else None
    leaf = _certificate(key, SIGNER_NAME, parent)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, leaf, chain or None, BestAvailableEncryption(PASSWORD),  # type: ignore[arg-type]
    ))
    return path


@pytest.mark.parametrize(
    ("make_key", "chain_length"),
    [
        (lambda: rsa.generate_private_key(public_exponent=65537, key_size=4096), 4),
        (lambda: ec.generate_private_key(ec.SECP256R1()), 0),
        (lambda: ec.generate_private_key(ec.SECP384R1()), 3),
    ],
    ids=["rsa-4096-long-chain", "ec-p256", "ec-p384-chain"],
)
def test_any_certificate_signature_fits_its_room_and_verifies(
    tmp_path: Path, make_key: object, chain_length: int
) -> None:
    p12 = _p12(tmp_path / "physician.p12", make_key(), chain_length)  # type: ignore[operator]
    report = verify_pdf(sign_pdf(letter_pdf(2), p12, PASSWORD))
    assert report.ok and report.intact and report.covers_whole_file
    assert report.signer == SIGNER_NAME


def test_the_opened_key_signs_without_being_loaded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = load_signing_certificate(certificates().valid, PASSWORD)
    import pyhanko.sign.signers.pdf_cms as cms

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("the private key was loaded again for this signature")

    monkeypatch.setattr(cms.serialization, "load_der_private_key", refuse)
    report = verify_pdf(sign_pdf(letter_pdf(1), opened))
    assert report.ok and report.signer == SIGNER_NAME


def test_an_opened_certificate_signs_the_same_letter_twice_alike() -> None:
    opened = load_signing_certificate(certificates().valid, PASSWORD)
    first, second = (sign_pdf(letter_pdf(1), opened) for _ in range(2))
    assert verify_pdf(first).ok and verify_pdf(second).ok
    assert abs(len(first) - len(second)) < 64  # the same room each time, not a fresh estimate
