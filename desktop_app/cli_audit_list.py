"""`pa-letter audit list`: the audit log's entries, read only, as text, CSV or JSON.

Exit codes follow docs/case-format.md: 0 listed (also when nothing matched), 2 no usable
database or a usage mistake (a date that is not YYYY-MM-DD, a count below 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

TEXT_NEWEST = 100  # entries a text listing shows unless told: a screenful or two to read


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def add_audit_list(asub: Any) -> None:
    listing = asub.add_parser(
        "list", help="the audit log's entries, oldest first (read only)",
        description="Lists audit entries oldest first. Dates are this computer's local days, "
                    "both included. The text listing shows the newest "
                    f"{TEXT_NEWEST} of those chosen unless --newest or --all says otherwise; "
                    "csv and json give all of them unless --newest is given.")
    listing.add_argument("--since", type=_day, metavar="YYYY-MM-DD")
    listing.add_argument("--until", type=_day, metavar="YYYY-MM-DD")
    listing.add_argument("--case", dest="case_id", metavar="CASE_ID", help="one case's entries")
    listing.add_argument("--action", metavar="ACTION", help="e.g. letter.signed")
    count = listing.add_mutually_exclusive_group()
    count.add_argument("--newest", type=_count, metavar="N", help="only the newest N")
    count.add_argument("--all", action="store_true", help="every chosen entry (text listing)")
    listing.add_argument("--format", choices=("text", "csv", "json"), default="text")
    listing.set_defaults(handler=audit_list)


def audit_list(options: argparse.Namespace) -> int:
    from desktop_app.services.audit_listing import (
        EntryChoice,
        count_entries,
        listed_entries,
        local_day_span,
        write_csv,
        write_json,
    )

    if options.since and options.until and options.since > options.until:
        print("pa-letter: --since is after --until: no day is both", file=sys.stderr)
        return 2
    since, until = local_day_span(options.since, options.until)
    newest = options.newest
    if newest is None and options.format == "text" and not options.all:
        newest = TEXT_NEWEST
    choice = EntryChoice(since=since, until=until, case_id=options.case_id,
                         action=options.action, newest=newest)
    matched = count_entries(choice)  # opens the database first: no header before its error
    if options.format == "csv":
        write_csv(listed_entries(choice), sys.stdout)
        return 0
    if options.format == "json":
        write_json(listed_entries(choice), sys.stdout)
        return 0
    shown = 0
    for entry in listed_entries(choice):
        print(_line(entry))
        shown += 1
    if shown < matched:
        print(f"{shown} of {matched} entries shown, the newest; --all or --newest N for more",
              file=sys.stderr)
    elif not shown:
        print("No audit entries match.", file=sys.stderr)
    return 0


def _line(entry: Any) -> str:
    from desktop_app.services.command_line_person import plain

    when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    case = entry.case_id or "-"
    detail = json.dumps(entry.detail, ensure_ascii=True, sort_keys=True) if entry.detail else ""
    return f"{entry.id:>7}  {when}  {plain(entry.user)}  {plain(entry.action)}  {plain(case)}" + (
        f"  {detail}" if detail else "")
