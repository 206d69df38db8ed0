"""Is this certificate the physician's own? Checked before a letter is signed in the app.

A certificate counts as the prescriber's when an admin registered its fingerprint with that
prescriber in Settings, or when its name is the prescriber's name on the letter (titles such
as "Dr." and credentials such as ", MD" aside; accents and case do not matter). Anything else
is refused with the name the certificate really carries, so nobody at the front desk signs as
a physician with someone else's certificate.
"""

from __future__ import annotations

import re
import unicodedata

from desktop_app.errors import SigningError
from desktop_app.export.signing import SigningCertificate
from desktop_app.storage.settings import DirectoryPrescriber

__all__ = ["check_certificate_is_prescribers", "comparable_name"]

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
