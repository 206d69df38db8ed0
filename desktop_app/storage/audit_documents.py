"""The log check's pass over the practice's lists and templates on a shared database.

The payer directory (the fax numbers letters go to), the practice regimens (the evidence
they fill into a case) and the practice's templates (the letters themselves) are practice
documents every desk reads. Each save's entry names the revision it wrote and now the
SHA-256 of what it stored; the document as stored must match its newest entry, so a fax
number or a template changed by SQL is found like an edited case. Entries written before
the SHA-256 was added are held to their revision. Entries of a desk on the SQLite file name
no revision: its lists are files, not documents, and are not checked here.

The practice's label confirmations (a drug's catalog facts confirmed against its FDA label,
which lets every letter for that drug state them unhedged) are a practice document on the
SQLite file too, so they are checked on either database: their confirm and remove entries
seal the whole document the same way.

Templates are sealed as a whole: every publish seals all of the practice's template files
(the templates and their kept versions). Earlier releases logged no publish, so a database
whose templates were never published by this release has nothing to hold them against.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.storage.models import AuditRow, PracticeDocumentRow
from desktop_app.storage.seals import sha256_text, templates_seal

# The actions and document names services.shared_lists and storage.practice_lists write.
LIST_DOCUMENTS: dict[str, tuple[str, str]] = {
    "payer_directory.saved": ("payer-directory", "the practice's payer directory"),
    "practice_regimens.saved": ("practice-regimens", "the practice regimens"),
}
# The actions and document name storage.label_confirmations writes; both seal the document.
LABEL_CONFIRMATIONS = ("label-confirmations", "the practice's list of label confirmations")
LABEL_ACTIONS = ("label_confirmation.saved", "label_confirmation.removed")
# The action and document names services.practice_templates writes.
TEMPLATES_ACTION = "practice_templates.published"
TEMPLATE_PREFIX = "template-file:"


@dataclass
class DocumentSeals:
    """Each list's newest (revision, SHA-256 or None); the newest publish's (files, seal)."""

    lists: dict[str, tuple[object, object]] = field(default_factory=dict)
    templates: tuple[int, str] | None = None

    def collect(self, row: AuditRow, detail: dict[str, object]) -> None:
        if row.action in LIST_DOCUMENTS and "revision" in detail:
            name = LIST_DOCUMENTS[row.action][0]
            self.lists[name] = (detail.get("revision"), detail.get("sha256"))
        elif row.action in LABEL_ACTIONS and "revision" in detail:
            self.lists[LABEL_CONFIRMATIONS[0]] = (detail.get("revision"), detail.get("sha256"))
        elif row.action == TEMPLATES_ACTION:
            files, seal = detail.get("files"), detail.get("sha256")
            if isinstance(files, int) and isinstance(seal, str):
                self.templates = (files, seal)


def check_documents(session: Session, seals: DocumentSeals) -> tuple[str, str] | None:
    """(words, "list" or "template") for the first list or the templates the log does not
    account for, or None."""
    for name, what in (*LIST_DOCUMENTS.values(), LABEL_CONFIRMATIONS):
        found = _check_list(session, name, what, seals.lists.get(name))
        if found is not None:
            return found, "list"
    found = _check_templates(session, seals.templates)
    return None if found is None else (found, "template")


def _check_list(session: Session, name: str, what: str,
                sealed: tuple[object, object] | None) -> str | None:
    row = session.get(PracticeDocumentRow, name)
    if row is None:
        return None if sealed is None else (f"the audit log holds a save of {what}, but it is "
                                            "missing from the database")
    if sealed is None:
        return f"{what} was written outside the app (the audit log holds no save of it)"
    revision, content_sha = sealed
    if isinstance(content_sha, str):
        holds = content_sha == sha256_text(row.content)
    else:
        holds = revision == row.revision
    return None if holds else f"{what} was changed outside the app"


def stored_templates(session: Session) -> list[tuple[str, str]]:
    """(document name, text) of every practice template file in the database."""
    query = select(PracticeDocumentRow.name, PracticeDocumentRow.content).where(
        PracticeDocumentRow.name.startswith(TEMPLATE_PREFIX, autoescape=True))
    return [(name, content) for name, content in session.execute(query)]


def _check_templates(session: Session, sealed: tuple[int, str] | None) -> str | None:
    if sealed is None:
        return None
    files, seal = sealed
    stored = stored_templates(session)
    if templates_seal(stored) == seal:
        return None
    held = f"the audit log holds {files} template file{'' if files == 1 else 's'}"
    if len(stored) > files:
        change = "a template file was added"
    elif len(stored) < files:
        change = "a template file was removed"
    else:
        change = "a template file was changed"
    return (f"the practice's shared templates were changed outside the app: {change} "
            f"({held}, the database has {len(stored)})")
