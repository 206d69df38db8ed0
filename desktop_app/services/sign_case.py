"""A physician signs a case's letter: signature block, optional PAdES signature, record and lock.

The signed PDF is written atomically, a private copy is kept in the data folder (so the packet
uses exactly the bytes that were signed), its SHA-256 is recorded with the signer, time and
template version, and the case version is locked. Any failure before the record leaves the
case as it was and no file under the chosen name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.domain.case import Case
from desktop_app.errors import AppError, ExportError, SigningError, StorageError
from desktop_app.export.signing import SigningCertificate
from desktop_app.export.signing_certs import load_signing_certificate
from desktop_app.export.signing_report import TYPED_NAME_KEYWORD
from desktop_app.letters.document import SignatureBlock
from desktop_app.services.cases import CaseStore, StoredCase
from desktop_app.services.certificate_passwords import remember_password
from desktop_app.services.kept_signed_letters import kept_copy_path
from desktop_app.services.people import check_can_sign
from desktop_app.services.practice_data import practice_settings
from desktop_app.services.signature_block import signature_block, signer_display_name
from desktop_app.services.signature_workflow import (
    READY,
    error_findings,
    npi_digits,
    override_on_record,
)
from desktop_app.services.signer_identity import check_certificate_is_prescribers
from desktop_app.services.signing import SigningRequest, VerifyReport, sign_bytes
from desktop_app.storage.paths import atomic_writer, write_private
from desktop_app.storage.settings import DirectoryPrescriber

__all__ = [
    "SignOrder",
    "SignedLetter",
    "sign_case",
]


@dataclass(frozen=True, slots=True)
class SignOrder:
    """What the physician chose in the sign dialog; the password lives only in `certificate`."""

    physician: DirectoryPrescriber
    out_path: Path
    certificate: SigningRequest | None = None  # None: signature image or typed line only
    override_reason: str | None = None
    remember_password: bool = False


@dataclass(frozen=True, slots=True)
class SignedLetter:
    """The signed letter as written and recorded."""

    path: Path
    sha256: str
    case_id: str
    version: int
    template_id: str
    template_version: str
    signer: str
    signed_at: dt.datetime
    digital: VerifyReport | None
    remembered_password: bool = False

    def summary(self) -> str:
        how = "digitally signed" if self.digital else "signed"
        return (
            f"Version {self.version} {how} by {self.signer}; saved to {self.path.name} "
            f"(SHA-256 {self.sha256[:16]}…). The version is now locked."
        )


def _check_can_sign(stored: StoredCase, physician: DirectoryPrescriber) -> None:
    if stored.locked:
        raise SigningError(
            "This version is already signed and locked",
            hint="start a new version to change the letter and sign it again",
        )
    if stored.status != READY:
        raise SigningError(
            "The letter is not marked ready for signature",
            hint="staff mark the case 'Ready for signature' when the letter is complete",
        )
    if npi_digits(stored.case.prescriber.npi) != npi_digits(physician.npi):
        raise SigningError(
            f"This letter is written for another prescriber (NPI {stored.case.prescriber.npi})",
            hint="the prescriber named in the letter signs it",
        )


def _override_reason(store: CaseStore, stored: StoredCase, given: str | None) -> str | None:
    """The reason that allows signing despite errors; SigningError when errors have none."""
    errors = error_findings(stored.case)
    reason = (given or "").strip() or None
    if not errors:
        return reason
    reason = reason or override_on_record(store, stored.id)
    if reason is None:
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        raise SigningError(
            f"The letter has {count} (first: {errors[0].message})",
            hint="fix them, or give an override reason to sign anyway",
        )
    return reason


def render_signed_pdf(
    case: Case, block: SignatureBlock, *, invariant: bool = False, typed_name: bool = False
) -> tuple[bytes, str, str]:
    """The letter PDF with the signature block; returns (bytes, template id, version).

    A letter signed by typed name says so in its keywords too, so `verify` can tell.
    """
    from desktop_app.export.pdf import write_pdf
    from desktop_app.letters.render import render_document
    from desktop_app.services.case_template import case_template

    template, _findings = case_template(case)
    document = render_document(case, template, settings=practice_settings(), signature=block)
    if typed_name:
        document.info.keywords = "; ".join(
            part for part in (document.info.keywords, TYPED_NAME_KEYWORD) if part
        )
    stream = io.BytesIO()
    write_pdf(document, stream, invariant=invariant)
    return stream.getvalue(), template.id, str(template.version)


def _write(out_path: Path, data: bytes, keep: Path) -> None:
    """The user's file and the private kept copy, both or neither; the user's file is written
    first so a refusal names the folder the user chose."""
    try:
        keep.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with atomic_writer(out_path) as stream:
            stream.write(data)
            write_private(keep, data)  # before the rename: a failure leaves the old file
    except OSError as exc:
        raise StorageError(
            f"cannot keep the signed copy ({exc.strerror})", file=str(keep)
        ) from None
    except AppError:
        keep.unlink(missing_ok=True)
        raise


def _record(
    store: CaseStore,
    stored: StoredCase,
    order: SignOrder,
    signed: SignedLetter,
    reason: str | None,
    template_hash: str,
    certificate: SigningCertificate | None,
) -> None:
    store.record_signature(
        stored.id,
        signer_name=signer_display_name(order.physician),
        npi=npi_digits(order.physician.npi),
        template_id=signed.template_id,
        template_version=signed.template_version,
        pdf_sha256=signed.sha256,
        version=stored.version,
        # Who signed is the certificate; who pressed the button is the workstation user.
        certificate_subject=certificate.subject if certificate else "typed name, no certificate",
        certificate_sha256=certificate.fingerprint if certificate else None,
    )
    store.record_export(
        stored.id,
        fmt="pdf",
        template_id=signed.template_id,
        template_version=signed.template_version,
        template_hash=template_hash,
        file_sha256=signed.sha256,
        override_reason=reason,
    )
    store.lock_version(stored.id, reason=f"signed by NPI {npi_digits(order.physician.npi)}")
    store.set_status(stored.id, "signed")


def _physicians_certificate(stored: StoredCase, order: SignOrder) -> SigningCertificate | None:
    """The prescriber's own certificate, unlocked; None for a typed-name signature, which the
    practice must allow in Settings. SigningError otherwise, saying whose certificate it is."""
    if order.certificate is None:
        if not practice_settings().allow_typed_name_signatures:
            raise SigningError(
                "Signing needs the physician's own certificate and its password",
                hint="choose the certificate file; an admin can allow typed-name signatures "
                "in Settings",
            )
        return None
    opened = load_signing_certificate(order.certificate.p12_path, order.certificate.password)
    check_certificate_is_prescribers(opened, order.physician, stored.case.prescriber.name)
    return opened


def sign_case(
    store: CaseStore,
    case_id: str,
    order: SignOrder,
    *,
    now: dt.datetime | None = None,
    invariant: bool = False,
) -> SignedLetter:
    """Sign the case's current version as `order` says, write it, record it and lock it.

    Raises SigningError (not ready, another prescriber, errors without an override, the
    certificate or password refused), TemplateError/ExportError (the letter cannot be drawn)
    or StorageError (the file cannot be written): then nothing is recorded or written.
    """
    from desktop_app.services.case_template import case_template

    moment = now or dt.datetime.now(dt.UTC)
    stored = store.get_case(case_id)
    check_can_sign(stored.case)  # a physician, and the one the letter names
    _check_can_sign(stored, order.physician)
    reason = _override_reason(store, stored, order.override_reason)
    certificate = _physicians_certificate(stored, order)
    block = signature_block(order.physician, moment.astimezone().date(), certificate)
    data, template_id, template_version = render_signed_pdf(
        stored.case, block, invariant=invariant, typed_name=certificate is None
    )
    report = None
    if order.certificate is not None and certificate is not None:
        data, report = sign_bytes(data, order.certificate, certificate=certificate)
    sha = hashlib.sha256(data).hexdigest()
    if Path(order.out_path).is_dir():
        raise ExportError("Choose a file name, not a folder", file=str(order.out_path))
    _write(Path(order.out_path), data, kept_copy_path(case_id, stored.version))
    signed = SignedLetter(
        path=Path(order.out_path),
        sha256=sha,
        case_id=case_id,
        version=stored.version,
        template_id=template_id,
        template_version=template_version,
        signer=certificate.common_name if certificate else signer_display_name(order.physician),
        signed_at=moment,
        digital=report,
    )
    template_hash = case_template(stored.case)[0].content_hash
    _record(store, stored, order, signed, reason, template_hash, certificate)
    remembered = False
    if order.certificate is not None and order.remember_password and order.certificate.password:
        remembered = remember_password(order.certificate.p12_path, order.certificate.password)
    return replace(signed, remembered_password=remembered)
