"""Records staff keep about a case: the denial they confirmed (with the letter kept as an
attachment), each call with the payer, and the approval.

Each change commits with its audit entry. The audit detail holds counts, the revision and a
SHA-256 of a call as noted, never its words: the chain then shows if a noted call is changed
later, without holding patient data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from desktop_app.domain.case_records import Approval, CallLogEntry
from desktop_app.domain.casefile import case_to_dict, parse_with_new_parts
from desktop_app.errors import AppError, CaseFileError, StorageError
from desktop_app.services.appeals import appeal_due_of
from desktop_app.services.cases import CaseStore, StoredCase
from desktop_app.services.denial_intake import ConfirmedDenial, apply_denial, letter_attachment
from desktop_app.storage import case_rows
from desktop_app.storage.case_records import write_records
from desktop_app.storage.records import CaseLocked

__all__ = ["add_call", "call_fingerprint", "record_approval", "save_denial"]


def call_fingerprint(call: CallLogEntry) -> str:
    """SHA-256 of a call as noted, for the audit trail."""
    text = json.dumps(call.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_denial(
    store: CaseStore, case_id: str, confirmed: ConfirmedDenial, expected_revision: int
) -> StoredCase:
    """Put the confirmed denial in an (unlocked) case and keep the letter as its attachment.

    CaseLocked for a signed case (the denial belongs in the appeal, a new case); EditConflict
    if the case was saved elsewhere since `expected_revision`.
    """
    current = store.get_case(case_id)
    if current.locked:
        raise CaseLocked(case_id)
    problems = confirmed.problems()
    if problems:
        raise AppError(problems[0], field="denial")
    attachment, copied = letter_attachment(case_id, confirmed)
    try:
        case = apply_denial(current.case, confirmed, attachment)
        with store.database.writing() as session:
            row = case_rows.find_row(session, case_id)
            if row.locked:
                raise CaseLocked(case_id)
            write_records(session, row, case, appeal_due=appeal_due_of(case),
                          expected_revision=expected_revision)
            store._audit(session, "case.denial_entered", case_id, row, revision=row.revision,
                         stated_count=len(confirmed.reasons), letter_kept=attachment is not None)
            return case_rows.to_stored(row)
    except BaseException:
        # Nothing was saved, so the copy of the letter is not kept either (a file staff
        # named stays where it is: it is theirs).
        if attachment is not None and copied:
            Path(attachment.path).unlink(missing_ok=True)
        raise


def _changed(
    store: CaseStore, case_id: str, section: str, change: Any, action: str, **detail: Any
) -> StoredCase:
    with store.database.writing() as session:
        row = case_rows.find_row(session, case_id)
        data = case_to_dict(case_rows.decode_case(row))
        change(data)
        try:
            case = parse_with_new_parts(data, (section,), source="record")
        except CaseFileError as exc:
            raise StorageError(f"the record cannot be saved: {exc.message}",
                               field=exc.field) from None
        write_records(session, row, case, appeal_due=appeal_due_of(case))
        store._audit(session, action, case_id, row, revision=row.revision, **detail)
        return case_rows.to_stored(row)


def add_call(store: CaseStore, case_id: str, call: CallLogEntry) -> StoredCase:
    """Append a call to the case's call log (also on a signed case). Calls are never edited:
    a correction is a new call noting it."""
    if call.at is None or not call.who.strip() or not call.summary.strip():
        raise StorageError("a call needs its date and time, whom you spoke with and what was "
                           "said")
    entry = call.model_dump(mode="json", exclude_none=True)

    def append(data: dict[str, Any]) -> None:
        data.setdefault("call_log", []).append(entry)

    return _changed(store, case_id, "call_log", append, "case.call_logged",
                    call_sha256=call_fingerprint(call))


def record_approval(store: CaseStore, case_id: str, approval: Approval) -> StoredCase:
    """Record (or correct) the payer's approval: authorization number, units and period."""
    if not approval.authorization_number.strip():
        raise StorageError("the approval needs its authorization number")
    if approval.start is None or approval.end is None:
        raise StorageError("the approval needs the first and last day of the approved period")
    if approval.end < approval.start:
        raise StorageError("the approved period ends before it starts",
                           hint="check the dates on the approval letter")

    def put(data: dict[str, Any]) -> None:
        data["approval"] = approval.model_dump(mode="json", exclude_none=True)

    return _changed(store, case_id, "approval", put, "case.approval_recorded",
                    period_days=(approval.end - approval.start).days + 1)


def now_local() -> dt.datetime:
    """The practice's wall-clock time, as case files keep times."""
    return dt.datetime.now().replace(microsecond=0)
