"""The practice's payer directory: the Medicare Part B contractors shipped with the app plus
the payers and plans the practice keeps, with checks and the look-ups made as staff type
(CSV import and export are in services.payer_csv, a case's payer section against the
directory in services.payer_section).

A practice entry with the same name as a shipped one takes its place (the practice filled in
the contractor's fax, say). The list is kept in the practice's shared database when the desk
is on one, else in payers.json where the practice's templates are (services.shared_lists).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app.domain.case_terms import PLAN_TYPE_LABELS
from desktop_app.domain.payers import PayerEntry, format_nanp, is_valid_nanp_fax
from desktop_app.errors import AppError
from desktop_app.knowledge.hidden import hidden_characters
from desktop_app.knowledge.medicare_contractors import contractor_entries
from desktop_app.services.shared_lists import left_behind, payer_store, save_payer_list
from desktop_app.storage.database_address import database_url
from desktop_app.storage.payer_directory import DirectoryChanged, PayerDirectoryStore

__all__ = [
    "DirectoryChanged",
    "PayerEntry",
    "directory_store",
    "directory_version",
    "earlier_desk_list",
    "payer_directory",
    "payer_problems",
    "save_practice_payers",
    "search_payers",
]

_cache: dict[str, Any] = {}
# Look-ups as staff type (suggestions, the live checklist) use the list held in memory and ask
# the stored list whether it changed at most this often: on a shared database that ask is a
# round trip, which must not be paid per keystroke. A save at this desk drops the held list
# at once; a payer another desk adds is offered here within this many seconds. Saves are not
# affected: each still goes over the version its window opened at (DirectoryChanged).
RECHECK_SECONDS = 5.0
_clock = time.monotonic
_held: dict[str, Any] = {}
_held_lock = threading.Lock()


def directory_store() -> PayerDirectoryStore:
    """The shared database's directory when the desk is on one, else the payers.json file."""
    return payer_store()


def directory_version(store: PayerDirectoryStore | None = None) -> object:
    """What the stored list is at now: the directory window keeps it from when it opened, so
    its save cannot go over a list another desk saved meanwhile."""
    return (store or directory_store()).version()


def earlier_desk_list() -> Path | None:
    """This desk's own earlier payers.json, left as it was because the shared database already
    had the practice's directory (nothing merged without someone deciding)."""
    return left_behind("payers")


def practice_payers(store: PayerDirectoryStore | None = None) -> list[PayerEntry]:
    """The practice's own entries, as saved."""
    return list((store or directory_store()).load())


def payer_directory(store: PayerDirectoryStore | None = None) -> list[PayerEntry]:
    """Every entry staff can pick: the practice's, then the shipped contractors it has not
    replaced. Cached until the file changes, because the checklist asks on every keystroke."""
    store = store or directory_store()
    version = store.version()
    if _cache.get("version") == version and "entries" in _cache:
        return list(_cache["entries"])
    own = store.load()
    names = {e.name.casefold() for e in own}
    entries = [*own, *(e for e in contractor_entries() if e.name.casefold() not in names)]
    _cache.update(version=version, entries=entries)
    return list(entries)


def directory_as_typed() -> list[PayerEntry]:
    """payer_directory() for look-ups made as staff type: the list held in memory, its stored
    version asked again only after RECHECK_SECONDS (and after any save at this desk)."""
    where = database_url()  # a desk moved to another database drops the held list
    with _held_lock:
        if (_held.get("where") == where and "entries" in _held
                and _clock() - _held["at"] < RECHECK_SECONDS):
            return list(_held["entries"])
    entries = payer_directory()
    with _held_lock:
        _held.update(where=where, entries=entries, at=_clock())
    return list(entries)


def forget_held_directory() -> None:
    """Drop the held list: the next look-up reads the stored one (a save, a new database)."""
    with _held_lock:
        _held.clear()


