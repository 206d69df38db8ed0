"""The physician's side of a case: the signing queue, overrides on record, versions, verifying.

Staff mark a case "Ready for signature"; each physician sees the ready cases written under
their own NPI. Signing itself lives in services.sign_case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app import limits
from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.domain.identifiers import npi_digits
from desktop_app.errors import SigningError, StorageError
from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, SignatureRecord
from desktop_app.services.check import check_case
from desktop_app.services.practice_data import practice_settings
from desktop_app.services.signing import VerifyReport, verify_bytes, verify_file
from desktop_app.storage.settings import DirectoryPrescriber

__all__ = [
    "KeyringStatus",
    "QueueItem",
    "VersionEntry",
    "check_signed_version",
    "error_findings",
    "keyring_status",
    "missing_enclosures",
    "npi_digits",
    "override_on_record",
    "physicians",
    "queue_physicians",
    "signature_queue",
    "start_new_version",
    "typed_name_signatures_allowed",
    "verify_signed_file",
    "version_history",
]

READY = "ready_for_signature"


def typed_name_signatures_allowed() -> bool:
    """The practice's Settings switch for signing without a certificate (off by default)."""
    try:
        return practice_settings().allow_typed_name_signatures
    except StorageError:
        return False  # a damaged settings file allows nothing extra


def physicians() -> list[DirectoryPrescriber]:
    """The practice's prescribers who can sign: those in the directory with an NPI."""
    try:
        people = practice_settings().prescribers
    except StorageError:
        return []  # a damaged settings file: the settings view reports it; the queue is empty
    return [p for p in people if npi_digits(p.npi)]


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One letter waiting for a physician's signature, and whether it can be signed as it is."""

    case_id: str
    patient_name: str
    drug_name: str
    payer_name: str
    letter_kind: str
    updated_at: dt.datetime
    errors: int
    override_on_record: bool

    @property
    def needs_override(self) -> bool:
        return self.errors > 0 and not self.override_on_record


def error_findings(case: Case) -> list[Finding]:
    """The checker's errors: a letter with any of these is signed only with an override reason."""
    return [f for f in check_case(case).findings if f.severity is Severity.ERROR]


def override_on_record(store: CaseStore, case_id: str) -> str | None:
    """The newest override reason recorded for the case's current version, if any."""
    version = store.get_case(case_id).version
    reasons = [
        e.override_reason
        for e in store.exports(case_id)
        if e.case_version == version and (e.override_reason or "").strip()
    ]
    return reasons[-1] if reasons else None


def signature_queue(store: CaseStore, npi: str) -> list[QueueItem]:
    """Cases ready for signature whose prescriber NPI is `npi`, oldest first (first come)."""
    wanted = npi_digits(npi)
    if not wanted:
        return []
    items = []
    for summary in store.list_cases(status=READY):
        stored = store.get_case(summary.id)
        if npi_digits(stored.case.prescriber.npi) != wanted:
            continue
        items.append(
            QueueItem(
                case_id=summary.id,
                patient_name=summary.patient_name,
                drug_name=summary.drug_name,
                payer_name=summary.payer_name,
                letter_kind=summary.letter_kind or "",
                updated_at=summary.updated_at,
                errors=len(error_findings(stored.case)),
                override_on_record=override_on_record(store, summary.id) is not None,
            )
        )
    return sorted(items, key=lambda item: item.updated_at)


