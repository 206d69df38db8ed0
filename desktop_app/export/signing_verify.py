"""Checks every PAdES signature in a PDF: integrity, what came after it, identity and time.

pyHanko validates each signature (bytes, certificate path against the practice's roots only,
the timestamp if there is one, and its difference analysis of later revisions). Its analysis
rates a covering stamp as form filling, so each signed revision is also compared with the
final file as a reader sees it (signing_changes). Nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from desktop_app.errors import SigningError
from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS
from desktop_app.export.signing_quiet import quiet_pdf_libraries
from desktop_app.export.signing_ranges import certified_words, earlier_ends, why_not_intact
from desktop_app.export.signing_report import (
    TYPED_NAME_KEYWORD,
    SignatureCheck,
    VerifyReport,
    damaged,
    unsigned,
    verdict,
)
from desktop_app.export.signing_times import time_words_of, timestamp_time
from desktop_app.export.signing_trust import (
    Identity,
    TrustAnchors,
    Validity,
    common_name,
    fingerprint,
    identity_for,
    not_for_signing,
    validation_context,
    validity_at,
)

if TYPE_CHECKING:
    from desktop_app.export.signing_changes import LaterRevisions

__all__ = ["TrustAnchors", "VerifyReport", "verify_pdf"]

# Naming the revision that made a change means comparing revision by revision; a file with
# more revisions than a letter ever gets is compared with its final state only.
MAX_REVISIONS_SEARCHED = 12

_PYHANKO_LEVEL_WORDS = {
    "ANNOTATIONS": "annotations were added",
    "OTHER": "the file's content was changed (not by a signature)",
}


def _validate(embedded: Any, anchors: TrustAnchors) -> tuple[Any, dt.datetime | None]:
    from pyhanko.sign.validation import validate_pdf_signature

    claimed = embedded.self_reported_timestamp
    stamped = timestamp_time(embedded)
    moment = stamped or claimed
    status = validate_pdf_signature(
        embedded,
        validation_context(anchors, moment),
        ts_validation_context=validation_context(anchors, stamped),
    )
    return status, claimed


def _unreadable(number: int, count: int, embedded: Any) -> SignatureCheck:
    try:
        signer: str | None = common_name(embedded.signer_cert)
    except DAMAGED_FILE_ERRORS:
        signer = None
    return SignatureCheck(
        number=number,
        count=count,
        field=_field(embedded),
        revision=0,
        revisions=0,
        signer=signer,
        fingerprint=None,
        intact=False,
        later_change=None,
        validity=Validity(False, "cannot be read from the damaged signature"),
        identity=Identity(False, "identity not vouched for: the signature cannot be read"),
        signed_at=None,
        time_words="unknown",
        whole_file=False,
    )


def _field(embedded: Any) -> str:
    try:
        return str(embedded.field_name)
    except DAMAGED_FILE_ERRORS:
        return "unnamed"


def _check_one(
    number: int, count: int, embedded: Any, anchors: TrustAnchors
) -> tuple[SignatureCheck, Any]:
    """The signature's own verdicts, and pyHanko's status (None if it could not be read)."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        status, claimed = _validate(embedded, anchors)
    except Exception:  # noqa: BLE001 - any failure to validate means "cannot vouch for it"
        return _unreadable(number, count, embedded), None
    cert = status.signing_cert
    signed_at, time_words = time_words_of(status, claimed)
    sound = bool(status.intact and status.valid)
    because = why_not_intact(status, embedded) if sound else None
    check = SignatureCheck(
        number=number,
        count=count,
        field=_field(embedded),
        revision=int(embedded.signed_revision) + 1,
        revisions=int(embedded.reader.xrefs.total_revisions),
        signer=common_name(cert),
        fingerprint=fingerprint(cert),
        intact=sound and because is None,
        later_change=None,
        validity=not_for_signing(
            cert, validity_at(cert, signed_at.astimezone(dt.UTC) if signed_at else None)
        ),
        identity=identity_for(cert, embedded, anchors, bool(status.trusted), signed_at),
        signed_at=signed_at.astimezone(dt.UTC) if signed_at else None,
        time_words=time_words,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        not_intact_because=because,
    )
    return check, status


def _added_bytes(embedded: Any, total: int) -> int:
    try:
        start, length = int(embedded.byte_range[2]), int(embedded.byte_range[3])
    except DAMAGED_FILE_ERRORS:
        return 0
    return max(0, total - (start + length))


def _revision_ends(reader: Any, data: bytes) -> list[int]:
    """Where each revision's bytes end (after its %%EOF), oldest first."""
    ends = []
    for revision in range(reader.xrefs.total_revisions):
        info = reader.xrefs.get_xref_container_info(revision)
        at = data.find(b"%%EOF", info.end_location)
        ends.append(len(data) if at < 0 else at + len(b"%%EOF"))
    return ends


