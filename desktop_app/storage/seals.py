"""Fingerprints of stored rows that the audit log carries, so a changed byte in a case is found.

Every change to a case appends an audit entry holding `state_sha256`, the fingerprint of the
case row as that change left it; locking a version appends one holding the version's
`sha256`; recording a signed or exported letter appends one naming its file's hash, with
`record_sha256` over the rest of the record. A locked version's entry also carries
`record_sha256` over its lock time, reason and who locked it; a list or the practice's
templates saved to a shared database carry the SHA-256 of what was stored. The log check
compares the rows with the fingerprints the keyed chain holds.
The recipe is part of the stored format: a new recipe needs a new detail key, not an edit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable

from desktop_app.storage.models import CaseRow, CaseVersionRow, PersonRow

STATE_KEY = "state_sha256"
RECORD_KEY = "record_sha256"
VERSION_ACTION = "case.version_locked"


def sha256_text(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def state_digest(row: CaseRow) -> str:
    """The case content and the state staff see: status, lock, bin, version, list columns."""
    state = {
        "id": row.id,
        "data": row.data,
        "status": row.status,
        "revision": row.revision,
        "version": row.version,
        "locked": bool(row.locked),
        "deleted": row.deleted_at is not None,
        "parent": row.parent_case_id,
        "patient_name": row.patient_name,
        "drug_name": row.drug_name,
        "payer_name": row.payer_name,
        "letter_kind": row.letter_kind,
    }
    return sha256_text(json.dumps(state, sort_keys=True, ensure_ascii=False))


def signature_seal(signer_name: str, npi: str, user: str) -> str:
    """What a signature record says beyond the fields its `letter.signed` entry names."""
    return sha256_text(json.dumps([signer_name, npi, user], ensure_ascii=False))


def export_seal(case_version: int, template_hash: str, override_reason: str | None,
                user: str) -> str:
    """What an export record says beyond the fields its `letter.exported` entry names."""
    return sha256_text(json.dumps([case_version, template_hash, override_reason, user],
                                  ensure_ascii=False))


def person_seal(row: PersonRow) -> str:
    """Everything a person's row decides: who they are, their role, login, NPI, PIN, listed."""
    return sha256_text(json.dumps(
        [row.name, row.role, row.login, row.npi, row.pin_hash, bool(row.active)],
        ensure_ascii=False))


def _utc_text(value: dt.datetime) -> str:
    aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return aware.isoformat()


def version_seal(row: CaseVersionRow) -> str:
    """What a locked version says beyond its content: when it was locked, why, and by whom."""
    return sha256_text(json.dumps(
        [row.case_id, row.version, row.data_sha256, _utc_text(row.locked_at), row.reason,
         row.user], ensure_ascii=False))


def templates_seal(files: Iterable[tuple[str, str]]) -> str:
    """The practice's templates as a whole: every (document name, text) pair, in name order."""
    return sha256_text(json.dumps(sorted((name, sha256_text(text)) for name, text in files),
                                  ensure_ascii=False))
