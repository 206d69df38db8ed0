"""The payer directory in and out of a spreadsheet: CSV import that reports bad rows by line,
and CSV export that keeps every cell text.

Apart from the directory itself (services.payers) because only Tools > Payer directory's
Import and Export buttons use it, and its file handling (size limits, encodings, the
spreadsheet formula guard) has nothing to do with looking payers up as staff type.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app import limits
from desktop_app.domain.case_terms import PLAN_TYPE_LABELS
from desktop_app.domain.payers import PayerEntry
from desktop_app.errors import AppError, StorageError
from desktop_app.services.payers import (
    directory_store,
    payer_directory,
    payer_problems,
    practice_payers,
    save_practice_payers,
)
from desktop_app.services.spreadsheet_cells import as_text_cell, from_text_cell
from desktop_app.storage.paths import atomic_writer
from desktop_app.storage.payer_directory import PayerDirectoryStore

__all__ = ["CSV_COLUMNS", "ImportResult", "export_csv", "import_csv"]

CSV_COLUMNS = ("name", "plan_type", "state", "pa_fax", "pa_address", "appeals_fax",
               "appeals_address", "phone", "portal_url", "self_funded", "notes")


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    problems: list[str] = field(default_factory=list)  # "line 4: the PA fax … is not valid"


def import_csv(path: Path, store: PayerDirectoryStore | None = None) -> ImportResult:
    """Add or update practice entries from a CSV file with CSV_COLUMNS as its header row.

    A row with a problem is skipped and reported by line; the good rows are saved.
    """
    path = Path(path)
    try:
        raw = limits.read_bounded(path, limits.PRACTICE_LIST_BYTES, what="a payer list",
                                  unreadable="cannot read the file ({reason})")
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AppError("the file is not UTF-8 text", file=str(path),
                       hint="save it from the spreadsheet as CSV UTF-8") from None
    # newline="": csv splits rows itself, so the CR line ends Excel for Mac writes ("CSV
    # (Macintosh)") end rows too, and a line end inside quotes stays in its cell.
    rows = _csv_rows(csv.DictReader(io.StringIO(text, newline="")), path)
    store = store or directory_store()  # one store: its save goes over the list this import read
    own = practice_payers(store)
    by_name = {e.name.casefold(): i for i, e in enumerate(own)}
    added = updated = 0
    problems: list[str] = []
    for line, row in rows:
        entry, problem = _row_entry(row)
        if entry is None:
            problems.append(f"line {line}: {problem}")
            continue
        key = entry.name.casefold()
        if key in by_name:
            own[by_name[key]] = entry
            updated += 1
        else:
            by_name[key] = len(own)
            own.append(entry)
            added += 1
    save_practice_payers(own, store, change="csv_import",
                         counts={"added": added, "updated": updated, "skipped": len(problems)})
    return ImportResult(added, updated, problems)


def _csv_rows(reader: csv.DictReader[str], path: Path) -> list[tuple[int, dict[str | None, Any]]]:
    """Every row with the line it starts on, all read before anything is saved."""
    rows: list[tuple[int, dict[str | None, Any]]] = []
    line = 1
    try:
        names = [f.strip() for f in reader.fieldnames or []]
        if "name" not in names:
            raise AppError("the first row must name the columns, starting with 'name'",
                           file=str(path), hint=f"columns: {', '.join(CSV_COLUMNS)}")
        twice = next((n for n in names if n and names.count(n) > 1), None)
        if twice is not None:
            # csv keeps the last of the two cells, so which one a row's value came from
            # would depend on the column order: the file says nothing certain.
            raise AppError(f"the column {twice!r} is named twice in the first row",
                           file=str(path), line=1, hint="remove one of the two columns")
        line = reader.line_num + 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        # A cell past csv's size limit, or a quote left open to the end: nothing is imported.
        why = ("a cell there is far longer than any payer's entry; is a quote left open?"
               if "field limit" in str(exc) else str(exc))
        raise AppError(f"the CSV cannot be read ({why})", file=str(path), line=line,
                       hint="save it from the spreadsheet as CSV UTF-8") from None
    return rows




def _row_entry(row: dict[str | None, Any]) -> tuple[PayerEntry | None, str]:
    extra = row.get(None)
    if isinstance(extra, list) and any(str(cell).strip() for cell in extra):
        # The row's cells have moved: each value would land in another column's place.
        return None, ("the row has more cells than the first row names columns (is a comma "
                      "in a value not in quotes?)")
    values = {str(k).strip(): from_text_cell((v or "").strip()) for k, v in row.items()
              if k is not None and isinstance(v, str)}
    unknown = sorted(set(values) - set(CSV_COLUMNS))
    if unknown:
        return None, f"unknown column {unknown[0]!r}"
    data: dict[str, Any] = {k: v for k, v in values.items() if v}
    plan = data.get("plan_type")
    if plan and plan not in PLAN_TYPE_LABELS:
        by_label = {label.casefold(): key for key, label in PLAN_TYPE_LABELS.items()}
        if plan.casefold() not in by_label:
            return None, f"unknown plan type {plan!r}"
        data["plan_type"] = by_label[plan.casefold()]
    if "self_funded" in data:
        flag = data["self_funded"].casefold()
        if flag not in ("yes", "no", "true", "false", "y", "n", "1", "0"):
            return None, "self_funded must be yes or no"
        data["self_funded"] = flag in ("yes", "true", "y", "1")
    try:
        entry = PayerEntry(**data)
    except ValidationError as exc:
        err = exc.errors()[0]
        return None, f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    problems = payer_problems(entry)
    return (None, problems[0]) if problems else (entry, "")


def export_csv(target: Path, store: PayerDirectoryStore | None = None) -> int:
    """Write every entry (shipped ones included, so the file is the whole list); returns the
    number of rows."""
    entries = payer_directory(store)
    buffer = io.StringIO()
    # Rows end in CR LF (RFC 4180), so a cell holding a lone CR is quoted: ended by LF alone,
    # Python's csv left it bare, and the import (which takes a CR as a row end, as Excel for
    # Mac writes them) split the row in two, the second overwriting the first's notes.
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        row = entry.model_dump(include=set(CSV_COLUMNS))
        row["self_funded"] = "" if entry.self_funded is None else (
            "yes" if entry.self_funded else "no")
        writer.writerow({k: "" if v is None else as_text_cell(v) if isinstance(v, str) else v
                         for k, v in row.items()})
    try:
        with atomic_writer(Path(target)) as stream:
            stream.write(buffer.getvalue().encode("utf-8"))
    except OSError as exc:
        raise StorageError(f"cannot write the file ({exc.strerror})", file=str(target)) from None
    return len(entries)

