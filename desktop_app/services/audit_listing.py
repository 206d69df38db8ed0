"""Reading the audit log out: listed at the command line, or handed over as CSV or JSON.

A practice answering an auditor, a payer's records request or its own review needs the log
outside the app: who did what to which case, and when, for a time span. Entries hold staff
names, case ids, template ids and hashes, never patient data (services/audit.py).

The CSV is faithful (each entry's UTC time, mark and canonical detail as stored) with one
exception for spreadsheets: a cell that begins with = + - @ or a tab or carriage return is
prefixed with an apostrophe, so a crafted user name cannot run as a formula when the file is
opened (OWASP, "CSV Injection"). The JSON is not changed that way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from desktop_app.services.audit import cached_database, record
from desktop_app.services.spreadsheet_cells import as_text_cell
from desktop_app.storage import audit_listing
from desktop_app.storage.audit_chain import AuditEntry, canonical_json
from desktop_app.storage.audit_listing import EntryChoice
from desktop_app.storage.paths import atomic_writer

__all__ = [
    "CSV_COLUMNS",
    "EntryChoice",
    "case_ids_starting_with",
    "count_entries",
    "export_csv",
    "listed_entries",
    "local_day_span",
    "write_csv",
    "write_json",
]

CSV_COLUMNS = ("id", "at_utc", "user", "action", "case_id", "detail", "prev_mark", "mark")


def local_day_span(
    since: dt.date | None, until: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """From the start of `since` to the end of `until`, both days on this computer's clock."""
    def midnight(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()).astimezone()

    end = midnight(until + dt.timedelta(days=1)) if until is not None else None
    return (midnight(since) if since is not None else None), end


def case_ids_starting_with(prefix: str, *, url: str | None = None) -> list[str]:
    """The case ids in the log that `prefix` may stand for: just the one when it is a whole
    case id, else every one that begins with it (ASCII case ignored), sorted."""
    with cached_database(url).reading() as session:
        found = audit_listing.case_ids_starting_with(session, prefix)
    return [prefix] if prefix in found else found


def count_entries(choice: EntryChoice, *, url: str | None = None) -> int:
    """How many entries the choice matches (before `newest` cuts it)."""
    with cached_database(url).reading() as session:
        return audit_listing.count_entries(session, choice)


def listed_entries(choice: EntryChoice, *, url: str | None = None) -> Iterator[AuditEntry]:
    """The chosen entries, oldest first, read a page at a time (flat memory)."""
    with cached_database(url).reading() as session:
        yield from audit_listing.chosen_entries(session, choice)


def utc_text(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def csv_row(entry: AuditEntry) -> list[str]:
    values = (str(entry.id), utc_text(entry.at), entry.user, entry.action, entry.case_id or "",
              canonical_json(entry.detail), entry.prev_hash, entry.entry_hash)
    return [as_text_cell(value) for value in values]


def write_csv(entries: Iterable[AuditEntry], out: TextIO) -> int:
    """Write a header and one row per entry; how many entries were written."""
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(CSV_COLUMNS)
    count = 0
    for entry in entries:
        writer.writerow(csv_row(entry))
        count += 1
    return count


def write_json(entries: Iterable[AuditEntry], out: TextIO) -> int:
    """Write a JSON array of the entries, one per line; how many were written."""
    count = 0
    out.write("[")
    for entry in entries:
        item = {"id": entry.id, "at_utc": utc_text(entry.at), "user": entry.user,
                "action": entry.action, "case_id": entry.case_id, "detail": entry.detail,
                "prev_mark": entry.prev_hash, "mark": entry.entry_hash}
        out.write(("\n" if count == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def export_csv(target: Path, choice: EntryChoice | None = None, *, url: str | None = None) -> int:
    """Save the chosen entries (all by default) as a CSV file readable by this user alone,
    written whole or not at all, and record that the log was exported; how many entries."""
    chosen = choice or EntryChoice()
    with atomic_writer(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        count = write_csv(listed_entries(chosen, url=url), text)
        text.flush()
        text.detach()  # the writer closes the file itself, after its fsync
    record("audit.exported", chosen.case_id, {"format": "csv", "entries": count}, url=url)
    return count
