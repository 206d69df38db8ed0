"""The record-keeping commands: `pa-letter audit verify`/`list`, `backup list` and `restore`.

Exit codes follow docs/case-format.md: 0 all holds, 1 a problem found (the log or a backup),
2 no usable database (damaged, missing, unreachable) or a usage mistake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli_audit_list import add_audit_list

EXIT_OK, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2


def add_commands(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    audit_cmd = sub.add_parser("audit", help="check the audit log and what it records")
    asub = audit_cmd.add_subparsers(dest="action", required=True, parser_class=parser_class)
    asub.add_parser("verify", help="check every entry, the log's length and signed versions"
                    ).set_defaults(handler=audit_verify)
    add_audit_list(asub)
    backup = sub.add_parser("backup", help="list or restore copies of the case database")
    bsub = backup.add_subparsers(dest="action", required=True, parser_class=parser_class)
    bsub.add_parser("list", help="the backups in the data folder, newest first"
                    ).set_defaults(handler=backup_list)
    restore = bsub.add_parser("restore", help="check a backup, then put it in place")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=backup_restore)


def audit_verify(options: argparse.Namespace) -> int:
    from desktop_app.services import audit

    report = audit.verify_chain()
    if report.ok:
        print(f"Audit log OK: {report.message}")
        return EXIT_OK
    print(f"Audit log BROKEN: {report.message}")
    return EXIT_FAIL


def backup_list(options: argparse.Namespace) -> int:
    from desktop_app.services.backups import list_backups

    found = list_backups()
    if not found:
        print("No backups yet. The app makes one each day it starts, and before upgrades.")
        return EXIT_OK
    for backup in found:
        when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {backup.kind:<14} {backup.size // 1024:>8} KiB  {backup.path}")
    return EXIT_OK


def backup_restore(options: argparse.Namespace) -> int:
    from desktop_app.services.backups import check_backup, restore_backup
    from desktop_app.services.command_line_person import identify_before_restoring

    verdict = check_backup(options.file.resolve())
    if not verdict.ok:
        print(f"pa-letter: not restored: {verdict.message}", file=sys.stderr)
        return EXIT_FAIL
    identify_before_restoring()  # the restore's audit entry names who did it
    done = restore_backup(options.file)
    print(done.message)
    return EXIT_OK


def unusable_message(problem: str) -> str:
    """The database cannot be used: the problem, then the newest good backup and the command."""
    from desktop_app.services.backups import unusable_advice

    return f"{problem}\n{unusable_advice()}\nNothing was written."
