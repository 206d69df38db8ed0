"""One case's row: how a case is kept in it (its JSON and the list's columns), reading it
back, and saving it without overwriting a newer save (optimistic saves).

Callers pass an open session from `Database.reading()` / `Database.writing()`; the workflow
(statuses, appeals, audit) lives in services.cases and the modules its CaseStore is made of.
Reads across every case are in case_list.py, locked versions in locked_versions.py.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import case_to_dict
from desktop_app.errors import StorageError
from desktop_app.storage.models import CaseRow
from desktop_app.storage.quick_list import decode_case_data
from desktop_app.storage.records import (
    CaseLocked,
    EditConflict,
    StoredCase,
)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def case_json(case: Case) -> str:
    return json.dumps(case_to_dict(case), ensure_ascii=False, sort_keys=True)


def list_columns(case: Case, appeal_due: dt.date | None) -> dict[str, Any]:
    """The denormalised columns the case list shows, filters and searches on."""
    drug = case.drug.generic_name or case.drug.brand_name or ""
    return {
        "patient_name": case.patient.name[:200],
        "drug_name": drug[:200],
        "payer_name": case.payer.name[:200],
        "letter_kind": case.letter.kind,
        "appeal_due": appeal_due,
        "search_text": search_text(case),
    }


def search_text(case: Case) -> str:
    """What a search matches, case-folded, one field per line (a search never spans two).

    Besides patient, drug and payer: what a payer or patient quotes on the phone, so the front
    desk finds the case from it: the member ID, the Medicare number, the denial's reference and
    the date of birth (as 1951-03-14 and 03/14/1951). Identifiers also without their dashes.
    """
    drug = case.drug.generic_name or case.drug.brand_name or ""
    lines = [case.patient.name, drug, case.payer.name]
    for identifier in (case.payer.member_id, case.patient.mbi,
                       case.denial.reference_number if case.denial else None):
        if identifier:
            lines.append(identifier)
            compact = identifier.replace("-", "").replace(" ", "")
            if compact != identifier:
                lines.append(compact)
    if case.patient.dob is not None:
        lines += [case.patient.dob.isoformat(), case.patient.dob.strftime("%m/%d/%Y")]
    return "\n".join(lines).casefold()


def decode_case(row: CaseRow) -> Case:
    return decode_case_data(row.id, row.data)


def to_stored(row: CaseRow) -> StoredCase:
    return StoredCase(
        id=row.id,
        case=decode_case(row),
        status=row.status,
        revision=row.revision,
        updated_at=row.updated_at,
        parent_case_id=row.parent_case_id,
        locked=row.locked,
        version=row.version,
        created_at=row.created_at,
        deleted_at=row.deleted_at,
    )


def find_row(session: Session, case_id: str) -> CaseRow:
    """The case's row; in a write transaction locked until commit (SELECT ... FOR UPDATE).

    On PostgreSQL two desks may otherwise both read revision 5 and both write 6, and the
    second write silently undoes the first (found by tests/unit/services/test_many_desks.py).
    SQLite needs no row lock: a writer holds the whole database from BEGIN IMMEDIATE.
    """
    row = session.get(CaseRow, case_id, with_for_update=bool(session.info.get("writing")))
    if row is None:
        raise StorageError("no such case in the database", field=f"case {case_id[:36]}")
    return row


def insert_case(
    session: Session,
    case: Case,
    *,
    status: str,
    appeal_due: dt.date | None,
    parent_case_id: str | None = None,
) -> CaseRow:
    when = now_utc()
    row = CaseRow(
        id=str(uuid.uuid4()),
        data=case_json(case),
        status=status,
        created_at=when,
        updated_at=when,
        revision=1,
        version=1,
        locked=False,
        deleted_at=None,
        parent_case_id=parent_case_id,
        **list_columns(case, appeal_due),
    )
    session.add(row)
    session.flush()
    return row


def update_case(
    session: Session,
    case_id: str,
    case: Case,
    *,
    expected_revision: int,
    appeal_due: dt.date | None,
) -> CaseRow:
    """Write the case if nobody saved since `expected_revision`; bump the revision."""
    row = find_row(session, case_id)
    if row.locked:
        raise CaseLocked(case_id)
    if row.revision != expected_revision:
        raise EditConflict(to_stored(row))
    # The WHERE on revision makes the check and the write one step, even on PostgreSQL.
    result = session.execute(
        update(CaseRow)
        .where(CaseRow.id == case_id, CaseRow.revision == expected_revision)
        .values(
            data=case_json(case),
            updated_at=now_utc(),
            revision=expected_revision + 1,
            **list_columns(case, appeal_due),
        )
        .execution_options(synchronize_session="fetch")
    )
    if getattr(result, "rowcount", 1) != 1:
        session.expire(row)
        raise EditConflict(to_stored(find_row(session, case_id)))
    session.refresh(row)
    return row


def touch(row: CaseRow) -> None:
    """Record a change to the row's state (status, lock, deletion) as a new revision."""
    row.revision += 1
    row.updated_at = now_utc()
