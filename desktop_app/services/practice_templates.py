"""The practice's templates on a shared database, mirrored into a private folder of each desk.

Templates are mirrored: the database holds each template file (and its earlier versions) by
relative path; each desk keeps a private copy in `practice-templates/` of its data folder,
refreshed when the database's revisions change, and a save there is published back: only the
files this desk changed, each over the revision it was mirrored at, so two admins saving at once
never undo each other's template (the second is told, and sees the first's text).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import StorageError
from desktop_app.services.practice_data import shared_database
from desktop_app.storage.paths import data_home, ensure_private_dir, write_private

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop_app.storage.database import Database

log = logging.getLogger(__name__)

TEMPLATE_PREFIX = "template-file:"
MIRROR_DIR = "practice-templates"
# What each mirror folder holds, per database: name -> (revision, SHA-256 of the text).
_mirrors: dict[tuple[str, str], dict[str, tuple[int, str]]] = {}
# The window's workers (checks, preview) refresh the mirror while a save may be publishing.
_mirror_lock = threading.RLock()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
            if published or removed:
                _record_publish(session, user, len(published), len(removed))
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


def _record_publish(session: Session, user: str, changed: int, removed: int) -> None:
    """One entry sealing every practice template file as this publish leaves them, so the log
    check finds a template changed by SQL; it commits with the publish."""
    from desktop_app.storage.audit import append_entry, serialise_appenders
    from desktop_app.storage.audit_documents import TEMPLATES_ACTION, stored_templates
    from desktop_app.storage.seals import templates_seal

    # Read after taking the log's turn: a desk publishing meanwhile has committed, so this
    # seal, the newest, includes its files.
    serialise_appenders(session)
    stored = stored_templates(session)
    append_entry(session, action=TEMPLATES_ACTION, user=user, case_id=None,
                 detail={"files": len(stored), "changed": changed, "removed": removed,
                         "sha256": templates_seal(stored)})


def _back_to_the_practice_copy(folder: Path, mirrored: dict[str, tuple[int, str]],
                               files: dict[str, Path]) -> None:
    """Forget this desk's unpublished files so the mirror is the database's copy again."""
    for name, path in files.items():
        if name not in mirrored:
            path.unlink(missing_ok=True)
    mirrored.clear()
    practice_templates_dir()
