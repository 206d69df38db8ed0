"""`pa-letter db init|upgrade|status [--url URL]`: prepare a practice's shared database.

Without --url the command uses the desk's own database (PA_LETTER_DB_URL, the shared database
in Settings > Database, or the SQLite file in the data folder). Exit codes (docs/case-format.md):
0 done or up to date; 1 `status` found the schema behind this version (run `db upgrade`);
2 the database cannot be reached or used, or a usage mistake.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2


def add_commands(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="prepare, upgrade or report the case database")
    dsub = db.add_subparsers(dest="action", required=True, parser_class=parser_class)
    for name, handler, words in (
        ("init", db_init, "create the schema in a new, empty database"),
        ("upgrade", db_upgrade, "bring a prepared database to this version's schema"),
        ("status", db_status, "report the server, the schema version and the case count"),
    ):
        action = dsub.add_parser(name, help=words)
        action.add_argument("--url", help="e.g. postgresql+psycopg://pa@db.clinic.lan/pa_letter")
        action.set_defaults(handler=handler)


def _report(status: Any) -> None:
    state = status.state
    print(f"Database: {status.address}")
    if not state.reachable:
        print(f"Not reachable: {state.problem}")
        return
    print(f"Server: {state.server}")
    print(f"Schema version: {state.revision or 'none (not prepared)'}; "
          f"this app's: {status.newest}")
    if state.cases is not None:
        print(f"Cases: {state.cases}")


def _unreachable(status: Any) -> int:
    _report(status)
    print("Nothing was changed. Check the server address, that the server is running, and "
          "the network between this desk and it.", file=sys.stderr)
    return EXIT_UNUSABLE


def db_status(options: argparse.Namespace) -> int:
    from desktop_app.services.desk_connection import database_status

    status = database_status(options.url)
    _report(status)
    if not status.state.reachable:
        return EXIT_UNUSABLE
    if status.state.revision is None:
        print("Run `pa-letter db init` to prepare it.")
        return EXIT_FAIL
    if not status.up_to_date:
        print("Run `pa-letter db upgrade` to bring it up to date.")
        return EXIT_FAIL
    print("Up to date.")
    return EXIT_OK


def db_init(options: argparse.Namespace) -> int:
    from desktop_app.services.desk_connection import database_status, init_database

    first = database_status(options.url)
    if not first.state.reachable:
        return _unreachable(first)
    before = first.state.revision
    status = init_database(options.url)
    _report(status)
    print("Already prepared; nothing to do." if before == status.newest else "Prepared.")
    return EXIT_OK


def db_upgrade(options: argparse.Namespace) -> int:
    from desktop_app.services.desk_connection import database_status, upgrade_database

    first = database_status(options.url)
    if not first.state.reachable:
        return _unreachable(first)
    before = first.state.revision
    status = upgrade_database(options.url)
    _report(status)
    print("Already up to date." if before == status.newest else f"Upgraded from {before}.")
    return EXIT_OK
