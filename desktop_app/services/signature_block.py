"""What the letter prints where the physician signs: image, name, credentials, NPI, date, and how.

Separate from signing itself: the sign dialog and the signing queue show the same name and
date words before anything is signed, so they import this without the signing steps.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.errors import SigningError
from desktop_app.export.signing_certs import SigningCertificate
from desktop_app.letters.document import SignatureBlock
from desktop_app.storage.settings import DirectoryPrescriber

__all__ = ["signature_block", "signer_display_name", "signing_date_words"]


def signer_display_name(physician: DirectoryPrescriber) -> str:
    """ "Name, credentials", as the letter prints it."""
    credentials = physician.credentials.strip()
    return physician.name.strip() + (f", {credentials}" if credentials else "")


def _image_path(physician: DirectoryPrescriber) -> str | None:
    raw = (physician.signature_image or "").strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise SigningError(
            f"The signature image for {physician.name.strip()} cannot be found",
            file=str(path),
            hint="choose the image again in Settings, or clear it to sign with a typed line",
        )
    return str(path)


def signing_date_words(day: dt.date) -> str:
    """The date as the letter prints it ("November 28, 2026")."""
    from desktop_app.letters.environment import format_date

    return format_date(day)


def signature_block(
    physician: DirectoryPrescriber, when: dt.date, certificate: SigningCertificate | None = None
) -> SignatureBlock:
    """The image with name, credentials, NPI and date, and a line that says how it was signed:
    with the named certificate, or by typed name without one (labeled as such)."""
    date_text = signing_date_words(when)
    image = _image_path(physician)
    if certificate is not None:
        holder = certificate.common_name.strip() or signer_display_name(physician)
        typed = f"Digitally signed with the certificate of {holder} on {date_text}"
    else:
        typed = (
            f"Signed by typed name, without a digital certificate: "
            f"{signer_display_name(physician)} on {date_text}"
        )
    return SignatureBlock(
        name=physician.name.strip(),
        credentials=physician.credentials.strip(),
        npi=physician.npi.strip(),
        date_text=date_text,
        image_path=image,
        signed_line=typed,
    )
