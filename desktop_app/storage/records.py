"""What the case store hands out: case summaries, stored cases, versions, exports, signatures.

Plain frozen dataclasses, so the GUI can keep them across threads; plus the two save errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.errors import StorageError

if TYPE_CHECKING:  # the first screen lists summaries before the case model is built
    from desktop_app.domain.case import Case


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One line of the case list; read without decoding the case JSON."""

    id: str
    patient_name: str
    drug_name: str
    payer_name: str
    letter_kind: str | None
    status: str
    appeal_due: dt.date | None
    updated_at: dt.datetime
    revision: int
    deleted: bool = False
    # Case-folded: names plus what callers quote on the phone (member ID, Medicare number,
    # denial reference, date of birth); see case_rows.search_text.
    search_text: str = ""
    # The request an appeal was started from, so the list can show it under that request.
    parent_case_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoredCase:
    id: str
    case: Case
    status: str
    revision: int
    updated_at: dt.datetime
    parent_case_id: str | None
    locked: bool
    version: int = 1
    created_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class VersionInfo:
    case_id: str
    version: int
    locked_at: dt.datetime
    reason: str
    user: str
    data_sha256: str


@dataclass(frozen=True, slots=True)
class ExportRecord:
    case_id: str
    case_version: int
    exported_at: dt.datetime
    fmt: str
    template_id: str
    template_version: str
    template_hash: str
    file_sha256: str
    override_reason: str | None
    user: str


@dataclass(frozen=True, slots=True)
class SignatureRecord:
    case_id: str
    version: int
    signer_name: str
    npi: str
    signed_at: dt.datetime
    template_id: str
    template_version: str
    pdf_sha256: str
    user: str


class EditConflict(StorageError):
    """Someone else saved this case since it was opened here; `current` is their version."""

    def __init__(self, current: StoredCase) -> None:
        super().__init__(
            "this case was changed in another window since you opened it",
            hint="reload the case to see the other changes, then make yours again",
        )
        self.current = current


class CaseLocked(StorageError):
    """The case's current version is signed (locked); edits need a new version."""

    def __init__(self, case_id: str) -> None:
        super().__init__(
            "this version of the case is signed and locked",
            hint="start a new version to make changes; the signed one is kept",
        )
        self.case_id = case_id
