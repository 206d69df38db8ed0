"""Finding the stored time that is not a time, when reading the tables failed on one.

SQLite keeps a time as text, so a hand edit can leave `at` or `created_at` holding anything;
SQLAlchemy then fails while reading the whole table, without saying which row. The log check
reads the time columns plainly to name it: an audit entry by number, a case by id, another
record by its table and row number (never its content, which may be patient data).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from desktop_app.storage.models import Base, UtcDateTime

_WORDS = {"audit_log": "audit entry", "cases": "case", "case_versions": "locked version row",
          "signatures": "signature record", "letter_exports": "export record"}


def _is_time(value: object) -> bool:
    if value is None or isinstance(value, dt.datetime):
        return True
    try:
        dt.datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def first_damaged_time(session: Session) -> tuple[str, str, str] | None:
    """(table, row id, column) of the first time that does not read as one, or None."""
    tables = set(inspect(session.get_bind()).get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            continue
        columns = [c.name for c in table.columns if isinstance(c.type, UtcDateTime)]
        keys = [c.name for c in table.primary_key.columns]
        if not columns or len(keys) != 1:
            continue
        names = ", ".join(f'"{name}"' for name in (keys[0], *columns))
        for row in session.execute(text(f'SELECT {names} FROM "{table.name}"')):
            for column, value in zip(columns, row[1:], strict=True):
                if not _is_time(value):
                    return table.name, str(row[0])[:36], column
    return None


def damaged_time_words(found: tuple[str, str, str]) -> str:
    table, row_id, column = found
    what = _WORDS.get(table, f"a row of {table}")
    return f"{what} {row_id} has a damaged time in {column} (changed outside the app)"
