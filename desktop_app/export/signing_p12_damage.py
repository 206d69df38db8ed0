"""Tells a damaged PKCS#12 file from a wrong password, so neither is reported as the other.

A PKCS#12 file that fails to open looks the same to the library either way: its integrity
check (a MAC keyed by the password) fails. But the file holds separately encrypted parts (the
certificates, and the private key); a wrong password opens none of them, while a damaged file
opened with the right password still decrypts the parts the damage missed.
"""

from __future__ import annotations

from typing import Any

# Far above what any certificate tool writes (OpenSSL: 2048; cryptography: 20,000); a damaged
# count could otherwise make one check take minutes.
MAX_KDF_ITERATIONS = 1_000_000


def _opens_key(bag_value: Any, password: bytes) -> bool:
    from cryptography.hazmat.primitives.serialization import load_der_private_key

    try:
        load_der_private_key(bag_value.untag().dump(force=True), password)
    except Exception:  # noqa: BLE001 - a wrong password, damage or an unsupported cipher alike
        return False
    return True


def _pbes2_plaintext(algorithm: Any, ciphertext: bytes, password: bytes) -> bytes | None:
    """Decrypt a PBES2 (PBKDF2 + AES-CBC) part; None if it cannot be tried or fails padding."""
    from cryptography.hazmat.primitives import hashes, padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    if algorithm["algorithm"].native != "pbes2" or algorithm.kdf != "pbkdf2":
        return None
    if algorithm.encryption_cipher != "aes" or algorithm.kdf_iterations > MAX_KDF_ITERATIONS:
        return None
    digest = {"sha1": hashes.SHA1(), "sha256": hashes.SHA256(), "sha512": hashes.SHA512()}.get(
        algorithm.kdf_hmac
    )
    if digest is None:
        return None
    key = PBKDF2HMAC(
        digest, algorithm.key_length, algorithm.kdf_salt, algorithm.kdf_iterations
    ).derive(password)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(algorithm.encryption_iv)).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        return None


def _opens_certificates(content: Any, password: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12  # type: ignore[import-untyped]

    info = content["encrypted_content_info"]
    plaintext = _pbes2_plaintext(
        info["content_encryption_algorithm"], bytes(info["encrypted_content"].native), password
    )
    if plaintext is None:
        return False
    try:
        bags = asn1_pkcs12.SafeContents.load(plaintext, strict=True)
        return len(bags) > 0 and all(bag["bag_id"].native for bag in bags)
    except (ValueError, TypeError, KeyError):
        return False


def password_opens_a_part(data: bytes, password: bytes) -> bool:
    """True if `password` decrypts at least one part of the file: the password is right and
    the file is damaged. False when no part opens (or none could be tried)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        parts = list(asn1_pkcs12.Pfx.load(data).authenticated_safe)
    except (ValueError, TypeError, KeyError, OverflowError):
        return False
    for part in parts:
        try:
            kind = part["content_type"].native
            if kind == "encrypted_data" and _opens_certificates(part["content"], password):
                return True
            if kind == "data":
                bags = asn1_pkcs12.SafeContents.load(part["content"].native)
                for bag in bags:
                    shrouded = bag["bag_id"].native == "pkcs8_shrouded_key_bag"
                    if shrouded and _opens_key(bag["bag_value"], password):
                        return True
        except (ValueError, TypeError, KeyError, OverflowError):
            continue
    return False
