"""People and roles at the desks: who is working here, and what their role lets them do.

Staff prepare letters and mark them ready; a physician signs, and only letters that name them
as prescriber (by NPI); an admin edits templates, directories and settings. The person is
taken from the OS login by default; a practice may give each person a PIN, which is then
asked for at start. With nobody in the list (a solo office) whoever is logged in may do
everything, as before there were roles. The person's name and role go on every audit entry.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from desktop_app.domain.identifiers import npi_digits
from desktop_app.errors import AppError, StorageError

if TYPE_CHECKING:  # imported where used: a render asks who is signed in, not the database
    from desktop_app.domain.case import Case
    from desktop_app.services.cases import CaseStore
    from desktop_app.storage import people as rows

__all__ = [
    "ROLES",
    "PermissionRefused",
    "Person",
    "SignInNeeded",
    "allowed",
    "can_sign",
    "check_can_sign",
    "current_person",
    "list_people",
    "remove_person",
    "require",
    "save_person",
    "sign_in",
    "sign_out",
    "start_desk",
]

Role = Literal["staff", "physician", "admin"]
ROLES: tuple[str, ...] = get_args(Role)  # storage.people.ROLES checks the same three
ROLE_WORDS = {"staff": "staff", "physician": "physician", "admin": "admin"}
# What each action needs, and the sentence that says why when the role lacks it. The payer
# directory is not here on purpose: the staff who send the letters are the ones who learn a
# plan's new fax, so every role keeps it, and each save is audited with the person's name.
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "edit_settings": (frozenset({"admin"}), "Only an admin can change the practice settings"),
    "edit_templates": (frozenset({"admin"}), "Only an admin can change the letter templates"),
    "edit_people": (frozenset({"admin"}), "Only an admin can change who works here"),
    "sign": (frozenset({"physician"}), "Only a physician signs letters"),
}


class PermissionRefused(AppError):
    """The person signed in at this desk may not do this; the message says who may."""


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str
    id: int | None = None  # None: the solo office's logged-in user
    login: str | None = None
    npi: str | None = None
    has_pin: bool = False

    @property
    def solo(self) -> bool:
        return self.id is None

    @property
    def label(self) -> str:
        """As audit entries and the status bar show them: "Ana Ruiz (staff)"."""
        return self.name if self.solo else f"{self.name} ({self.role})"


@dataclass(frozen=True, slots=True)
class SignInNeeded:
    """Start-up needs the person: choose from `choices` (the OS login's first), maybe a PIN."""

    choices: tuple[Person, ...]
    login: str


_current: Person | None = None


def os_login() -> str:
    try:
        return getpass.getuser()[:200] or "unknown"
    except (OSError, KeyError):
        return "unknown"


def _person(record: rows.PersonRecord) -> Person:
    return Person(record.name, record.role, record.id, record.login, record.npi, record.has_pin)


def current_person() -> Person:
    """Who is signed in at this desk; the logged-in user with every right in a solo office."""
    if _current is not None:
        return _current
    from desktop_app.services.audit import current_user

    return Person(current_user(), "admin")


def signed_in_label() -> str | None:
    return _current.label if _current is not None else None


def signed_in_person() -> Person | None:
    return _current


def list_people(store: CaseStore) -> list[Person]:
    from desktop_app.storage import people as rows

    with store.database.reading() as session:
        return [_person(r) for r in rows.people(session)]


def start_desk(store: CaseStore) -> SignInNeeded | None:
    """At start: sign in the OS login's person when that needs no PIN; else say what is needed.

    None: signed in (or a solo office, where nobody needs to)."""
    global _current
    _current = None
    people = list_people(store)
    if not people:
        return None
    login = os_login()
    mine = [p for p in people if p.login == login]
    if len(mine) == 1 and not mine[0].has_pin:
        _signed_in(store, mine[0])
        return None
    others = [p for p in people if p not in mine]
    return SignInNeeded(tuple(mine + others), login)


def sign_in(store: CaseStore, person: Person, pin: str = "") -> Person:
    """Sign in as `person`; a person with a PIN must give it. Wrong PIN: PermissionRefused."""
    from desktop_app.storage import people as rows

    if person.id is None:
        raise PermissionRefused("choose a person from the practice's list")
    with store.database.reading() as session:
        stored = rows.pin_hash_of(session, person.id)
    if stored is not None and not rows.pin_matches(pin, stored):
        raise PermissionRefused("that PIN is not right", hint="try again, or ask an admin")
    _signed_in(store, person)
    return person


def _signed_in(store: CaseStore, person: Person) -> None:
    from desktop_app.storage.audit import append_entry

    global _current
    _current = person
    with store.database.writing() as session:
        append_entry(session, action="person.signed_in", user=person.label, case_id=None,
                     detail={"person_id": person.id, "role": person.role})


def sign_out() -> None:
    global _current
    _current = None


def allowed(action: str, person: Person | None = None) -> tuple[bool, str]:
    """(True, "") or (False, why): for hiding or disabling what the role cannot do."""
    if person is None and _current is None:
        # A solo office: whoever is logged in may do everything. Deciding that needs no name,
        # so the window's first gating does not read the settings file for one.
        return True, ""
    who = person or current_person()
    if who.solo:
        return True, ""
    roles, why = ACTIONS[action]
    if who.role in roles:
        return True, ""
    return False, f"{why}; you are signed in as {who.label}."


def require(action: str) -> None:
    ok, why = allowed(action)
    if not ok:
        raise PermissionRefused(why)


def check_can_sign(case: Case) -> None:
    """Only a physician signs, and only a letter naming them as prescriber (same NPI)."""
    who = current_person()
    if who.solo:
        return
    require("sign")
    theirs = npi_digits(case.prescriber.npi or "")
    if not who.npi or npi_digits(who.npi) != theirs:
        named = case.prescriber.name or "another prescriber"
        raise PermissionRefused(
            f"this letter names {named} as prescriber; only they can sign it",
            hint=f"you are signed in as {who.label}",
        )


def can_sign(case: Case) -> tuple[bool, str]:
    """(True, "") or (False, why), for the Sign buttons."""
    try:
        check_can_sign(case)
    except PermissionRefused as exc:
        return False, str(exc)
    return True, ""


def save_person(store: CaseStore, name: str, role: str, *, login: str | None = None,
                npi: str | None = None, pin: str | None = None,
                person_id: int | None = None) -> Person:
    """Add or change a person (admins only; in a solo office the first must be an admin)."""
    from desktop_app.storage import people as rows
    from desktop_app.storage.audit import append_entry
    from desktop_app.storage.seals import RECORD_KEY, person_seal

    name = name.strip()
    if not name:
        raise StorageError("a person needs a name", field="name")
    if role == "physician" and not (npi and npi_digits(npi)):
        raise StorageError("a physician needs their NPI, to match the letters they sign",
                           field="npi")
    with store.database.writing() as session:
        empty = not rows.any_people(session)
        if empty and role != "admin":
            raise StorageError("the first person in the list must be an admin",
                               hint="otherwise nobody could change the list afterwards")
        if not empty:
            require("edit_people")
        record = rows.upsert(session, name=name, role=role, login=login, npi=npi, pin=pin,
                             person_id=person_id)
        append_entry(session, action="person.saved", user=current_person().label, case_id=None,
                     detail={"person_id": record.id, "role": role, "pin_set": bool(pin),
                             RECORD_KEY: person_seal(rows.find(session, record.id))})
    person = _person(record)
    if empty and person.login == os_login():
        global _current
        _current = person  # the office's first admin is this desk's user: roles start now
    return person


def remove_person(store: CaseStore, person_id: int) -> None:
    from desktop_app.storage import people as rows
    from desktop_app.storage.audit import append_entry
    from desktop_app.storage.seals import RECORD_KEY, person_seal

    require("edit_people")
    with store.database.writing() as session:
        rows.deactivate(session, person_id)
        append_entry(session, action="person.removed", user=current_person().label,
                     case_id=None, detail={"person_id": person_id,
                                           RECORD_KEY: person_seal(rows.find(session, person_id))})