def save_practice_payers(entries: list[PayerEntry],
                         store: PayerDirectoryStore | None = None,
                         opened: object = None, *, change: str = "edited",
                         counts: dict[str, int] | None = None) -> None:
    """Save the practice's list; AppError naming the first entry to fix if any is wrong.

    With `opened` (directory_version() when the list was shown), DirectoryChanged with nothing
    saved if another desk saved the directory since. The audit log records the save as
    `change` ("edited", "csv_import", "from_case") with its row counts."""
    for index, entry in enumerate(entries):
        problems = payer_problems(entry)
        if problems:
            raise AppError(f"{entry.name or f'row {index + 1}'}: {problems[0]}",
                           field=f"payers.{index}")
    tidy = [_tidied(e) for e in entries if not e.builtin]
    try:
        save_payer_list(store or directory_store(), tidy, change=change, counts=counts,
                        expected_version=opened)
    finally:
        _cache.clear()
        forget_held_directory()


def _tidied(entry: PayerEntry) -> PayerEntry:
    return entry.model_copy(update={
        "name": entry.name.strip(), "pa_fax": format_nanp(entry.pa_fax),
        "appeals_fax": format_nanp(entry.appeals_fax), "phone": format_nanp(entry.phone),
        "state": entry.state.upper() if entry.state else None,
    })


def payer_problems(entry: PayerEntry) -> list[str]:
    """What would send a letter astray: no name, a fax that is not a NANP number."""
    problems = []
    if not entry.name.strip():
        problems.append("the payer needs a name")
    for label, value in (("PA fax", entry.pa_fax), ("appeals fax", entry.appeals_fax)):
        if value.strip() and not is_valid_nanp_fax(value):
            problems.append(f"the {label} {value.strip()} is not a valid US or Canadian "
                            "number (10 digits, a real area code)")
    url = entry.portal_url.strip()
    if url and not url.lower().startswith(("https://", "http://")):
        problems.append("the portal address must start with https://")
    return problems + _hidden_problems(entry) + _shape_problems(entry)


# The entry's fields a case's payer section takes over, where the case check refuses a hidden
# character (rules/hidden.py): one in the directory would make every case that picks it
# unsendable, and a name with a right-to-left override reads as another plan's.
_CHECKED_FIELDS = (("name", "name"), ("state", "state"), ("pa_fax", "PA fax"),
                   ("appeals_fax", "appeals fax"), ("phone", "phone"))


def _hidden_problems(entry: PayerEntry) -> list[str]:
    found = []
    for field, label in _CHECKED_FIELDS:
        hidden = hidden_characters(str(getattr(entry, field) or ""))
        if hidden:
            found.append(f"the {label} has a hidden character ({hidden[0].code_point} "
                         f"{hidden[0].name}); retype it")
    return found


def _shape_problems(entry: PayerEntry) -> list[str]:
    """What the stored file could not hold (a 5,000-character name, a state 'Ohio'): an
    entry edited in the table is built without checks, and saving it as it is would leave a
    directory that no longer loads."""
    try:
        PayerEntry.model_validate(entry.model_dump())
    except ValidationError as exc:
        found = []
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            label = name.replace("_", " ")
            if name == "state":
                found.append("the state must be a two-letter code such as OH")
            elif name == "plan_type":
                found.append("the plan type must be one of: " + ", ".join(
                    PLAN_TYPE_LABELS.values()))
            else:
                found.append(f"the {label} {err['msg']}")
        return found
    return []


def search_payers(text: str, limit: int = 20) -> list[PayerEntry]:
    """Entries whose name, state or served states match every word typed."""
    words = text.casefold().split()
    found = []
    for entry in directory_as_typed():
        haystack = " ".join([entry.name, entry.jurisdiction, entry.state or "", *entry.states,
                             PLAN_TYPE_LABELS.get(entry.plan_type or "", "")]).casefold()
        if all(word in haystack for word in words):
            found.append(entry)
    return found[:limit]
