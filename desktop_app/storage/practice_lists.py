"""The practice's payer directory and regimens as practice documents on a shared database.

The document holds the same JSON text as the payers.json / regimens.json file a desk on the
SQLite file keeps, so a list moves between the two unchanged. Saves go over the revision the
list was read at: a desk saving over another desk's newer list is refused (DirectoryChanged),
never silently overwriting it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from desktop_app import limits
from desktop_app.domain.payers import PayerEntry
from desktop_app.domain.regimens import PracticeRegimen
from desktop_app.errors import StorageError
from desktop_app.storage import practice_documents as docs
from desktop_app.storage.audit import append_entry
from desktop_app.storage.database import Database
from desktop_app.storage.payer_directory import DirectoryChanged, parse_payers, payers_text
from desktop_app.storage.regimen_library import parse_regimens, regimens_text
from desktop_app.storage.seals import sha256_text

PAYERS_DOC = "payer-directory"
REGIMENS_DOC = "practice-regimens"
SOURCE = "the practice's database"

T = TypeVar("T")
# An audit entry to commit with a save: (action, detail). Detail holds counts, never names.
AuditNote = tuple[str, Mapping[str, Any]]


class PracticeListDocument(Generic[T]):
    """One practice list kept as a named practice document."""

    def __init__(self, database: Database, name: str, *, user: str, what: str,
                 parse: Callable[[str, str], list[T]], render: Callable[[list[T]], str]) -> None:
        self.database, self.name, self.user, self.what = database, name, user, what
        self._parse, self._render = parse, render
        self._read_at: int | None = None  # the revision the last load() saw

    def load(self) -> list[T]:
        with self.database.reading() as session:
            found = docs.read_document(session, self.name)
        self._read_at = found.revision if found is not None else 0
        return self._parse(found.content, f"{SOURCE} ({self.what})") if found else []

    def save(self, items: list[T], expected_version: object = None,
             audit: AuditNote | None = None) -> None:
        """Over `expected_version` (a version() value) if given, else over what load() read;
        a store never loaded saves unconditionally (a list built from nothing). With `audit`,
        its entry commits with the list (both are kept, or neither)."""
        expected = self._read_at
        if expected_version is not None:
            expected = expected_version[1] if isinstance(expected_version, tuple) else -1
        try:
            self._put(items, expected, audit)
        except docs.DocumentChanged:
            raise DirectoryChanged(self.what) from None

    def adopt(self, items: list[T], audit: AuditNote | None = None) -> bool:
        """Put a list in only if the database has none yet; False when one was there (another
        desk's, which stays)."""
        try:
            self._put(items, 0, audit)
        except docs.DocumentChanged:
            return False
        return True

    def _put(self, items: list[T], expected: int | None, audit: AuditNote | None) -> None:
        content = self._render(items)
        # The file's cap: where the list is kept never decides whether it can be saved.
        limits.refuse_unreadable_save(content.encode("utf-8"), limits.PRACTICE_LIST_BYTES,
                                      what=self.what, error=StorageError)
        with self.database.writing() as session:
            revision = docs.put_document(session, self.name, content, user=self.user,
                                         expected_revision=expected)
            if audit is not None:
                # The SHA-256 of what was stored: the log check holds the list against it.
                action, detail = audit
                append_entry(session, action=action, user=self.user, case_id=None,
                             detail={**detail, "revision": revision,
                                     "sha256": sha256_text(content)})
        self._read_at = revision

    def version(self) -> object:
        with self.database.reading() as session:
            revision = docs.revisions(session, self.name).get(self.name, 0)
        return (self.database.url, revision)


def payer_document(database: Database, user: str) -> PracticeListDocument[PayerEntry]:
    return PracticeListDocument(database, PAYERS_DOC, user=user, what="the payer directory",
                                parse=parse_payers, render=payers_text)


def regimen_document(database: Database, user: str) -> PracticeListDocument[PracticeRegimen]:
    return PracticeListDocument(database, REGIMENS_DOC, user=user,
                                what="the practice regimens", parse=parse_regimens,
                                render=regimens_text)
