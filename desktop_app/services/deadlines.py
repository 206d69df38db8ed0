"""Deadlines across cases, soonest first: open appeal filing deadlines, expedited decisions the
plans owe, approval end dates. From case files, or from the case database.

Exports: text (a table), JSON, and iCalendar (the `icalendar` library: RFC 5545 encoding,
escaping and folding done right; one all-day event on each deadline's last day). Calendars
leave the practice's computers (phones, cloud accounts), so an event names the patient by
initials only; text and JSON are for staff at the practice and give the full name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import load_case
from desktop_app.errors import AppError, CaseFileError
from desktop_app.rules.deadline_list import DueItem, due_items
from desktop_app.storage.paths import write_private
from desktop_app.storage.quick_list import decode_case_data
from desktop_app.storage.records import CaseSummary

if TYPE_CHECKING:  # the app's first screen lists deadlines before the database is opened
    from desktop_app.services.cases import CaseStore

__all__ = ["CaseDeadline", "DeadlineReport", "deadlines_from_files", "deadlines_from_store",
           "deadlines_of_listed", "deadlines_of_stored", "due_soon", "save_export", "to_ics",
           "to_json", "to_text"]


@dataclass(frozen=True, slots=True)
class CaseDeadline:
    """One deadline and the case it belongs to."""

    item: DueItem
    case_ref: str  # the case id in the database, or the case file's path
    patient: str
    drug: str
    payer: str
    reference: str  # the denial's or the approval's number, as staff quote it on the phone

    @property
    def initials(self) -> str:
        parts = [p for p in self.patient.replace("-", " ").split() if p[:1].isalpha()]
        return "".join(p[0].upper() + "." for p in parts) or "patient"


@dataclass(frozen=True, slots=True)
class DeadlineReport:
    deadlines: list[CaseDeadline]
    problems: list[str]  # case files that could not be read, one line each
    read: int = 0  # cases that were read (with or without a deadline)

    @property
    def nothing_read(self) -> bool:
        """Every case given failed to read: there is no list to show, only the problems."""
        return bool(self.problems) and self.read == 0


def _reference(case: Case, item: DueItem) -> str:
    if item.kind == "approval_end" and case.approval is not None:
        return case.approval.authorization_number.strip()
    return case.denial.reference_number.strip() if case.denial else ""


def case_deadlines(case: Case, case_ref: str, status: str | None = None) -> list[CaseDeadline]:
    return [
        CaseDeadline(
            item=item,
            case_ref=case_ref,
            patient=case.patient.name.strip(),
            drug=(case.drug.generic_name or case.drug.brand_name or "").strip(),
            payer=case.payer.name.strip(),
            reference=_reference(case, item),
        )
        for item in due_items(case, status)
    ]


def _soonest_first(found: Iterable[CaseDeadline]) -> list[CaseDeadline]:
    return sorted(found, key=lambda d: (d.item.due, d.item.due_at or dt.datetime.max, d.case_ref))


def deadlines_from_files(paths: Sequence[Path]) -> DeadlineReport:
    """Every deadline in the case files given; a file that cannot be read is reported, and the
    others are still listed."""
    found: list[CaseDeadline] = []
    problems: list[str] = []
    for path in paths:
        try:
            case = load_case(Path(path))
        except CaseFileError as exc:
            problems.append(str(exc))
            continue
        found += case_deadlines(case, str(path))
    return DeadlineReport(_soonest_first(found), problems, len(paths) - len(problems))


def deadlines_from_store(store: CaseStore) -> DeadlineReport:
    """Every deadline of the cases in the database (not deleted), from one read of them all.

    Should that read fail as a whole (one stored value that is not text fails the query), the
    cases are read one by one instead, so the damaged case is named among the problems and
    the others are still listed."""

    def stored(case_id: str) -> tuple[Case, str]:
        found = store.get_case(case_id)
        return found.case, found.status

    try:
        summaries, case_data = store.listed_with_data()
    except AppError:
        return deadlines_of_listed(store.list_cases(), stored)
    return deadlines_of_stored(summaries, case_data)


def deadlines_of_stored(summaries: Sequence[CaseSummary],
                        case_data: Mapping[str, str]) -> DeadlineReport:
    """Every deadline of the listed cases, each decoded from its stored JSON (`case_data`,
    by case id, read together with the list); plain data in and out, so safe on a worker."""
    statuses = {summary.id: summary.status for summary in summaries}

    def case_of(case_id: str) -> tuple[Case, str]:
        return decode_case_data(case_id, case_data[case_id]), statuses[case_id]

    return deadlines_of_listed(summaries, case_of)


def deadlines_of_listed(
    summaries: Iterable[CaseSummary], case_of: Callable[[str], tuple[Case, str]]
) -> DeadlineReport:
    """Every deadline of the listed cases; `case_of(id)` reads one case and its status (the
    database, or the app's first read of the file)."""
    found: list[CaseDeadline] = []
    problems: list[str] = []
    read = 0
    for summary in summaries:
        if summary.status == "denied":
            continue  # closed: its appeal is a case of its own
        try:
            case, status = case_of(summary.id)
        except AppError as exc:
            problems.append(str(exc))
            continue
        read += 1
        found += case_deadlines(case, summary.id, status)
    return DeadlineReport(_soonest_first(found), problems, read)


def due_soon(report: DeadlineReport, today: dt.date | None = None) -> list[CaseDeadline]:
    """What needs doing within 7 days (or is overdue), and approvals whose renewal is due."""
    day = today or dt.date.today()
    return [d for d in report.deadlines if d.item.is_soon(day)]


def when_words(item: DueItem, today: dt.date) -> str:
    """'in 3 days', 'today', '2 days ago', with the time for a decision due in hours."""
    left = item.days_left(today)
    words = "today" if left == 0 else (
        f"in {left} day{'s' if left != 1 else ''}" if left > 0
        else f"{-left} day{'s' if left != -1 else ''} ago"
    )
    if item.due_at is not None:
        words += " at " + item.due_at.strftime("%I:%M %p").lstrip("0")
    return words


def to_text(report: DeadlineReport, today: dt.date | None = None) -> str:
    day = today or dt.date.today()
    if report.nothing_read:
        return ""  # the problems say why; "No open deadlines" would claim a list was read
    if not report.deadlines:
        return "No open deadlines.\n"
    lines = []
    for d in report.deadlines:
        item = d.item
        who = " · ".join(p for p in (d.patient, d.drug, d.payer) if p)
        ref = f" · ref {d.reference}" if d.reference else ""
        check = "" if item.verified else " (default rule: check the notice)"
        lines.append(f"{item.due.isoformat()}  {when_words(item, day):<22} {item.what}{check}")
        lines.append(f"{'':12}{who}{ref}  [{d.case_ref}]")
    return "\n".join(lines) + "\n"


def to_json(report: DeadlineReport) -> str:
    rows = [
        {
            "due": d.item.due.isoformat(),
            "due_at": d.item.due_at.isoformat() if d.item.due_at else None,
            "kind": d.item.kind,
            "what": d.item.what,
            "rule": d.item.rule,
            "verified": d.item.verified,
            "remind_on": d.item.remind_on.isoformat() if d.item.remind_on else None,
            "case": d.case_ref,
            "patient": d.patient,
            "drug": d.drug,
            "payer": d.payer,
            "reference": d.reference,
        }
        for d in report.deadlines
    ]
    return json.dumps({"deadlines": rows, "problems": report.problems}, indent=2,
                      ensure_ascii=False) + "\n"


def to_ics(report: DeadlineReport, stamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file: one all-day event per deadline on its last day, with an alarm a week
    before (a month before for an approval's end, when the renewal should start)."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//PA Letter Studio//Deadlines//EN")
    calendar.add("version", "2.0")
    now = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    for d in report.deadlines:
        item = d.item
        event = Event()
        event.add("uid", _uid(d))
        event.add("dtstamp", now)
        event.add("dtstart", item.due)  # a date: an all-day event
        event.add("dtend", item.due + dt.timedelta(days=1))  # DTEND is exclusive
        summary = f"{item.what} — {d.initials}" + (f", {d.drug}" if d.drug else "")
        event.add("summary", summary)
        description = [item.rule]
        if item.due_at is not None:
            description.insert(0, "Due at " + item.due_at.strftime("%I:%M %p").lstrip("0"))
        if d.payer:
            description.append(f"Payer: {d.payer}")
        if d.reference:
            description.append(f"Reference: {d.reference}")
        event.add("description", "\n".join(description))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        before = 30 if item.kind == "approval_end" else 7
        alarm.add("trigger", dt.timedelta(days=-before))
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def save_export(path: Path, data: bytes) -> None:
    """Write an export readable by the user alone (it names patients)."""
    write_private(Path(path), data)


def _uid(d: CaseDeadline) -> str:
    """Stable per case and deadline, so importing again updates events instead of doubling."""
    key = f"{d.case_ref}|{d.item.kind}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@pa-letter-studio"
