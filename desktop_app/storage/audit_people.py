"""The log check's pass over the practice's people: each row against its newest entry.

Who may sign or change the list is decided by the `people` table, so a role raised or a PIN
cleared in the database behind the app's back must be found like an edited case. Entries
carry `record_sha256` over the whole row; earlier entries name only the role, which is then
what is compared (and whether the person was removed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.storage.models import AuditRow, PersonRow
from desktop_app.storage.seals import RECORD_KEY, person_seal

SAVED, REMOVED = "person.saved", "person.removed"


@dataclass
class PeopleSeals:
    """The newest entry for each person id: (action, role or None, record seal or None)."""

    newest: dict[int, tuple[str, object, object]] = field(default_factory=dict)

    def collect(self, row: AuditRow, detail: dict[str, object]) -> None:
        person = detail.get("person_id")
        if row.action in (SAVED, REMOVED) and isinstance(person, int):
            self.newest[person] = (row.action, detail.get("role"), detail.get(RECORD_KEY))


def check_people(session: Session, seals: PeopleSeals) -> str | None:
    """Words for the first person whose row the log does not account for, or None."""
    seen: set[int] = set()
    for row in session.scalars(select(PersonRow).order_by(PersonRow.id)):
        seen.add(row.id)
        newest = seals.newest.get(row.id)
        if newest is None:
            return f"person {row.id} in the practice's list was added outside the app"
        action, role, seal = newest
        if isinstance(seal, str):
            holds = seal == person_seal(row)
        else:
            holds = bool(row.active) == (action == SAVED) and (
                action == REMOVED or role == row.role)
        if not holds:
            return (f"person {row.id} in the practice's list was changed outside the app "
                    "(role, login, NPI, PIN or whether they are listed)")
    missing = sorted(seals.newest.keys() - seen)
    if missing:
        return f"person {missing[0]} in the practice's list is missing: the audit log holds them"
    return None
