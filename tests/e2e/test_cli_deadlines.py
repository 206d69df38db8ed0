"""`pa-letter deadlines` as a process: from case files or the database, text, JSON and ICS."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from icalendar import Calendar

from tests.conftest import EXAMPLES

APPEALS = [EXAMPLES / "commercial-appeal.json", EXAMPLES / "expedited-appeal.json"]


def _approved(tmp_path: Path) -> Path:
    data = json.loads((EXAMPLES / "part-d-request.json").read_text("utf-8"))
    data["letter"]["sent_at"] = "2026-06-01T09:00"
    data["approval"] = {"authorization_number": "PA-77", "approved_units": "120 tablets",
                        "start": "2026-06-02", "end": "2026-12-20"}
    path = tmp_path / "approved.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_text_lists_soonest_first(pa_letter, tmp_path: Path) -> None:
    result = pa_letter("deadlines", *APPEALS, _approved(tmp_path))
    assert result.code == 0, result.err
    dates = [line[:10] for line in result.out.splitlines() if line[:4].isdigit()]
    assert dates == sorted(dates) and len(dates) == 3
    assert "Approval ends (authorization PA-77): request the renewal" in result.out
    assert "Eleanor Fitzgerald-Marsh" in result.out


def test_json_has_one_row_per_deadline(pa_letter, tmp_path: Path) -> None:
    result = pa_letter("deadlines", *APPEALS, _approved(tmp_path), "--format", "json")
    rows = json.loads(result.out)["deadlines"]
    assert [r["kind"] for r in rows].count("appeal_deadline") == 2
    approval = next(r for r in rows if r["kind"] == "approval_end")
    assert approval["due"] == "2026-12-20" and approval["remind_on"] == "2026-11-20"


def test_ics_is_one_all_day_event_per_deadline_with_initials_only(
    pa_letter, tmp_path: Path
) -> None:
    out = tmp_path / "deadlines.ics"
    result = pa_letter("deadlines", *APPEALS, _approved(tmp_path), "--format", "ics", "-o", out)
    assert result.code == 0, result.err
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3
    for event in events:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert not hasattr(start, "hour")  # a date, so an all-day event
        assert (end - start).days == 1
    text = out.read_text("utf-8")
    assert "Fitzgerald-Marsh" not in text and "E.F.M." in text
    commercial = next(e for e in events if "internal appeal" in str(e["summary"]))
    assert commercial.decoded("dtstart").isoformat() == "2027-04-18"


def test_a_bad_case_file_is_named_and_the_others_still_listed(pa_letter, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    result = pa_letter("deadlines", bad, *APPEALS)
    assert result.code == 1
    assert "bad.json" in result.err and "Traceback" not in result.err
    assert "Pine Tree Mutual Health" in result.out
    only_bad = pa_letter("deadlines", bad)
    assert only_bad.code == 2
    # Nothing was read, so nothing is claimed about deadlines: the error alone is printed.
    assert only_bad.out == "" and "bad.json" in only_bad.err
    # A case was read and has no deadline: that is said, beside the file that failed.
    none_due = pa_letter("deadlines", bad, EXAMPLES / "commercial-preauth.json")
    assert (none_due.code, none_due.out) == (1, "No open deadlines.\n")


def test_without_files_the_database_is_read(pa_letter) -> None:
    result = pa_letter("deadlines")
    assert result.code == 0, result.err
    assert result.out == "No open deadlines.\n"
