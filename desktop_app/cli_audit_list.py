"""`pa-letter audit list`: the audit log's entries, read only, as text, CSV or JSON.

Exit codes follow docs/case-format.md: 0 listed (also when nothing matched), 2 no usable
database or a usage mistake (a date that is not YYYY-MM-DD, a count below 1, a case id
shorter than 6 characters or one several cases' ids begin with).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

TEXT_NEWEST = 100  # entries a text listing shows unless told: a screenful or two to read
# The fewest characters of a case id that choose a case, like a short commit hash: the audit
# window's Case column shows 8, and 6 hex digits leave a practice's cases few to tell apart.
MIN_CASE_PREFIX = 6
CANDIDATES_SHOWN = 5  # case ids an ambiguous --case names, so the right one can be copied


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _case_prefix(value: str) -> str:
    if len(value) < MIN_CASE_PREFIX:
        raise argparse.ArgumentTypeError(
            f"give at least {MIN_CASE_PREFIX} characters of the case id "
            f"({len(value)} given)")
    return value


def add_audit_list(asub: Any) -> None:
    listing = asub.add_parser(
        "list", help="the audit log's entries, oldest first (read only)",
        description="Lists audit entries oldest first. Dates are this computer's local days, "
                    "both included. The text listing shows the newest "
                    f"{TEXT_NEWEST} of those chosen unless --newest or --all says otherwise; "
                    "csv and json give all of them unless --newest is given.")
    listing.add_argument("--since", type=_day, metavar="YYYY-MM-DD")
    listing.add_argument("--until", type=_day, metavar="YYYY-MM-DD")
    listing.add_argument("--case", dest="case_id", type=_case_prefix, metavar="CASE_ID",
                         help="one case's entries: its id, or the first 6 or more characters "
                              "of it if no other case's id begins with them")
    listing.add_argument("--action", metavar="ACTION", help="e.g. letter.signed")
    count = listing.add_mutually_exclusive_group()
    count.add_argument("--newest", type=_count, metavar="N", help="only the newest N")
    count.add_argument("--all", action="store_true", help="every chosen entry (text listing)")
    listing.add_argument("--format", choices=("text", "csv", "json"), default="text")
    listing.set_defaults(handler=audit_list)


def audit_list(options: argparse.Namespace) -> int:
    from desktop_app.services.audit_listing import (
        EntryChoice,
        case_ids_starting_with,
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
    case_id, no_such_case = options.case_id, False
    if case_id is not None:
        # Opens the database before anything is printed, as count_entries does below.
        matches = case_ids_starting_with(case_id)
        if len(matches) > 1:
            print(_ambiguous(case_id, matches), file=sys.stderr)
            return 2
        if matches:
            case_id = matches[0]
        else:
            # The empty listing still follows, exit 0, as for any choice nothing matches.
            no_such_case = True
            print(f"No case in the audit log has an id beginning with {_quoted(case_id)}.",
                  file=sys.stderr)
    newest = options.newest
    if newest is None and options.format == "text" and not options.all:
        newest = TEXT_NEWEST
    choice = EntryChoice(since=since, until=until, case_id=case_id,
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
    elif not shown and not no_such_case:
        print("No audit entries match.", file=sys.stderr)
    return 0


def _quoted(typed: str) -> str:
    from desktop_app.services.command_line_person import plain

    return plain(typed) if not typed.isprintable() else f"'{typed}'"


def _ambiguous(typed: str, matches: list[str]) -> str:
    shown = "\n".join(f"  {case_id}" for case_id in matches[:CANDIDATES_SHOWN])
    more = len(matches) - CANDIDATES_SHOWN
    return (f"pa-letter: --case {_quoted(typed)} matches {len(matches)} cases; give more "
            "characters of the case id. The cases whose ids begin with it:\n" + shown
            + (f"\n  and {more} more" if more > 0 else ""))


def _line(entry: Any) -> str:
    from desktop_app.services.command_line_person import plain

    when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    case = entry.case_id or "-"
    detail = json.dumps(entry.detail, ensure_ascii=True, sort_keys=True) if entry.detail else ""
    return f"{entry.id:>7}  {when}  {plain(entry.user)}  {plain(entry.action)}  {plain(case)}" + (
        f"  {detail}" if detail else "")
