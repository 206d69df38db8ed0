"""The case database's failures told in words a user can act on, never with patient data.

Kept apart from opening the database (storage/database.py) because every reader and writer
passes through this translation, and because what it may and may not quote (no SQL, no bound
or stored values) is a rule of its own worth reading in one place.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.storage.database_files import DamagedDatabase


@contextlib.contextmanager
def storage_errors(path: Path | None) -> Iterator[None]:
    """Turn driver errors into StorageError with words a user can act on."""
    where = str(path) if path else None
    try:
        yield
    except OperationalError as exc:
        detail = str(exc.orig).lower()
        undecodable = _UNDECODABLE.search(str(exc.orig))
        if undecodable:
            raise DamagedValue(undecodable["column"]) from None
        if "locked" in detail or "busy" in detail:
            raise StorageError(
                "the case database is busy in another window",
                file=where,
                hint="wait a moment and try again",
            ) from None
        if "malformed" in detail or "not a database" in detail:
            raise DamagedDatabase(path or Path("?")) from None
        if path is None and ("connection" in detail or "server" in detail):
            raise DatabaseUnusable(
                f"the shared database server cannot be reached ({_short(exc)})",
                hint="check the network and that the server is running, then try again",
            ) from None
        if "unable to open" in detail or "disk i/o" in detail or "connection" in detail:
            raise DatabaseUnusable(
                f"the case database cannot be opened: {_short(exc)}", file=where
            ) from None
        raise StorageError(f"the case database failed: {_short(exc)}", file=where) from None
    except DBAPIError as exc:
        if "malformed" in str(exc.orig).lower() or "not a database" in str(exc.orig).lower():
            raise DamagedDatabase(path or Path("?")) from None
        raise StorageError(f"the case database failed: {_short(exc)}", file=where) from None


def _short(exc: DBAPIError) -> str:
    # The driver's own message only: SQLAlchemy's text includes the SQL and bound values,
    # which may hold patient data; and never a stored value the driver quotes.
    return str(exc.orig).splitlines()[0].split(" with text ")[0][:200]


# sqlite3 quotes the whole damaged value after "with text": never shown (patient data).
_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '(?P<column>[A-Za-z0-9_]+)'")


class DamagedValue(StorageError):
    """A stored value is not readable text (a changed byte); named by column, never quoted."""

    def __init__(self, column: str, case_id: str | None = None) -> None:
        where = f"case {case_id[:36]}: {column}" if case_id else column
        super().__init__(
            "a stored value is damaged (not readable text)",
            field=where,
            hint="run 'pa-letter audit verify', and restore the database from a backup",
        )
        self.column = column