def waiting_by_npi(store: CaseStore) -> dict[str, int]:
    """How many letters wait for signature under each prescriber NPI (digits only)."""
    counts: dict[str, int] = {}
    for summary in store.list_cases(status=READY):
        npi = npi_digits(store.get_case(summary.id).case.prescriber.npi)
        if npi:
            counts[npi] = counts.get(npi, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class VersionEntry:
    """One version of a case as the history shows it: locked or being edited, and who signed."""

    version: int
    locked: bool
    current: bool
    locked_at: dt.datetime | None
    reason: str
    user: str
    signatures: list[SignatureRecord] = field(default_factory=list)

    def describe(self) -> str:
        state = "locked" if self.locked else "being edited"
        words = [f"Version {self.version} ({state}{', current' if self.current else ''})"]
        for sig in self.signatures:
            when = sig.signed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            words.append(
                f"signed by {sig.signer_name} (NPI {sig.npi}) on {when}, template "
                f"{sig.template_id} {sig.template_version}, PDF SHA-256 {sig.pdf_sha256[:12]}…"
            )
        if self.locked and not self.signatures:
            words.append(f"locked: {self.reason}")
        return "; ".join(words)


def version_history(store: CaseStore, case_id: str) -> list[VersionEntry]:
    """Every version, oldest first: the locked snapshots and the one being edited now."""
    stored = store.get_case(case_id)
    signatures = store.signatures(case_id)
    entries = [
        VersionEntry(
            version=info.version,
            locked=True,
            current=info.version == stored.version,
            locked_at=info.locked_at,
            reason=info.reason,
            user=info.user,
            signatures=[s for s in signatures if s.version == info.version],
        )
        for info in store.versions(case_id)
    ]
    if not any(entry.version == stored.version for entry in entries):
        entries.append(
            VersionEntry(
                version=stored.version,
                locked=False,
                current=True,
                locked_at=None,
                reason="",
                user="",
                signatures=[s for s in signatures if s.version == stored.version],
            )
        )
    return entries


def start_new_version(store: CaseStore, case_id: str) -> int:
    """Unlock a signed case for editing as the next version; the signed one is kept as it was."""
    return store.new_version(case_id).version


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    """Whether "Remember in the system keyring" can work here, and if not, why in words."""

    available: bool
    why_not: str = ""


def keyring_status() -> KeyringStatus:
    """A headless Linux has no keyring backend: that is a normal state, not an error."""
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
        from keyring.backends import fail  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return KeyringStatus(False, "No system keyring support is installed on this computer.")
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration means "no keyring"
        return KeyringStatus(False, "The system keyring could not be opened.")
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return KeyringStatus(False, "This computer has no system keyring (secret service).")
    return KeyringStatus(True)


def check_signed_version(store: CaseStore, case_id: str, version: int) -> VerifyReport:
    """The same verdicts as `pa-letter verify`, for the app's kept copy of a signed version
    (version history, the packet's letter). SigningError if the copy is missing or changed."""
    from desktop_app.services.kept_signed_letters import kept_signed_letter

    return verify_bytes(kept_signed_letter(store, case_id, version))


def verify_signed_file(path: Path, case_id: str | None = None) -> VerifyReport:
    """Check a signed PDF's signatures and record the check (file hash and result, no PHI)."""
    path = Path(path)
    report = verify_file(path)
    try:
        # verify_file read it within the PDF cap; read no more than that again.
        with limits.open_for_reading(path) as handle:
            sha = hashlib.sha256(handle.read(limits.PDF_FILE_BYTES + 1)).hexdigest()
    except OSError as exc:
        raise SigningError(
            f"The file cannot be read ({exc.strerror or 'unreadable'})", file=str(path)
        ) from None
    if report.ok:
        result = "intact"
    elif not report.signed:
        result = "unsigned"
    elif not report.intact or not report.covers_whole_file:
        result = "altered"
    else:
        result = "certificate not valid" if not report.certificates_valid else "not vouched for"
    audit.record(
        "signature.verified",
        case_id,
        {"sha256": sha, "result": result, "whole_file": report.covers_whole_file},
    )
    return report


def queue_physicians(store: CaseStore) -> list[DirectoryPrescriber]:
    """Who can have a signing queue: the directory's prescribers, then each prescriber named
    on a case (with a valid NPI) whom Settings > Add from cases has not added yet."""
    from desktop_app.services.settings import prescribers_to_add

    people = physicians()
    try:
        sections = store.prescriber_sections()
    except StorageError:
        return people
    return [*people, *prescribers_to_add(sections, people)]


def missing_enclosures(case: Case, base_dir: Path | None = None) -> list[str]:
    """The enclosures the letter lists whose files are not attached (no file, or the file
    cannot be found): the enclosure list is part of what is signed, and nothing can be added
    to a signed letter afterwards."""
    missing = []
    for number, attachment in enumerate(case.attachments or [], start=1):
        title = attachment.title.strip() or f"Enclosure {number}"
        raw = attachment.path.strip()
        path = Path(raw).expanduser() if raw else None
        if path is not None and not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if path is None or not path.is_file():
            missing.append(title)
    return missing
