"""Who vouches for a signer's certificate, and whether it was valid when it signed.

Integrity (the signed bytes are unchanged) says nothing about identity: anyone can make a
certificate that claims to be "Dr. Sarah Chen". A certificate is vouched for when it chains to a
root the practice trusts (Settings, or `verify --trust CERT.pem`), or when its SHA-256
fingerprint is registered with a prescriber in the practice directory (a physician's own,
self-signed certificate, checked once by an admin). Everything else is "not vouched for".

A certificate whose key usage says it may not sign documents (RFC 5280 section 4.2.1.3:
neither digitalSignature nor nonRepudiation) is not valid for a signature, whoever vouches
for it: pyHanko checks key usage only on a chain to a trusted root, so it is checked here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class TrustAnchors:
    """What the practice vouches for: root certificates (DER) and registered fingerprints.

    `registered` maps a certificate's SHA-256 fingerprint (lower-case hex) to the words that
    name whom it is registered for ("Daniel K. Brenner, NPI 1548723018").
    """

    roots: tuple[bytes, ...] = ()
    registered: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Identity:
    """The identity line of one signature: vouched for or not, and why in words."""

    vouched: bool
    words: str


@dataclass(frozen=True, slots=True)
class Validity:
    """Whether the certificate was inside its validity window at the signing time."""

    valid: bool
    words: str


def fingerprint(cert: Any) -> str:
    """SHA-256 of the certificate's DER bytes, lower-case hex (asn1crypto certificate)."""
    return str(cert.sha256.hex())


def common_name(cert: Any) -> str:
    """The subject's common name, else the whole subject in words."""
    subject = cert.subject.native
    name = subject.get("common_name") if isinstance(subject, dict) else None
    if isinstance(name, list):
        name = name[0] if name else None
    return str(name) if name else str(cert.subject.human_friendly)


def subject_words(cert: Any) -> str:
    return str(cert.subject.human_friendly)


def is_self_signed(cert: Any) -> bool:
    return bool(cert.self_signed in ("yes", "maybe"))


def _day(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d")


def validity_at(cert: Any, moment: dt.datetime | None) -> Validity:
    """Was `cert` valid at `moment` (the signing time)? Words name the window either way."""
    window = cert["tbs_certificate"]["validity"]
    not_before: dt.datetime = window["not_before"].native
    not_after: dt.datetime = window["not_after"].native
    span = f"valid {_day(not_before)} to {_day(not_after)}"
    if moment is None:
        return Validity(False, f"the signing time is unknown, so validity cannot be told ({span})")
    if moment < not_before:
        return Validity(False, f"NOT YET VALID when it signed on {_day(moment)} ({span})")
    if moment > not_after:
        return Validity(False, f"EXPIRED when it signed on {_day(moment)} ({span})")
    return Validity(True, f"valid when it signed ({span})")


# RFC 5280 section 4.2.1.3: a key may verify signatures on documents only under these bits.
SIGNING_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})


def _usage_words(cert: Any) -> str:
    stated = sorted(str(bit).replace("_", " ") for bit in cert.key_usage_value.native)
    return ", ".join(stated) or "nothing"


def not_for_signing(cert: Any, validity: Validity) -> Validity:
    """`validity`, unless the certificate's stated key usage rules out signing documents."""
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator.errors import InvalidCertificateError

    if cert.key_usage_value is None:
        return validity  # no key usage stated: RFC 5280 puts no limit on the key
    try:
        KeyUsageConstraints(key_usage=SIGNING_KEY_USAGES).validate(cert)
    except InvalidCertificateError:
        return Validity(
            False,
            f"issued NOT FOR SIGNING: its key usage ({_usage_words(cert)}) allows neither "
            "digital signatures nor non-repudiation",
        )
    return validity


def identity_for(
    cert: Any, embedded: Any, anchors: TrustAnchors, trusted: bool, moment: Any
) -> Identity:
    """The identity line of a signature whose chain pyHanko judged `trusted` or not."""
    identity = identity_of(cert, anchors, trusted)
    if identity.vouched:
        return identity
    words = _chain_words(cert, embedded, anchors, moment)
    return Identity(False, words) if words else identity


def _chain_words(cert: Any, embedded: Any, anchors: TrustAnchors, moment: Any) -> str | None:
    """Why pyHanko did not trust a certificate that does chain to a practice root, or None.

    pyHanko refuses a chain whose signer lacks the non-repudiation key usage and then says
    only that the chain failed; "its issuer is not trusted" would be false, so the chain is
    built again without the key usage rule, to tell the two apart (the verdict is unchanged)."""
    import asyncio

    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    if not anchors.roots or is_self_signed(cert):
        return None
    validator = CertificateValidator(
        cert,
        intermediate_certs=list(embedded.other_embedded_certs),
        validation_context=validation_context(anchors, moment),
    )
    try:
        asyncio.run(validator.async_validate_path())
    except (PathBuildingError, PathValidationError, ValueError):
        return None
    return (
        "identity not vouched for: it chains to a root the practice trusts, but its key "
        f"usage ({_usage_words(cert) if cert.key_usage_value is not None else 'not stated'}) "
        "lacks non-repudiation, which a vouched-for signer's certificate needs"
    )


def roots_as_certificates(anchors: TrustAnchors) -> list[Any]:
    from asn1crypto import x509  # type: ignore[import-untyped]

    return [x509.Certificate.load(der) for der in anchors.roots]


def identity_of(cert: Any, anchors: TrustAnchors, chained_to_root: bool) -> Identity:
    """Registered fingerprint first (it names the prescriber), then a trusted root."""
    print_ = fingerprint(cert)
    who = anchors.registered.get(print_)
    if who is not None:
        return Identity(True, f"vouched for: the practice registered this certificate for {who}")
    if chained_to_root:
        return Identity(True, "vouched for: the certificate chains to a root the practice trusts")
    if is_self_signed(cert):
        return Identity(False, "identity not vouched for: the certificate is self-signed")
    return Identity(False, "identity not vouched for: its issuer is not trusted")


def validation_context(anchors: TrustAnchors, moment: dt.datetime | None) -> Any:
    """pyHanko's context: the practice's roots only, never the network, at the signing time."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=roots_as_certificates(anchors),
        allow_fetching=False,
        moment=moment,
        best_signature_time=moment,
    )
