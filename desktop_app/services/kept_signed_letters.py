"""The app's own copy of each signed letter, kept in the data folder and checked when read back.

Separate from signing because the packet, version history and verify read the kept bytes long
after signing, and need only where the copy lives and that it still matches what was signed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop_app import limits
from desktop_app.errors import SigningError
from desktop_app.services.cases import CaseStore
from desktop_app.storage.paths import data_home

__all__ = ["kept_copy_path", "kept_signed_letter"]

SIGNED_FOLDER = "signed-letters"


def kept_copy_path(case_id: str, version: int) -> Path:
    """Where the signed bytes are kept for the packet; the name holds ids only, no PHI."""
    return data_home() / SIGNED_FOLDER / f"{case_id}-v{version}.pdf"


def kept_signed_letter(store: CaseStore, case_id: str, version: int | None = None) -> bytes:
    """The signed letter's bytes for a version (default: current), checked against the record."""
    stored = store.get_case(case_id)
    version = stored.version if version is None else version
    records = [s for s in store.signatures(case_id) if s.version == version]
    if not records:
        raise SigningError(
            f"Version {version} of this letter has not been signed",
            hint="the physician signs it from the signing queue first",
        )
    path = kept_copy_path(case_id, version)
    try:
        with limits.open_for_reading(path) as handle:
            data = handle.read(limits.PDF_FILE_BYTES + 1)
    except OSError:
        raise SigningError(
            "The app's copy of the signed letter is missing",
            file=str(path),
            hint="use the signed PDF saved when signing, or start a new version and sign again",
        ) from None
    if hashlib.sha256(data).hexdigest() != records[-1].pdf_sha256:
        raise SigningError(
            "The app's copy of the signed letter does not match what was signed",
            file=str(path),
            hint="start a new version and sign again",
        )
    return data
