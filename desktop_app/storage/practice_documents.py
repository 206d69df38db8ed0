"""Practice documents in the database: one named text each (settings JSON, a template file).

Saves name the revision they started from, as case saves do, so an admin's save over another
admin's newer one is refused instead of silently overwriting it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.errors import StorageError
from desktop_app.storage.models import PracticeDocumentRow


@dataclass(frozen=True, slots=True)
class PracticeDocument:
    name: str
    content: str
    revision: int
    updated_at: dt.datetime
    updated_by: str


class DocumentChanged(StorageError):
    """Another desk saved this practice document since it was read here."""

    def __init__(self, name: str) -> None:
        super().__init__("another desk changed the practice's copy meanwhile",
                         field=name, hint="open it again to see their change, then make yours")


def _doc(row: PracticeDocumentRow) -> PracticeDocument:
    return PracticeDocument(row.name, row.content, row.revision, row.updated_at, row.updated_by)


def read_document(session: Session, name: str, *, lock: bool = False) -> PracticeDocument | None:
    """The document, or None; `lock` holds its row until the transaction ends (PostgreSQL)."""
    row = session.get(PracticeDocumentRow, name, with_for_update=lock)
    return _doc(row) if row is not None else None


def revisions(session: Session, prefix: str) -> dict[str, int]:
    """Name -> revision of every document whose name starts with `prefix` (cheap to poll)."""
    query = select(PracticeDocumentRow.name, PracticeDocumentRow.revision).where(
        PracticeDocumentRow.name.startswith(prefix, autoescape=True))
    return {name: revision for name, revision in session.execute(query)}


def documents(session: Session, names: list[str]) -> list[PracticeDocument]:
    if not names:
        return []
    query = select(PracticeDocumentRow).where(PracticeDocumentRow.name.in_(names))
    return [_doc(row) for row in session.scalars(query)]


def put_document(session: Session, name: str, content: str, *, user: str,
                 expected_revision: int | None = None) -> int:
    """Write a document; with `expected_revision`, only over that revision. Returns the new one."""
    row = session.get(PracticeDocumentRow, name, with_for_update=True)
    now = dt.datetime.now(dt.UTC)
    if row is None:
        if expected_revision not in (None, 0):
            raise DocumentChanged(name)
        session.add(PracticeDocumentRow(name=name, content=content, revision=1, updated_at=now,
                                        updated_by=user[:200]))
        session.flush()
        return 1
    if expected_revision is not None and row.revision != expected_revision:
        raise DocumentChanged(name)
    if row.content != content:
        row.content, row.revision = content, row.revision + 1
        row.updated_at, row.updated_by = now, user[:200]
        session.flush()
    return row.revision


def remove_documents(session: Session, names: list[str]) -> None:
    if names:
        session.execute(delete(PracticeDocumentRow).where(PracticeDocumentRow.name.in_(names)))
