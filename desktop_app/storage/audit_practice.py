"""The log check's pass over the practice's shared settings document, on a shared database.

That document holds the roots the practice trusts and the physicians' registered certificate
fingerprints, which `verify` vouches by, and the typed-name signature switch. Each save's
entry names its revision, and now the SHA-256 of what was saved; the document as stored must
match the newest entry, so a certificate registered by SQL is found like an edited case.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_app.storage.models import AuditRow, PracticeDocumentRow
from desktop_app.storage.seals import sha256_text

SAVED_ACTION = "practice.settings_saved"
# The document's name, as services.practice_data.SETTINGS_DOC writes it.
SETTINGS_DOCUMENT = "practice-settings"


@dataclass
class SettingsSeal:
    """The newest save's revision and content SHA-256 (None before entries carried it)."""

    saved: bool = False
    revision: object = None
    sha256: object = None

    def collect(self, row: AuditRow, detail: dict[str, object]) -> None:
        if row.action == SAVED_ACTION:
            self.saved, self.revision, self.sha256 = True, detail.get("revision"), detail.get(
                "sha256")


def check_settings(session: Session, seal: SettingsSeal) -> str | None:
    """Words when the stored settings document is not the one the log recorded, or None."""
    row = session.get(PracticeDocumentRow, SETTINGS_DOCUMENT)
    if row is None:
        return ("the practice's shared settings that the audit log holds are missing"
                if seal.saved else None)
    if not seal.saved:
        return "the practice's shared settings were written outside the app"
    if isinstance(seal.sha256, str):
        holds = seal.sha256 == sha256_text(row.content)
    else:
        holds = seal.revision == row.revision
    if holds:
        return None
    return ("the practice's shared settings (letterhead, prescribers and their registered "
            "certificates, trusted roots) were changed outside the app")
