"""The practice's confirmations that a catalog drug's labeled facts match its FDA label.

A person who compared the catalog's labeled uses, doses and routes with the label on DailyMed
may confirm it once for the whole practice: one confirmation per drug and label revision, kept
as one practice document ("label-confirmations") on the desk's SQLite file or the practice's
shared database. A case does not read it by itself: staff choose "Use for this case", which
copies it into the case's own `off_label.label_check`, so rules and the command line judge the
case file alone.

Each change is read and written in one write transaction (the row locked on PostgreSQL), so
two desks confirming different drugs at once both keep theirs; its audit entry commits with
it and holds the drug's catalog name and the revision month, never anything about a patient,
and the SHA-256 of the document it left, so a confirmation added or edited by SQL is found by
the log check (storage/audit_documents.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.errors import StorageError
from desktop_app.storage import practice_documents as docs
from desktop_app.storage.audit import append_entry
from desktop_app.storage.database import Database
from desktop_app.storage.seals import sha256_text

DOCUMENT = "label-confirmations"
FORMAT = "pa-letter-label-confirmations/1"
CONFIRMED = "label_confirmation.saved"
REMOVED = "label_confirmation.removed"
# Names are staff's names (Settings > You, or who signed in), capped as a case's names are.
_NAME_CHARS = 200
_DRUG_CHARS = 120


@dataclass(frozen=True, slots=True)
class LabelConfirmation:
    drug: str  # the catalog entry's generic name, e.g. "pembrolizumab"
    label_revised: dt.date  # the first of the label's revision month
    confirmed_by: str
    confirmed_on: dt.date


def same_revision(one: dt.date, other: dt.date | None) -> bool:
    """A label's revision is a month ("Revised: 9/2023"): any day of it names the same one."""
    return other is not None and (one.year, one.month) == (other.year, other.month)


def _key(drug: str) -> str:
    return drug.strip().casefold()


def parse_confirmations(content: str) -> list[LabelConfirmation]:
    """The document's confirmations; StorageError naming the entry when it is damaged."""
    where = f"the practice's label confirmations ({DOCUMENT})"
    try:
        data = json.loads(content)
    except ValueError:
        raise StorageError(f"{where} are not valid JSON",
                           hint="an admin removes the damaged confirmations") from None
    if isinstance(data, dict) and data.get("format", FORMAT) != FORMAT:
        raise StorageError(f"{where} were written by a newer version of the app",
                           field="format", hint="update this desk's app") from None
    rows = data.get("confirmations") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise StorageError(f"{where} hold no list of confirmations", field="confirmations")
    found: list[LabelConfirmation] = []
    for number, row in enumerate(rows, start=1):
        try:
            found.append(_confirmation(row))
        except (TypeError, ValueError, KeyError):
            raise StorageError(f"{where}: entry {number} is damaged",
                               field=f"confirmations[{number - 1}]",
                               hint="confirm that drug's label again") from None
    return found


def _confirmation(row: Any) -> LabelConfirmation:
    if not isinstance(row, dict):
        raise TypeError
    drug, by = row["drug"], row["confirmed_by"]
    if not isinstance(drug, str) or not isinstance(by, str) or not drug.strip() or not by.strip():
        raise ValueError
    if len(drug) > _DRUG_CHARS or len(by) > _NAME_CHARS:
        raise ValueError
    return LabelConfirmation(drug=drug.strip(),
                             label_revised=dt.date.fromisoformat(row["label_revised"]),
                             confirmed_by=by.strip(),
                             confirmed_on=dt.date.fromisoformat(row["confirmed_on"]))


def confirmations_text(confirmations: list[LabelConfirmation]) -> str:
    rows = [{"drug": c.drug, "label_revised": c.label_revised.isoformat(),
             "confirmed_by": c.confirmed_by, "confirmed_on": c.confirmed_on.isoformat()}
            for c in sorted(confirmations, key=lambda c: (_key(c.drug), c.label_revised))]
    return json.dumps({"format": FORMAT, "confirmations": rows}, indent=2,
                      ensure_ascii=False) + "\n"


class PracticeLabelConfirmations:
    """The practice's label confirmations in one database, changed on behalf of `user`."""

    def __init__(self, database: Database, *, user: str) -> None:
        self.database, self.user = database, user

    def all(self) -> list[LabelConfirmation]:
        with self.database.reading() as session:
            found = docs.read_document(session, DOCUMENT)
        return parse_confirmations(found.content) if found is not None else []

    def for_label(self, drug: str, cited: dt.date | None) -> LabelConfirmation | None:
        """The confirmation of `drug` for the revision the catalog cites; None when there is
        none, or only one for another revision (a stale one is never offered)."""
        for confirmation in self.all():
            if _key(confirmation.drug) == _key(drug) and same_revision(
                    confirmation.label_revised, cited):
                return confirmation
        return None

    def confirm(self, confirmation: LabelConfirmation) -> None:
        """Keep it, replacing an earlier confirmation of the same drug and revision."""
        if not confirmation.drug.strip() or not confirmation.confirmed_by.strip():
            raise StorageError("a label confirmation needs the drug and who confirmed it",
                               field="confirmed_by")
        if len(confirmation.drug) > _DRUG_CHARS or len(confirmation.confirmed_by) > _NAME_CHARS:
            raise StorageError("the drug or the name of a label confirmation is too long",
                               field="confirmed_by")
        with self.database.writing() as session:
            kept, read_at = self._read_locked(session)
            others = [c for c in kept if not self._same(c, confirmation.drug,
                                                        confirmation.label_revised)]
            self._write(session, read_at, [*others, confirmation], CONFIRMED, confirmation)

    def remove(self, drug: str, label_revised: dt.date) -> bool:
        """Remove the confirmation of `drug` for that revision; False when there was none."""
        with self.database.writing() as session:
            kept, read_at = self._read_locked(session)
            left = [c for c in kept if not self._same(c, drug, label_revised)]
            if len(left) == len(kept):
                return False
            gone = next(c for c in kept if self._same(c, drug, label_revised))
            self._write(session, read_at, left, REMOVED, gone)
        return True

    @staticmethod
    def _same(confirmation: LabelConfirmation, drug: str, revised: dt.date) -> bool:
        return _key(confirmation.drug) == _key(drug) and same_revision(
            confirmation.label_revised, revised)

    @staticmethod
    def _read_locked(session: Session) -> tuple[list[LabelConfirmation], int]:
        found = docs.read_document(session, DOCUMENT, lock=True)
        if found is None:
            return [], 0
        return parse_confirmations(found.content), found.revision

    def _write(self, session: Session, read_at: int, confirmations: list[LabelConfirmation],
               action: str, which: LabelConfirmation) -> None:
        # Over the revision just read under the lock: nothing can come between.
        content = confirmations_text(confirmations)
        revision = docs.put_document(session, DOCUMENT, content, user=self.user,
                                     expected_revision=read_at)
        append_entry(session, action=action, user=self.user, case_id=None,
                     detail={"drug": which.drug,
                             "label_revised": which.label_revised.isoformat()[:7],
                             "rows": len(confirmations), "revision": revision,
                             # The log check holds the stored document to this (audit_documents).
                             "sha256": sha256_text(content)})
