"""pyHanko's signer for an opened certificate, and the room its signature takes in the PDF.

Two costs used to dominate signing a letter, neither of them the RSA operation (well under a
millisecond): pyHanko's SimpleSigner loads the private key from DER for every signature it
makes (tens of milliseconds, spent in RSA key validation), and it made two signatures per
letter, a trial one only to learn how much room to leave in the file. Here the key opened
with the certificate file signs directly, and the room is worked out from the certificates.
"""

from __future__ import annotations

from typing import Any

from desktop_app.export.signing_certs import SigningCertificate

# What a PAdES container holds besides the certificates and the raw signature: the signer's
# issuer and serial (twice: SignerInfo and the signing-certificate attribute, each shorter than
# the certificate, counted below), the digest and algorithm attributes, and DER framing.
_CONTAINER_SLACK = 2048


def reserved_bytes(certificate: SigningCertificate) -> int:
    """Room for the signature container, in hex digits as the PDF stores it, with margin.

    An upper bound: every certificate in full, the signer's certificate twice more (for its
    issuer and serial), the largest signature the key can make, and fixed slack. Unused room
    is zero padding inside the signature's /Contents, as pyHanko's own estimate leaves.
    """
    key_size = getattr(certificate.private_key, "key_size", 4096)
    signature = 2 * ((key_size + 7) // 8) + 16  # ECDSA's (r, s) is twice the key; RSA once
    certificates = len(certificate.certificate_der) * 3 + sum(
        len(other) for other in certificate.other_certificates_der
    )
    return 2 * (certificates + signature + _CONTAINER_SLACK)


def signer_for(certificate: SigningCertificate) -> Any:
    """pyHanko's signer for the certificate, signing with its already-opened key."""
    from asn1crypto import keys, x509  # type: ignore[import-untyped]
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class OpenedKeySigner(signers.SimpleSigner):
        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            signed = _sign_with(certificate.private_key, self, data, digest_algorithm)
            if signed is not None:
                return signed
            raw: bytes = super().sign_raw(data, digest_algorithm)  # any other kind of key
            return raw

    chain = [x509.Certificate.load(der) for der in certificate.other_certificates_der]
    return OpenedKeySigner(
        signing_cert=x509.Certificate.load(certificate.certificate_der),
        signing_key=keys.PrivateKeyInfo.load(certificate.key_der),
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


def _sign_with(key: Any, signer: Any, data: bytes, digest_algorithm: str) -> bytes | None:
    """RSA (PKCS#1 v1.5) and ECDSA with the opened key, as pyHanko would sign; else None."""
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    mechanism = signer.get_signature_mechanism_for_digest(digest_algorithm)
    try:
        algorithm = mechanism.signature_algo
    except ValueError:
        return None
    hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
    if algorithm == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
        return key.sign(data, PKCS1v15(), hash_algorithm)
    if algorithm == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
        return key.sign(data, ECDSA(hash_algorithm))
    return None