def _pyhanko_objection(reader: Any, revision: int) -> str | None:
    """pyHanko's difference analysis of one revision against the one before it."""
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
    from pyhanko.sign.diff_analysis.policy_api import SuspiciousModification

    try:
        result = DEFAULT_DIFF_POLICY.apply(
            reader.get_historical_resolver(revision - 1), reader.get_historical_resolver(revision)
        )
    except SuspiciousModification:
        return _PYHANKO_LEVEL_WORDS["OTHER"]
    if result.modification_level > ModificationLevel.FORM_FILLING:
        return _PYHANKO_LEVEL_WORDS.get(result.modification_level.name, "the file was changed")
    return None


class _FinalFile:
    """The final file as a reader sees it, opened and drawn once for all its signatures.

    Each signature with revisions after it is compared with the same final pages; opening and
    drawing them again per signature cost one PDFium rendering of every page each time."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._opened: LaterRevisions | None = None

    def later_revisions(self) -> LaterRevisions:
        if self._opened is None:
            from desktop_app.export.signing_changes import LaterRevisions

            self._opened = LaterRevisions(self.data)
        return self._opened


def _later_change(
    final: _FinalFile, reader: Any, signatures: list[Any], index: int, status: Any
) -> str | None:
    """What was added after signature `index` that a signature may not allow, naming where."""
    embedded = signatures[index]
    signed_revision = int(embedded.signed_revision)
    total = int(reader.xrefs.total_revisions)
    if signed_revision >= total - 1:
        return None  # nothing came after it: no page needs drawing, so PDFium is not loaded
    from pyhanko.sign.diff_analysis import ModificationLevel

    from desktop_app.export.signing_changes import LaterRevisions

    data = final.data
    end = int(embedded.byte_range[2]) + int(embedded.byte_range[3])
    later = [(int(s.signed_revision), _field(s)) for s in signatures[index + 1 :]]
    seen = final.later_revisions().what_changed(end, [name for _rev, name in later])
    level = getattr(status, "modification_level", None)
    pyhanko_ok = level is not None and level <= ModificationLevel.FORM_FILLING
    if seen is None and pyhanko_ok:
        return None
    if total - signed_revision > MAX_REVISIONS_SEARCHED:
        return seen or certified_words(embedded, status) or _PYHANKO_LEVEL_WORDS["OTHER"]
    # Something is wrong: find the first revision that shows it, so the report can name it.
    ends = _revision_ends(reader, data)
    for revision in range(signed_revision + 1, total):
        fields = [name for rev, name in later if rev <= revision]
        problem = LaterRevisions(data[: ends[revision]]).what_changed(end, fields)
        problem = problem or _pyhanko_objection(reader, revision)
        if problem:
            return f"{problem}, in revision {revision + 1} of {total}"
    return seen or certified_words(embedded, status) or _PYHANKO_LEVEL_WORDS["OTHER"]


def _typed_name(reader: Any) -> bool:
    try:
        info = reader.trailer_view.get("/Info")
        keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
    except DAMAGED_FILE_ERRORS:
        return False
    return TYPED_NAME_KEYWORD in keywords


def _signed_part(data: bytes, anchors: TrustAnchors, require_trusted: bool) -> VerifyReport | None:
    """A file pyHanko cannot read whose start, up to an earlier %%EOF, is a signed PDF: bytes
    were appended after signing (a second %%EOF is enough to stop pyHanko finding startxref,
    while other readers show the file), so the signed part is judged and the rest counted."""
    for end in earlier_ends(data):
        try:  # that part alone: never looking back again, or each %%EOF would multiply the work
            report = _verify(data[:end], anchors, require_trusted, look_back=False)
        except SigningError:
            continue
        if not report.signatures:
            continue
        if not report.intact:
            return report
        checks = [*report.signatures[:-1], replace(report.signatures[-1], whole_file=False)]
        return verdict(checks, len(data) - end, require_trusted)
    return None


def verify_pdf(
    pdf_bytes: bytes, anchors: TrustAnchors | None = None, *, require_trusted: bool = False
) -> VerifyReport:
    """Check every signature in the PDF against the practice's `anchors`; see VerifyReport.

    Raises SigningError only for input that is not a PDF at all, or a password-protected one.
    """
    return _verify(pdf_bytes, anchors or TrustAnchors(), require_trusted, look_back=True)


def _verify(
    pdf_bytes: bytes, anchors: TrustAnchors, require_trusted: bool, *, look_back: bool
) -> VerifyReport:
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
            if look_back and b"/ByteRange" in pdf_bytes:
                return _signed_part(pdf_bytes, anchors, require_trusted) or damaged()
            raise SigningError("The PDF is damaged and cannot be read") from None
        if not signatures:
            return unsigned(_typed_name(reader))
        checks = []
        final = _FinalFile(pdf_bytes)
        for index, embedded in enumerate(signatures):
            check, status = _check_one(index + 1, len(signatures), embedded, anchors)
            if status is not None and check.intact:
                try:
                    change = _later_change(final, reader, signatures, index, status)
                except failures:
                    change = "the revisions after it cannot be read"
                check = replace(check, later_change=change)
            checks.append(check)
    added = _added_bytes(signatures[-1], len(pdf_bytes))
    return verdict(checks, added, require_trusted)
