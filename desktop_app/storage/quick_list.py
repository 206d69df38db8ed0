"""The case list read straight from the SQLite file with the standard library, for the app's
first screen: importing SQLAlchemy and building the ORM would be most of the start.

Read-only, and only for the plain case: a file at the newest schema that passes SQLite's quick
check (or is as the app left it after one within the day: storage/integrity_stamp.py).
Anything else (no file yet, an older schema, damage, a busy lock, a value that is not text)
returns None, and the caller opens the database the full way, which says what is wrong.
The rows are read with the same columns, filter and order as case_list.list_summaries.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import StorageError
from desktop_app.storage.database_files import BUSY_TIMEOUT_MS
from desktop_app.storage.integrity_stamp import check_is_due, file_state, record_check
from desktop_app.storage.records import CaseSummary

if TYPE_CHECKING:  # the case model (pydantic) is built for the deadlines notice, not the list
    from desktop_app.domain.case import Case

_LIST_QUERY = (
    "SELECT id, patient_name, drug_name, payer_name, letter_kind, status, appeal_due, "
    "updated_at, revision, deleted_at, search_text, parent_case_id FROM cases "
    "WHERE deleted_at IS NULL ORDER BY updated_at DESC, id"
)


@dataclass(frozen=True, slots=True)
class QuickRead:
    """What the first screen needs from the file: the list, and each listed case's JSON."""

    summaries: list[CaseSummary]
    case_data: dict[str, str]  # case id -> stored case JSON, for the deadlines notice
    has_people: bool  # someone is on the practice's people list: the start signs in


@contextlib.contextmanager
def _connection(path: Path) -> Iterator[sqlite3.Connection]:
    # mode=rw: never creates a missing file (that is the full open's decision to make).
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        yield conn
    finally:
        conn.close()


def decode_case_data(case_id: str, data: str) -> Case:
    """A stored case's JSON as a Case; a stored case that is not JSON is a StorageError."""
    from desktop_app.domain.casefile import parse_case

    try:
        loaded = json.loads(data)
    except ValueError:
        raise StorageError("a stored case is not readable JSON", field=f"case {case_id}") from None
    return parse_case(loaded, source=f"case {case_id}", lenient=True)


def _stored_time(text: str) -> dt.datetime:
    """A time as SQLAlchemy's SQLite DateTime stores it (naive UTC text), made aware UTC."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def read_first_screen(path: Path, newest_revision: str) -> QuickRead | None:
    """The list and the listed cases' JSON, or None when the full open must decide."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        due = check_is_due(path)
        before = file_state(path) if due else None
        with _connection(path) as conn:
            conn.execute("BEGIN")  # one read transaction, so the list and the JSON agree
            if due and [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
                return None
            versions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
            if versions != [newest_revision]:
                return None  # an older (or newer) schema: the full open migrates or refuses
            has_people = conn.execute(
                "SELECT 1 FROM people WHERE active = 1 LIMIT 1"
            ).fetchone() is not None
            summaries = [
                CaseSummary(
                    case_id, patient, drug, payer, kind, status,
                    dt.date.fromisoformat(due) if due else None,
                    _stored_time(updated), revision, deleted is not None, searched or "", parent,
                )
                for (case_id, patient, drug, payer, kind, status, due, updated, revision,
                     deleted, searched, parent) in conn.execute(_LIST_QUERY)
            ]
            case_data = dict(conn.execute("SELECT id, data FROM cases WHERE deleted_at IS NULL"))
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None  # damage, a lock, a changed byte: the full open reports it in words
    if due:
        record_check(path, before)
    return QuickRead(summaries, case_data, has_people)
