"""Practice data every desk shares when the practice works on one database server.

With a shared PostgreSQL database, the practice's part of the settings (letterhead,
prescriber directory, trusted certificates, timestamp server, signing and look-up switches)
and its templates live in the database, so every desk sees the same; a desk's own choices
(its user name, its database, a shared folder) stay in its settings file. The payer directory
and the practice regimens are shared the same way (services.shared_lists). With the SQLite
file everything stays as before, in the data folder. The templates are mirrored into each
desk's data folder: services/practice_templates.py.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import TYPE_CHECKING

from pydantic import ValidationError

from desktop_app.domain.practice import PracticeSettings
from desktop_app.domain.problems import first_problem
from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.storage.database_address import database_url
from desktop_app.storage.settings import load_settings, save_settings

if TYPE_CHECKING:
    from desktop_app.storage.database import Database

log = logging.getLogger(__name__)

SHARED_FIELDS = ("letterhead", "prescribers", "trusted_certificates", "timestamp_url",
                 "allow_typed_name_signatures", "online_lookup")
SETTINGS_DOC = "practice-settings"
# The checklist's copy of the practice's settings on a shared database (as services.payers
# holds the payer directory): asked again after RECHECK_SECONDS.
RECHECK_SECONDS = 5.0
_clock = time.monotonic
_held: dict[str, tuple[float, PracticeSettings]] = {}
_held_lock = threading.Lock()


def shared_database() -> Database | None:
    """The open shared database, or None when this desk keeps its cases in the SQLite file."""
    # Read without SQLAlchemy: a desk on the SQLite file (and a one-letter render) needs none.
    url = database_url()
    if url.startswith("sqlite"):
        return None
    from desktop_app.services.audit import cached_database

    return cached_database(url)


def practice_settings() -> PracticeSettings:
    """The settings letters and signing use: the practice's shared part over this desk's."""
    local = load_settings()
    database = shared_database()
    if database is None:
        return local
    from desktop_app.storage import practice_documents as docs

    with database.reading() as session:
        found = docs.read_document(session, SETTINGS_DOC)
    if found is None:
        return local  # the first admin's save puts the practice's copy in the database
    return _with_shared_part(local, found.content)


def _with_shared_part(local: PracticeSettings, content: str) -> PracticeSettings:
    """This desk's settings under the practice's part as the database holds it; StorageError
    naming the field when that copy is damaged (another version wrote it, or a hand edit).
    Nothing is replaced or dropped: the row stays as it is until an admin saves Settings."""
    try:
        shared = json.loads(content)
        if not isinstance(shared, dict):
            raise TypeError
        merged = {**local.model_dump(mode="json"),
                  **{k: shared[k] for k in SHARED_FIELDS if k in shared}}
        return PracticeSettings.model_validate(merged)
    except (ValueError, TypeError) as exc:  # JSON, or pydantic's ValidationError (a ValueError)
        message, field = (first_problem(exc) if isinstance(exc, ValidationError)
                          else ("it is not a settings document", None))
        raise StorageError(
            f"the practice's settings in the shared database are damaged: {message}",
            field=field,
            hint="an admin opens Settings and saves it again; ask your IT contact if it "
                 "stays",
        ) from None


def practice_settings_as_typed() -> PracticeSettings:
    """practice_settings() for the checklist, which runs as staff type: on a shared database
    the practice's copy is asked again only after RECHECK_SECONDS (and after a save here)."""
    where = database_url()
    if where.startswith("sqlite"):
        return practice_settings()  # one small file, read in a moment
    with _held_lock:
        at, held = _held.get(where, (None, None))
        if held is not None and at is not None and _clock() - at < RECHECK_SECONDS:
            return held
    try:
        settings = practice_settings()
    except DatabaseUnusable:
        # The server is not answering: the checklist goes on with this desk's last copy
        # (as Settings does); the letter itself waits for the server.
        settings = load_settings()
    with _held_lock:
        _held.clear()  # one database at a time: a desk moved elsewhere drops the old copy
        _held[where] = (_clock(), settings)
    return settings


def save_practice(settings: PracticeSettings, opened: PracticeSettings | None = None) -> None:
    """Save this desk's file, and on a shared database the practice's part for every desk.

    With `opened` (the settings as the person's dialog first showed them), only what they
    changed is written: another admin's change to another part meanwhile stays, and a part both
    changed differently is refused (SettingsChanged naming it) with nothing saved."""
    try:
        _save_practice(settings, opened)
    finally:
        with _held_lock:
            _held.clear()  # this desk's next check reads what it saved


def _save_practice(settings: PracticeSettings, opened: PracticeSettings | None) -> None:
    try:
        database = shared_database()
        if database is None:
            save_settings(settings)
            return
        merged = _save_shared_part(database, settings, opened)
    except DatabaseUnusable as exc:
        save_settings(settings)  # the desk's own part (its connection) is fixable offline
        raise DatabaseUnusable(
            "this desk's own settings (its database connection, its name) were saved, but not "
            f"the practice's letterhead, directory and signing settings: {exc.message}",
            hint=exc.hint) from None
    save_settings(PracticeSettings.model_validate({**settings.model_dump(mode="json"),
                                                   **merged}))


def _save_shared_part(database: Database, settings: PracticeSettings,
                      opened: PracticeSettings | None) -> dict[str, object]:
    from desktop_app.services.audit import current_user
    from desktop_app.storage import practice_documents as docs
    from desktop_app.storage.audit import append_entry
    from desktop_app.storage.seals import sha256_text

    mine = _shared_part(settings)
    with database.writing() as session:
        found = docs.read_document(session, SETTINGS_DOC, lock=True)
        theirs = json.loads(found.content) if found is not None else {}
        merged = mine if opened is None else _merged(mine, _shared_part(opened), theirs)
        content = json.dumps(merged, ensure_ascii=False, sort_keys=True)
        revision = docs.put_document(session, SETTINGS_DOC, content, user=current_user())
        append_entry(session, action="practice.settings_saved", user=current_user(),
                     case_id=None, detail={"revision": revision, "sha256": sha256_text(content)})
    return merged


class SettingsChanged(StorageError):
    """Another desk saved the same part of the practice's settings while this one was open."""

    def __init__(self, parts: list[str]) -> None:
        words = ", ".join(_PART_WORDS.get(p, p) for p in parts)
        super().__init__(f"another desk changed the practice's {words} meanwhile; "
                         "nothing was saved",
                         hint="your changes are still here: note them, then close Settings "
                              "and open it again to see theirs")
        self.parts = parts


_PART_WORDS = {"letterhead": "letterhead", "prescribers": "prescriber directory",
               "trusted_certificates": "trusted certificates",
               "timestamp_url": "timestamp server",
               "allow_typed_name_signatures": "typed-name signature switch",
               "online_lookup": "online look-up switch"}


def _shared_part(settings: PracticeSettings) -> dict[str, object]:
    return {k: v for k, v in settings.model_dump(mode="json").items() if k in SHARED_FIELDS}


def _merged(mine: dict[str, object], opened: dict[str, object],
            theirs: dict[str, object]) -> dict[str, object]:
    """Field by field: what this person changed, else the database's; both changed: refused."""
    merged: dict[str, object] = {}
    clashes = []
    for part in SHARED_FIELDS:
        base = opened.get(part)
        current = theirs.get(part, base)
        if mine.get(part) == base:
            merged[part] = current
        elif current in (base, mine.get(part)):
            merged[part] = mine.get(part)
        else:
            clashes.append(part)
    if clashes:
        raise SettingsChanged(clashes)
    return merged
