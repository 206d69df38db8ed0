"""Fingerprints of stored rows that the audit log carries, so a changed byte in a case is found.

Every change to a case appends an audit entry holding `state_sha256`, the fingerprint of the
case row as that change left it; locking a version appends one holding the version's
`sha256`. The log check compares the rows with the newest fingerprint the keyed chain holds.
The recipe is part of the stored format: a new recipe needs a new detail key, not an edit.
"""

from __future__ import annotations

import hashlib
import json

from desktop_app.storage.models import CaseRow

STATE_KEY = "state_sha256"
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
