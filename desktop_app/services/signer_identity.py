"""Is this certificate the physician's own? Checked before a letter is signed in the app.

A certificate counts as the prescriber's when an admin registered its fingerprint with that
prescriber in Settings, or when its name is the prescriber's name on the letter (titles such
as "Dr." and credentials such as ", MD" aside; accents and case do not matter). Anything else
is refused with the name the certificate really carries, so nobody at the front desk signs as
a physician with someone else's certificate.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence

from desktop_app.errors import SigningError
from desktop_app.export.base import APP_NAME
from desktop_app.export.signing import SigningCertificate
from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS
from desktop_app.export.signing_quiet import quiet_pdf_libraries
from desktop_app.storage.settings import DirectoryPrescriber

__all__ = [
    "check_certificate_is_prescribers",
    "comparable_name",
    "directory_entry",
    "letter_prescriber",
]

_TITLES = {"dr", "dra", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx"}


def comparable_name(name: str) -> str:
    """A person's name reduced for comparison: no title, no credentials after a comma, no
    accents or punctuation, one space between words, case-folded."""
    before_credentials = name.split(",", 1)[0]
    plain = unicodedata.normalize("NFKD", before_credentials)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = re.sub(r"[^\w\s-]", " ", plain.casefold()).split()
    while words and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


def check_certificate_is_prescribers(
    opened: SigningCertificate, physician: DirectoryPrescriber, letter_prescriber: str
) -> str:
    """How the certificate was matched ("registered" or "name"); SigningError if it is not
    the prescriber's, naming whose it is."""
    registered = {entry.fingerprint.lower() for entry in physician.certificates}
    if opened.fingerprint in registered:
        return "registered"
    holder = opened.common_name.strip() or opened.subject or "an unnamed holder"
    wanted = comparable_name(letter_prescriber)
    if wanted and comparable_name(holder) == wanted:
        return "name"
    raise SigningError(
        f"This certificate belongs to {holder}, not to {letter_prescriber.strip()}, the "
        "prescriber on this letter, so it was not signed",
        hint=(
            "use the prescriber's own certificate; if this one is theirs under another name, "
            "an admin registers it for them in Settings"
        ),
    )


def letter_prescriber(pdf_bytes: bytes) -> str | None:
    """The prescriber a letter made by this app names, or None for any other PDF.

    The app writes the prescriber's name as the letter's author (letters/render.py) and
    itself as its creator; other software's "author" is whoever ran it ("anonymous" for
    reportlab), so it says nothing about who must sign.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    failures: tuple[type[BaseException], ...] = (PyPdfError, *DAMAGED_FILE_ERRORS)
    try:
        # pypdf logs what it makes of a damaged file ("invalid pdf header") to the terminal.
        with quiet_pdf_libraries():
            info = PdfReader(io.BytesIO(pdf_bytes), strict=False).metadata
    except failures:
        return None  # signing reports the damaged file in its own words
    if info is None or str(info.get("/Creator", "")).strip() != APP_NAME:
        return None
    author = str(info.get("/Author", "")).strip()
    return author or None


def directory_entry(name: str, directory: Sequence[DirectoryPrescriber]) -> DirectoryPrescriber:
    """The practice directory's entry for the prescriber called `name` (their registered
    certificates with it), or an entry with no registered certificate when none matches."""
    wanted = comparable_name(name)
    matches = [person for person in directory if wanted and comparable_name(person.name) == wanted]
    if not matches:
        return DirectoryPrescriber(name=name)
    # People with the same name pass the name check alike, so their registrations may pool.
    certificates = [entry for person in matches for entry in person.certificates]
    return matches[0].model_copy(update={"certificates": certificates})
