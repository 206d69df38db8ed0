"""`pa-letter people list|add|remove`: the practice's people, their roles and PINs.

The list lives in the case database, so on a shared server every desk sees the same people.
A PIN is read from a file (never from the command line, where other users see it in `ps`).
Exit codes: 0 done; 1 refused (a name taken, a physician without an NPI, the first person not
an admin); 2 a usage mistake or no usable database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

EXIT_OK = 0


def add_commands(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("people", help="list, add or remove the practice's people and roles")
    psub = cmd.add_subparsers(dest="action", required=True, parser_class=parser_class)
    psub.add_parser("list", help="everyone who may sign in, with role and login"
                    ).set_defaults(handler=people_list)
    add = psub.add_parser("add", help="add or change a person (the first must be an admin)")
    add.add_argument("name")
    add.add_argument("--role", choices=("staff", "physician", "admin"), required=True)
    add.add_argument("--login", help="the OS login that signs them in by default")
    add.add_argument("--npi", help="a physician's NPI: they sign only letters naming it")
    add.add_argument("--pin-file", type=Path, help="a file holding their PIN or password")
    add.set_defaults(handler=people_add)
    remove = psub.add_parser("remove", help="stop someone signing in (their records stay)")
    remove.add_argument("name")
    remove.set_defaults(handler=people_remove)


def _as_this_login(store: Any) -> None:
    """Changing the list from the command line needs this OS login to be a listed admin with
    no PIN (the CLI asks for none); a solo office may add its first admin."""
    from desktop_app.errors import AppError
    from desktop_app.services.people import list_people, start_desk

    if not list_people(store):
        return
    if start_desk(store) is not None:
        raise AppError("this computer's login is not an admin in the list (or has a PIN)",
                       hint="change people in the app, signed in as an admin")


def _find(store: Any, name: str) -> Any:
    from desktop_app.errors import AppError
    from desktop_app.services.people import list_people

    for person in list_people(store):
        if person.name == name:
            return person
    raise AppError(f"nobody called {name[:80]!r} is in the list", hint="see pa-letter people list")


def people_list(options: argparse.Namespace) -> int:
    from desktop_app.services.cases import open_case_store
    from desktop_app.services.people import list_people

    with open_case_store() as store:
        found = list_people(store)
    if not found:
        print("Nobody is listed: a solo office, where whoever is logged in may do everything.")
    for person in found:
        extra = [f"login {person.login}" if person.login else "",
                 f"NPI {person.npi}" if person.npi else "", "PIN set" if person.has_pin else ""]
        print(f"{person.name}  [{person.role}]  " + ", ".join(e for e in extra if e))
    return EXIT_OK


def people_add(options: argparse.Namespace) -> int:
    from desktop_app.services.cases import open_case_store
    from desktop_app.services.people import list_people, save_person

    pin = None
    if options.pin_file is not None:
        pin = options.pin_file.read_text("utf-8").strip()
    with open_case_store() as store:
        _as_this_login(store)
        existing = {p.name: p for p in list_people(store)}.get(options.name)
        person = save_person(store, options.name, options.role, login=options.login,
                             npi=options.npi, pin=pin,
                             person_id=existing.id if existing else None)
    print(f"{'Changed' if existing else 'Added'}: {person.label}")
    return EXIT_OK


def people_remove(options: argparse.Namespace) -> int:
    from desktop_app.services.cases import open_case_store
    from desktop_app.services.people import remove_person

    with open_case_store() as store:
        _as_this_login(store)
        person = _find(store, options.name)
        remove_person(store, person.id)
    print(f"Removed: {person.label} (their name stays on what they did)")
    return EXIT_OK
