"""Writing records kept about a case (the denial staff confirmed, calls, the approval, the time
the letter was sent) into its row.

Calls, the approval and the sent time may be added to a signed (locked) case: they record what
happened after the letter went out, and the signed version stays as it was in case_versions.
Everything else still goes through case_rows.update_case, which refuses a locked case.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import case_to_dict, parse_case
from desktop_app.storage.case_rows import case_json, decode_case, list_columns, to_stored, touch
from desktop_app.storage.models import CaseRow
from desktop_app.storage.records import EditConflict


def write_records(
    session: Session, row: CaseRow, case: Case, *, appeal_due: dt.date | None,
    expected_revision: int | None = None,
) -> CaseRow:
    """Store `case` as the row's content, locked or not; EditConflict if someone saved since
    `expected_revision` (when given)."""
    if expected_revision is not None and row.revision != expected_revision:
        raise EditConflict(to_stored(row))
    row.data = case_json(case)
    for name, value in list_columns(case, appeal_due).items():
        setattr(row, name, value)
    touch(row)
    session.flush()
    return row


def with_sent_at(row: CaseRow, when: dt.datetime | None) -> Case:
    """The row's case with letter.sent_at set (or cleared with None)."""
    case = decode_case(row)
    data = case_to_dict(case)
    letter = data.setdefault("letter", {})
    if when is None:
        letter.pop("sent_at", None)
    else:
        letter["sent_at"] = when.replace(tzinfo=None, microsecond=0).isoformat()
    # Lenient like every stored case: a field over a limit must not stop marking it sent.
    return parse_case(data, source=f"case {row.id}", lenient=True)
