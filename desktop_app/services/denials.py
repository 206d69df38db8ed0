"""A denial as staff record it when they mark a request denied, and the one appeal per denial.

Marking a request denied asks for the denial (date, reference, level, the reasons as the
payer stated them, the denial letter), typed as a DenialEntry or confirmed from the letter
read (a ConfirmedDenial, as Read denial letter… gives), and starts the appeal with it filled
in. The denied
request itself is usually signed and locked, so the denial goes into the appeal, which is
linked to the request (parent_case_id). "Appeal this denial" on a request that already has
an appeal opens that one: three identical appeals of one denial help nobody.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import case_to_dict, parse_case
from desktop_app.errors import AppError, CaseFileError, StorageError
from desktop_app.rules.denial_reading import category_of
from desktop_app.services.cases import CaseStore, CaseSummary, StoredCase
from desktop_app.services.denial_intake import ConfirmedDenial, apply_denial, letter_attachment

__all__ = ["DenialEntry", "appeals_of", "denial_section", "mark_denied", "start_appeal"]


@dataclass(frozen=True, slots=True)
class DenialEntry:
    """What the denial says, as staff typed it from the payer's letter."""

    date: dt.date | None = None
    reference_number: str = ""
    level: str | None = None
    reasons: tuple[str, ...] = field(default=())  # each reason in the payer's words
    letter_path: str = ""  # the denial letter, kept as the appeal's attachment

    def problems(self) -> list[str]:
        problems = []
        if self.date is not None and self.date > dt.date.today():
            problems.append("the denial date is in the future")
        path = self.letter_path.strip()
        if path and not Path(path).expanduser().is_file():
            problems.append("the denial letter file cannot be found")
        return problems


def appeals_of(store: CaseStore, case_id: str) -> list[CaseSummary]:
    """The appeals started from a request, newest first (deleted ones left out)."""
    return [s for s in store.list_cases() if s.parent_case_id == case_id]


AnyDenial = DenialEntry | ConfirmedDenial


def start_appeal(store: CaseStore, case_id: str, denial: AnyDenial | None = None) -> StoredCase:
    """A new appeal from a denied request, with the denial filled in when given."""
    source = store.get_case(case_id)
    if source.status != "denied":
        raise StorageError(
            "only a denied case can be appealed",
            hint="set the case to 'Denied' when the payer's denial arrives",
        )
    if denial is None:
        return store.appeal_from_denied(case_id)
    problems = denial.problems()
    if problems:
        raise AppError(problems[0], field="denial")
    if isinstance(denial, ConfirmedDenial):
        return _appeal_with(store, source, denial)
    return store.create_case(appeal_case(source.case, denial), status="draft",
                             parent_case_id=case_id)


def _appeal_with(store: CaseStore, source: StoredCase, confirmed: ConfirmedDenial) -> StoredCase:
    """The appeal with every confirmed value of the letter (criteria, the deadline it states,
    the letter kept), as Read denial letter… puts them in an open appeal."""
    # The copy is kept in the request's folder: the appeal has no id until it is created.
    attachment, copied = letter_attachment(source.id, confirmed)
    try:
        case = apply_denial(appeal_case(source.case, DenialEntry()), confirmed, attachment)
        return store.create_case(case, status="draft", parent_case_id=source.id)
    except BaseException:
        if attachment is not None and copied:
            Path(attachment.path).unlink(missing_ok=True)
        raise


def mark_denied(store: CaseStore, case_id: str, denial: AnyDenial | None,
                *, start: bool = True) -> StoredCase | None:
    """Set the request to Denied; with `start`, begin its appeal (or return the one already
    begun). Checks the denial before the status moves, so a typo changes nothing."""
    if denial is not None and (problems := denial.problems()):
        raise AppError(problems[0], field="denial")
    store.set_status(case_id, "denied")
    if not start:
        return None
    existing = appeals_of(store, case_id)
    if existing:
        return store.get_case(existing[0].id)
    return start_appeal(store, case_id, denial)


def denial_section(denial: DenialEntry) -> dict[str, Any]:
    """The case file's `denial` for what staff typed, as the denial letter reader saves one.

    Each stated reason is its own entry in `denial.reasons`, the payer's words as `text` and
    the category its words point to (`category_of`, the reader's own; staff correct it in the
    Denial section), so the appeal answers the reasons one by one. `reason` holds them joined,
    the one text format 1 has always had.
    """
    reasons = [r.strip() for r in denial.reasons if r.strip()]
    entry: dict[str, Any] = {
        "reference_number": denial.reference_number.strip(),
        "reason": " ".join(reasons),
    }
    if reasons:
        entry["reasons"] = [{"category": category_of(r), "text": r} for r in reasons]
    if denial.date is not None:
        entry["date"] = denial.date.isoformat()
    if denial.level:
        entry["level"] = denial.level
    return entry


def appeal_case(request: Case, denial: DenialEntry) -> Case:
    """The request carried over as an appeal, dated today, with the denial and its letter."""
    data: dict[str, Any] = case_to_dict(request)
    data["letter"] = {**data.get("letter", {}), "kind": "appeal",
                      "date": dt.date.today().isoformat()}
    data["letter"].pop("template", None)  # a request's template does not fit an appeal
    data["denial"] = denial_section(denial)
    path = denial.letter_path.strip()
    if path:
        when = f" of {denial.date.isoformat()}" if denial.date else ""
        data["attachments"] = [*data.get("attachments", []),
                               {"title": f"Denial letter{when}", "path": path}]
    try:
        return parse_case(data, source="appeal")
    except CaseFileError as exc:
        raise AppError(f"the denial does not fit the case: {exc.message}",
                       field=exc.field) from None
