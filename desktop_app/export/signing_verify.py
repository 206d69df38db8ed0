"""Checks the PAdES signatures in a PDF and says, in words, who signed, when, and whether it held.

"Intact" means the signed bytes still match the signature. The certificate's issuer is not
checked against a trusted authority: a practice's certificate is often self-issued, and a
revocation check would need the network, which the app never uses behind the user's back.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from desktop_app.errors import SigningError
from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS
from desktop_app.export.signing_quiet import quiet_pdf_libraries


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """What a check of the signatures found; `message` is one line a user can read."""

    signed: bool
    intact: bool
    signer: str | None
    signed_at: dt.datetime | None
    covers_whole_file: bool
    message: str

    @property
    def ok(self) -> bool:
        """Signed, unchanged since, nothing added: the `verify` command's exit 0."""
        return self.signed and self.intact and self.covers_whole_file


@dataclass(frozen=True, slots=True)
class _Checked:
    intact: bool
    signer: str | None
    signed_at: dt.datetime | None
    whole_file: bool
    later_changes_allowed: bool  # modifications after this signature are only signing/forms


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "at an unknown time"
    return "on " + moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _signer_name(status_or_sig: Any) -> str | None:
    cert = getattr(status_or_sig, "signing_cert", None) or getattr(
        status_or_sig, "signer_cert", None
    )
    if cert is None:
        return None
    subject = cert.subject.native
    name = subject.get("common_name") if isinstance(subject, dict) else None
    return str(name) if name else str(cert.subject.human_friendly)


def _safe_signer_name(embedded: Any) -> str | None:
    try:
        return _signer_name(embedded)
    except DAMAGED_FILE_ERRORS:
        return None


def _check_one(embedded: Any) -> _Checked:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        # No trust roots and no fetching: only the signature's integrity is judged, offline.
        context = ValidationContext(trust_roots=[], allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    except Exception:  # noqa: BLE001 - any failure to validate means "cannot vouch for it"
        return _Checked(False, _safe_signer_name(embedded), None, False, False)
    moment = status.signer_reported_dt
    return _Checked(
        intact=bool(status.intact and status.valid),
        signer=_signer_name(status),
        signed_at=moment.astimezone(dt.UTC) if moment else None,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        later_changes_allowed=bool(status.docmdp_ok),
    )


def _added_bytes(embedded: Any, total: int) -> int:
    try:
        start, length = int(embedded.byte_range[2]), int(embedded.byte_range[3])
    except (*DAMAGED_FILE_ERRORS,):
        return 0
    return max(0, total - (start + length))


def _damaged(pdf_bytes: bytes) -> VerifyReport:
    if b"/ByteRange" in pdf_bytes:
        return VerifyReport(
            signed=True,
            intact=False,
            signer=None,
            signed_at=None,
            covers_whole_file=False,
            message="ALTERED: the signed PDF is damaged and no longer reads as a PDF",
        )
    raise SigningError("The PDF is damaged and cannot be read")


def _report(checks: list[_Checked], added: int) -> VerifyReport:
    latest = checks[-1]
    who = latest.signer or "an unknown signer"
    when = _when(latest.signed_at)
    earlier_broken = any(not c.later_changes_allowed for c in checks[:-1])
    intact = all(c.intact for c in checks) and not earlier_broken
    count = f" ({len(checks)} signatures)" if len(checks) > 1 else ""
    if not intact:
        message = (
            f"ALTERED: the PDF was changed after {who} signed it {when}; "
            "the signature no longer matches its content"
        )
    elif not latest.whole_file:
        message = (
            f"CHANGED AFTER SIGNING: signed by {who} {when}, and the signed part is intact, "
            f"but {added} byte{'s' if added != 1 else ''} were added to the file afterwards"
        )
    else:
        message = (
            f"INTACT: signed by {who} {when}{count}; the PDF has not changed since "
            "(the certificate's issuer was not checked)"
        )
    return VerifyReport(
        signed=True,
        intact=intact,
        signer=latest.signer,
        signed_at=latest.signed_at,
        covers_whole_file=latest.whole_file,
        message=message,
    )


def verify_pdf(pdf_bytes: bytes) -> VerifyReport:
    """Check every signature in the PDF; report on the latest one and on the whole file.

    Raises SigningError only for input that is not a PDF at all, or a password-protected one.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not pdf_bytes.lstrip()[:5] == b"%PDF-":
        raise SigningError("The file is not a PDF")
    failures: tuple[type[BaseException], ...] = (PdfError, *DAMAGED_FILE_ERRORS)
    with quiet_pdf_libraries():
        try:
            reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
            if reader.encrypted:
                raise SigningError(
                    "The PDF is password-protected, so its signature cannot be checked"
                )
            signatures = list(reader.embedded_signatures)
        except failures:
            return _damaged(pdf_bytes)
        if not signatures:
            return VerifyReport(
                signed=False,
                intact=False,
                signer=None,
                signed_at=None,
                covers_whole_file=False,
                message="NOT SIGNED: the PDF carries no digital signature",
            )
        checks = [_check_one(embedded) for embedded in signatures]
    return _report(checks, _added_bytes(signatures[-1], len(pdf_bytes)))
