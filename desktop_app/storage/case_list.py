"""Reading across all cases at once: the case list and its search, the count, each listed
case's stored JSON, the prescribers typed into cases, and which rows hold damaged text.

Apart from reading and saving one case (case_rows.py) because these read the whole table:
plain column queries, not ORM loads of each case, so 10,000 cases take milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import LargeBinary, cast, func, select
from sqlalchemy.orm import Session

from desktop_app.storage.models import CaseRow
from desktop_app.storage.records import CaseSummary


def count_cases(session: Session) -> int:
    """All cases, deleted ones included."""
    return int(session.scalar(select(func.count()).select_from(CaseRow)) or 0)


def list_summaries(
    session: Session, search: str = "", status: str | None = None, include_deleted: bool = False
) -> list[CaseSummary]:
    """Only the list's columns are read, so 10,000 cases list in a few milliseconds."""
    query = select(
        CaseRow.id,
        CaseRow.patient_name,
        CaseRow.drug_name,
        CaseRow.payer_name,
        CaseRow.letter_kind,
        CaseRow.status,
        CaseRow.appeal_due,
        CaseRow.updated_at,
        CaseRow.revision,
        CaseRow.deleted_at,
        CaseRow.search_text,
        CaseRow.parent_case_id,
    )
    if not include_deleted:
        query = query.where(CaseRow.deleted_at.is_(None))
    if status is not None:
        query = query.where(CaseRow.status == status)
    for word in search.casefold().split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(CaseRow.search_text.like(f"%{escaped}%", escape="\\"))
    # Core rows and positional unpacking: the ORM's per-row bookkeeping would double the time.
    rows = session.connection().execute(query.order_by(CaseRow.updated_at.desc(), CaseRow.id))
    return [
        CaseSummary(
            case_id,
            patient,
            drug,
            payer,
            kind,
            status_,
            due,
            updated if updated.tzinfo else updated.replace(tzinfo=dt.UTC),
            revision,
            deleted_at is not None,
            searched or "",
            parent,
        )
        for (case_id, patient, drug, payer, kind, status_, due, updated, revision, deleted_at,
             searched, parent) in rows
    ]


def listed_case_data(session: Session) -> dict[str, str]:
    """Each listed case's stored JSON by id, in one query: reading 10,000 cases one by one
    costs a transaction and an ORM load each, seconds where this takes milliseconds."""
    query = select(CaseRow.id, CaseRow.data).where(CaseRow.deleted_at.is_(None))
    return {case_id: data for case_id, data in session.connection().execute(query)}


def undecodable_case_ids(session: Session, column: str) -> list[str]:
    """The cases whose `column` holds bytes that are not UTF-8 text (read as raw bytes)."""
    if column not in CaseRow.__table__.columns:
        return []
    raw = cast(CaseRow.__table__.columns[column], LargeBinary)
    found = []
    for case_id, value in session.connection().execute(select(CaseRow.id, raw)):
        try:
            if value is not None:
                bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            found.append(case_id)
    return found


def prescriber_sections(session: Session) -> list[dict[str, Any]]:
    """The prescriber section of every case not deleted, most recently changed first.

    Read from the stored JSON, so a case saved by any version of the app is included; a row
    that does not parse is skipped here (opening that case reports it).
    """
    query = (
        select(CaseRow.data)
        .where(CaseRow.deleted_at.is_(None))
        .order_by(CaseRow.updated_at.desc(), CaseRow.id)
    )
    sections: list[dict[str, Any]] = []
    for (text,) in session.connection().execute(query):
        try:
            section = json.loads(text).get("prescriber")
        except (ValueError, AttributeError):
            continue
        if isinstance(section, dict):
            sections.append(section)
    return sections
