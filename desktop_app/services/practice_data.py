"""Practice data every desk shares when the practice works on one database server.

With a shared PostgreSQL database, the practice's part of the settings (letterhead,
prescriber directory, trusted certificates, timestamp server, signing and look-up switches)
and its templates live in the database, so every desk sees the same; a desk's own choices
(its user name, its database, a shared folder) stay in its settings file. The payer directory
and the practice regimens are shared the same way (services.shared_lists). With the SQLite
file everything stays as before, in the data folder.

Templates are mirrored: the database holds each template file (and its earlier versions) by
relative path; each desk keeps a private copy in `practice-templates/` of its data folder,
refreshed when the database's revisions change, and a save there is published back: only the
files this desk changed, each over the revision it was mirrored at, so two admins saving at once
never undo each other's template (the second is told, and sees the first's text).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from desktop_app.domain.practice import PracticeSettings
from desktop_app.domain.problems import first_problem
from desktop_app.errors import DatabaseUnusable, StorageError
from desktop_app.storage.database_address import database_url
from desktop_app.storage.paths import data_home, ensure_private_dir, write_private
from desktop_app.storage.settings import load_settings, save_settings

if TYPE_CHECKING:
    from desktop_app.storage.database import Database

log = logging.getLogger(__name__)

SHARED_FIELDS = ("letterhead", "prescribers", "trusted_certificates", "timestamp_url",
                 "allow_typed_name_signatures", "online_lookup")
SETTINGS_DOC = "practice-settings"
TEMPLATE_PREFIX = "template-file:"
MIRROR_DIR = "practice-templates"
# What each mirror folder holds, per database: name -> (revision, SHA-256 of the text).
_mirrors: dict[tuple[str, str], dict[str, tuple[int, str]]] = {}
# The window's workers (checks, preview) refresh the mirror while a save may be publishing.
_mirror_lock = threading.RLock()
# The checklist's copy of the practice's settings on a shared database (as services.payers
# holds the payer directory): asked again after RECHECK_SECONDS.
RECHECK_SECONDS = 5.0
_clock = time.monotonic
_held: dict[str, tuple[float, PracticeSettings]] = {}
_held_lock = threading.Lock()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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

    mine = _shared_part(settings)
    with database.writing() as session:
        found = docs.read_document(session, SETTINGS_DOC, lock=True)
        theirs = json.loads(found.content) if found is not None else {}
        merged = mine if opened is None else _merged(mine, _shared_part(opened), theirs)
        content = json.dumps(merged, ensure_ascii=False, sort_keys=True)
        revision = docs.put_document(session, SETTINGS_DOC, content, user=current_user())
        append_entry(session, action="practice.settings_saved", user=current_user(),
                     case_id=None, detail={"revision": revision})
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


def practice_templates_dir() -> Path | None:
    """This desk's mirror of the practice's templates (refreshed), or None without a server."""
    database = shared_database()
    if database is None:
        return None
    with _mirror_lock:
        return _refresh_mirror(database)


def _refresh_mirror(database: Database) -> Path:
    from desktop_app.storage import practice_documents as docs

    folder = ensure_private_dir(data_home() / MIRROR_DIR)
    first_look = (str(folder), database.url) not in _mirrors
    mirrored = _mirrors.setdefault((str(folder), database.url), {})
    with database.reading() as session:
        current = docs.revisions(session, TEMPLATE_PREFIX)
        if first_look:
            # Left from an earlier run: a template another desk deleted while this one was
            # closed must not come back with this desk's next save.
            for name, leftover in _files_in(folder).items():
                if name not in current:
                    leftover.unlink(missing_ok=True)
        changed = [n for n, r in current.items() if mirrored.get(n, (0, ""))[0] != r
                   or not (_mirror_path(folder, n) or folder).exists()]
        fresh = docs.documents(session, changed)
    for doc in fresh:
        target = _mirror_path(folder, doc.name)
        if target is not None:
            ensure_private_dir(target.parent)
            write_private(target, doc.content.encode("utf-8"))
            mirrored[doc.name] = (doc.revision, _sha(doc.content))
    for gone in set(mirrored) - set(current):
        path = _mirror_path(folder, gone)
        if path is not None:
            path.unlink(missing_ok=True)
        mirrored.pop(gone, None)
    return folder


def _files_in(folder: Path) -> dict[str, Path]:
    return {TEMPLATE_PREFIX + p.relative_to(folder).as_posix(): p
            for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".part")}


def _mirror_path(folder: Path, name: str) -> Path | None:
    relative = Path(name[len(TEMPLATE_PREFIX):])
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        log.warning("a practice template with an unusable name was skipped")
        return None
    return folder / relative


def publish_practice_templates() -> None:
    """After a save in the mirror: the files this desk changed, added or removed, to the database.

    Each goes over the revision this desk last mirrored; if another desk saved that file since,
    nothing is published (DocumentChanged), the mirror is put back to the practice's copy, and
    the person keeps their text in the editor to compare and save again."""
    database = shared_database()
    if database is None:
        return
    with _mirror_lock:
        _publish(database)


def _publish(database: Database) -> None:
    from desktop_app.services.audit import current_user
    from desktop_app.storage import practice_documents as docs

    folder = ensure_private_dir(data_home() / MIRROR_DIR)
    mirrored = _mirrors.setdefault((str(folder), database.url), {})
    files = _files_in(folder)
    texts = {name: path.read_text("utf-8") for name, path in files.items()}
    edited = {n: t for n, t in texts.items() if mirrored.get(n, (0, ""))[1] != _sha(t)}
    removed = [n for n in mirrored if n not in files]
    user = current_user()
    published: dict[str, tuple[int, str]] = {}
    try:
        with database.writing() as session:
            for name, text in edited.items():
                expected = mirrored.get(name, (0, ""))[0]
                published[name] = (docs.put_document(session, name, text, user=user,
                                                     expected_revision=expected), _sha(text))
            now = docs.revisions(session, TEMPLATE_PREFIX)
            for name in removed:
                if now.get(name, mirrored[name][0]) != mirrored[name][0]:
                    raise docs.DocumentChanged(name)
            docs.remove_documents(session, removed)
    except docs.DocumentChanged as exc:
        _back_to_the_practice_copy(folder, mirrored, files)
        raise StorageError(
            "another desk saved this practice template meanwhile; yours was not saved",
            file=(exc.field or "")[len(TEMPLATE_PREFIX):] or None,
            hint="copy your text, open the template again to see theirs, then save",
        ) from exc
    mirrored.update(published)
    for name in removed:
        mirrored.pop(name, None)


def _back_to_the_practice_copy(folder: Path, mirrored: dict[str, tuple[int, str]],
                               files: dict[str, Path]) -> None:
    """Forget this desk's unpublished files so the mirror is the database's copy again."""
    for name, path in files.items():
        if name not in mirrored:
            path.unlink(missing_ok=True)
    mirrored.clear()
    practice_templates_dir()
