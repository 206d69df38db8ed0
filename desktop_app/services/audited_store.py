"""What every part of the case store shares: the open database, who is making the change,
and the audit entry each change commits with.

Apart from services/cases.py so that the parts of the store can each live in a module of
their own and all write their audit entries the same one way.
"""

from __future__ import annotations

from typing import Any

from desktop_app.services import audit
from desktop_app.storage.audit import append_entry
from desktop_app.storage.database import Database
from desktop_app.storage.locked_versions import lock_seal
from desktop_app.storage.seals import (
    RECORD_KEY,
    STATE_KEY,
    VERSION_ACTION,
    sha256_text,
    state_digest,
)

__all__ = ["AuditedStore"]


class AuditedStore:
    """One open case database whose every change is written with its audit entry."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @property
    def _user(self) -> str:
        # Read on every change: the name may be edited in the settings while the app runs.
        return audit.current_user()

    def _audit(self, session: Any, action: str, case_id: str | None, row: Any = None,
               **detail: Any) -> None:
        """One entry in the change's own transaction; with the row's fingerprint as it is now."""
        if row is not None:
            session.flush()
            detail[STATE_KEY] = state_digest(row)
        append_entry(session, action=action, user=self._user, case_id=case_id, detail=detail)

    def _seal_version(self, session: Any, row: Any, version: int) -> None:
        # The lock time, reason and who locked it are sealed too: Version history shows them.
        seal = lock_seal(session, row.id, version)
        self._audit(session, VERSION_ACTION, row.id, row, version=version,
                    sha256=sha256_text(row.data), **{RECORD_KEY: seal})
