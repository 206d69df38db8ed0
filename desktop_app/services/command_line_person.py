"""Who is at the command line, when the practice lists its people and their roles.

The app signs a person in at start (services/people.py, start_desk) and every audit entry
then names them with their role ("Ana Ruiz (staff)"). A command that writes audit entries
(`render`, `batch`, `sign`, `backup restore`) must not be a way round that: its entries
would otherwise name whatever the settings' user name says, or a login nobody listed. So on
a practice with a list of people, this computer's login must be exactly one listed person
with no PIN (the command line asks for none, as `pa-letter people` does); that person is
signed in, as the app would, and the role's right for the action is checked. Otherwise the
command is refused before it writes anything. A solo office (nobody listed) works as
before, and finding that out costs one query through sqlite3 (services/audit.py), so its
render and batch load no SQLAlchemy.
"""

from __future__ import annotations

import re

from desktop_app.errors import DatabaseUnusable
from desktop_app.services.people import (
    PermissionRefused,
    Person,
    SignInNeeded,
    current_person,
    require,
    start_desk,
)

__all__ = ["identify_before_restoring", "identify_command_line_person", "plain"]

# A login an admin can type back into `pa-letter people add --login` as it is printed.
_PLAIN_LOGIN = re.compile(r"[A-Za-z0-9._@+-]{1,64}")


def identify_command_line_person(needs: str | None = None, *, role: str = "staff") -> Person | None:
    """Sign in the person this computer's login belongs to; PermissionRefused, in words, when
    the practice lists its people and the login is not one of them without a PIN, or their
    role lacks `needs` (an action of services.people, e.g. "sign"; None: every role may, as
    every role renders letters in the app). `role` is the one the hint suggests adding.

    None in a solo office: nobody to sign in, and the entries name who they always did."""
    from desktop_app.services import audit

    if not audit.people_listed():
        return None
    from desktop_app.services.cases import open_case_store

    with open_case_store() as store:
        needed = start_desk(store)
    if needed is not None:
        raise _refusal(needed, role)
    if needs is not None:
        require(needs)
    return current_person()


def identify_before_restoring() -> Person | None:
    """`backup restore`: as above while the database it replaces can be read. A damaged or
    lost database (the usual reason to restore) cannot say who is listed, and refusing then
    would lock the practice out of its own backups, so the restore goes ahead, its entry
    naming whom it always did."""
    try:
        return identify_command_line_person()
    except DatabaseUnusable:
        return None


def plain(text: str) -> str:
    """A login or name as a message prints it: as it is, or quoted with its control
    characters escaped, so a terminal never acts on them."""
    return text if text.isprintable() else repr(text)


def _refusal(needed: SignInNeeded, role: str) -> PermissionRefused:
    login = needed.login
    mine = [p for p in needed.choices if p.login == login]
    shown = plain(login)
    if len(mine) > 1:
        return PermissionRefused(
            f"this computer's login ({shown}) belongs to more than one person the practice "
            "lists, so the command line cannot tell who is working",
            hint="ask an admin to give each person their own login: pa-letter people add "
            "NAME --role ROLE --login LOGIN",
        )
    if mine:
        return PermissionRefused(
            f"this computer's login ({shown}) is {plain(mine[0].label)}, who has a PIN; the "
            "command line asks for none, so it cannot tell who is working",
            hint="do this in the app, signed in with your PIN",
        )
    typed = login if _PLAIN_LOGIN.fullmatch(login) else "LOGIN"
    npi = " --npi NPI" if role == "physician" else ""  # a physician signs only with an NPI
    return PermissionRefused(
        f"this practice lists its people, and this computer's login ({shown}) is not one of "
        "them, so the command line cannot tell who is working",
        hint="sign in the app, or ask an admin to add your login: pa-letter people add NAME "
        f"--role {role}{npi} --login {typed}",
    )
