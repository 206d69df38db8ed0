"""The app's first screen without opening the database the full way.

Opening the case store imports SQLAlchemy and builds the ORM: most of the app's start. When
this start has nothing to do but show the list (the data folder's own SQLite file at the newest
schema, examples already offered, today's backup taken, nobody to sign in), the list and the
cases behind it are read with the standard library, and the store opens the first time
something uses it. Any other start returns None and takes the full way, which migrates,
backs up, signs in and reports damage exactly as before.

The deadlines notice needs each case as the case model reads it (pydantic, and the plans'
appeal windows), which costs as much as the rest of the first screen: `read_deadlines` builds
it from the same read, touching neither the database nor Qt, so the window can show the list
first and the notice a moment later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop_app.errors import AppError
from desktop_app.storage.backups import daily_is_due
from desktop_app.storage.database_address import database_url, newest_revision, plain_sqlite_file
from desktop_app.storage.paths import EXAMPLES_MARKER, data_home
from desktop_app.storage.quick_list import read_first_screen
from desktop_app.storage.records import CaseSummary

if TYPE_CHECKING:
    from desktop_app.services.cases import CaseStore
    from desktop_app.services.deadlines import DeadlineReport

__all__ = ["FirstScreen", "StoreOnFirstUse", "first_screen"]


@dataclass(frozen=True, slots=True)
class FirstScreen:
    summaries: list[CaseSummary]
    # Case id -> the stored JSON, read with the list (patient data: never in a repr or log).
    case_data: dict[str, str] = field(repr=False)

    def read_deadlines(self) -> DeadlineReport:
        """The deadlines of the listed cases, as deadlines_from_store gives them; safe on a
        worker thread (plain data in, plain data out)."""
        from desktop_app.services.deadlines import deadlines_of_stored

        return deadlines_of_stored(self.summaries, self.case_data)


def first_screen() -> FirstScreen | None:
    """The case list (and the cases' JSON) read straight from the file, or None: open the
    full way."""
    path = plain_sqlite_file(database_url())
    newest = newest_revision()
    if path is None or newest is None or not (data_home() / EXAMPLES_MARKER).exists():
        return None
    try:
        if daily_is_due(path):
            return None
    except AppError:
        return None  # the full way takes (or reports) the backup
    read = read_first_screen(path, newest)
    if read is None or read.has_people:
        return None
    return FirstScreen(read.summaries, read.case_data)


def _open_case_store() -> CaseStore:
    from desktop_app.services.cases import open_case_store  # SQLAlchemy: only when used

    return open_case_store()


class StoreOnFirstUse:
    """Stands for the case store and opens it (the full way) when first used.

    Closing a store that was never opened does nothing; an open that fails raises the store's
    own error (an AppError), which the window shows like any other failed read."""

    def __init__(self, open_store: Callable[[], CaseStore] | None = None) -> None:
        self._open_store = open_store or _open_case_store
        self._store: CaseStore | None = None

    @property
    def opened(self) -> bool:
        return self._store is not None

    def _real(self) -> CaseStore:
        if self._store is None:
            self._store = self._open_store()
        return self._store

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)  # never open the database for a probe of internals
        return getattr(self._real(), name)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
