"""What `verify` found, signature by signature, in lines a payer's reviewer or an auditor reads.

Integrity ("the bytes signed are unchanged, and nothing added later changes what a reader
sees") and identity ("who vouches that this key is Dr. X") are separate lines, and so are the
certificate's validity at the signing time and where that time comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.export.signing_trust import Identity, Validity

# Written into the keywords of a letter signed without a certificate, so verify can say so.
TYPED_NAME_KEYWORD = "signed by typed name, without a digital certificate"


def when_words(moment: dt.datetime | None) -> str:
    if moment is None:
        return "at an unknown time"
    return "on " + moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """One signature in the file: which it is, and each verdict in words."""

    number: int
    count: int
    field: str
    revision: int  # 1-based: the revision this signature closes
    revisions: int
    signer: str | None
    fingerprint: str | None
    intact: bool  # the signed bytes match the signature
    later_change: str | None  # what was added after it that is not allowed, in words
    validity: Validity
    identity: Identity
    signed_at: dt.datetime | None
    time_words: str
    whole_file: bool  # the signature covers the file to its last byte
    # Why it does not hold although pyHanko found the digest sound (a timestamp made for
    # other data, a byte range that leaves part of the file out); `intact` is False then.
    not_intact_because: str | None = None

    @property
    def holds(self) -> bool:
        """Integrity and validity at signing: what exit 0 needs (identity is reported apart)."""
        return self.intact and self.later_change is None and self.validity.valid

    @property
    def title(self) -> str:
        who = self.signer or "an unknown signer"
        return f"signature {self.number} of {self.count} (by {who}, field {self.field})"

    def integrity_words(self) -> str:
        if not self.intact:
            because = self.not_intact_because or "the signed bytes no longer match the signature"
            return f"ALTERED: {because}"
        if self.later_change:
            return f"ALTERED after signing: {self.later_change}"
        if self.revision < self.revisions:
            return (
                "intact: the signed bytes are unchanged; what was added later (another "
                "signature on blank space, or security data) changes nothing a reader sees"
            )
        return "intact: the signed bytes are unchanged"

    def lines(self) -> list[str]:
        who = self.signer or "an unknown signer"
        print_ = f" (certificate SHA-256 {self.fingerprint})" if self.fingerprint else ""
        return [
            f"Signature {self.number} of {self.count}: field {self.field}, "
            f"revision {self.revision} of {self.revisions}",
            f"  signer: {who}{print_}",
            f"  integrity: {self.integrity_words()}",
            f"  identity: {self.identity.words}",
            f"  certificate: {self.validity.words}",
            f"  time: {self.time_words}",
        ]


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """What a check of the signatures found; `message` is the one-line verdict."""

    signed: bool
    intact: bool  # every signature's bytes match and nothing after any of them is disallowed
    signer: str | None  # the latest signer
    signed_at: dt.datetime | None
    covers_whole_file: bool
    message: str
    signatures: tuple[SignatureCheck, ...] = ()
    certificates_valid: bool = True
    trusted: bool = False  # every signer is vouched for
    require_trusted: bool = False
    typed_name: bool = False  # the letter says it was signed by typed name only
    trust_note: str = ""  # why the practice's trust was not used, when it could not be read

    @property
    def ok(self) -> bool:
        """Signed, unchanged since, valid certificates (and vouched for, if required)."""
        return (
            self.signed
            and self.intact
            and self.covers_whole_file
            and self.certificates_valid
            and (self.trusted or not self.require_trusted)
        )

    @property
    def details(self) -> list[str]:
        lines: list[str] = []
        for check in self.signatures:
            lines.extend(check.lines())
        return lines

    def text(self) -> str:
        """The verdict line, then each signature's lines: what `pa-letter verify` prints."""
        note = [self.trust_note] if self.trust_note else []
        return "\n".join([self.message, *self.details, *note])


def verdict(checks: list[SignatureCheck], added: int, require_trusted: bool) -> VerifyReport:
    """The one-line verdict over every signature; the first one that fails is named."""
    latest = checks[-1]
    broken = next((c for c in checks if not (c.intact and c.later_change is None)), None)
    invalid = next((c for c in checks if not c.validity.valid), None)
    untrusted = next((c for c in checks if not c.identity.vouched), None)
    count = f" ({len(checks)} signatures)" if len(checks) > 1 else ""
    if broken is not None:
        message = f"ALTERED: {broken.title}: {broken.integrity_words().split(': ', 1)[-1]}"
        if broken.later_change:
            message = f"ALTERED: {broken.title} no longer holds: {broken.later_change}"
    elif not latest.whole_file:
        message = (
            f"CHANGED AFTER SIGNING: signed by {latest.signer or 'an unknown signer'} "
            f"{when_words(latest.signed_at)}, and the signed part is intact, but {added} "
            f"byte{'s' if added != 1 else ''} were added to the file afterwards"
        )
    elif invalid is not None:
        message = f"CERTIFICATE NOT VALID: {invalid.title}: it was {invalid.validity.words}"
    elif require_trusted and untrusted is not None:
        message = f"NOT VOUCHED FOR: {untrusted.title}: {untrusted.identity.words}"
    else:
        who = latest.signer or "an unknown signer"
        message = (
            f"INTACT: signed by {who} {when_words(latest.signed_at)}{count}; "
            "the PDF has not changed since"
        )
    return VerifyReport(
        signed=True,
        intact=broken is None,
        signer=latest.signer,
        signed_at=latest.signed_at,
        covers_whole_file=latest.whole_file,
        message=message,
        signatures=tuple(checks),
        certificates_valid=invalid is None,
        trusted=untrusted is None,
        require_trusted=require_trusted,
    )


def unsigned(typed_name: bool) -> VerifyReport:
    message = "NOT SIGNED: the PDF carries no digital signature"
    if typed_name:
        message += (
            "; the letter says it was signed by typed name, without a digital certificate, "
            "so nothing in the file shows who signed it"
        )
    return VerifyReport(
        signed=False,
        intact=False,
        signer=None,
        signed_at=None,
        covers_whole_file=False,
        message=message,
        typed_name=typed_name,
    )


def damaged() -> VerifyReport:
    return VerifyReport(
        signed=True,
        intact=False,
        signer=None,
        signed_at=None,
        covers_whole_file=False,
        message="ALTERED: the signed PDF is damaged and no longer reads as a PDF",
    )
