"""`pa-letter audit list` run as a process: what an office hands an auditor, read only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Result

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _two_letters(pa_letter: Run, tmp_path: Path) -> None:
    for name in ("commercial-preauth", "part-d-request"):
        done = pa_letter("render", EXAMPLES / f"{name}.json", "-o", tmp_path / f"{name}.pdf",
                         "--override", "reviewed")
        assert done.code == 0, done.err


def test_the_listing_shows_each_letter_rendered_oldest_first(pa_letter: Run,
                                                             tmp_path: Path) -> None:
    _two_letters(pa_letter, tmp_path)
    listed = pa_letter("audit", "list")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert len(lines) == 2 and all("letter.rendered" in line for line in lines)
    assert lines[0].split()[0] == "1" and lines[1].split()[0] == "2"
    assert dt.date.today().isoformat() in lines[0]
    only_one = pa_letter("audit", "list", "--newest", "1")
    assert only_one.out.splitlines() == [lines[1]]
    assert "1 of 2 entries shown" in only_one.err


def test_csv_and_json_hand_over_every_entry_and_change_nothing(pa_letter: Run,
                                                               tmp_path: Path) -> None:
    _two_letters(pa_letter, tmp_path)
    as_csv = pa_letter("audit", "list", "--format", "csv")
    assert as_csv.code == 0, as_csv.err
    rows = list(csv.DictReader(io.StringIO(as_csv.out, newline="")))
    assert [row["action"] for row in rows] == ["letter.rendered", "letter.rendered"]
    assert rows[0]["at_utc"].endswith("Z") and len(rows[1]["mark"]) == 64
    assert json.loads(rows[0]["detail"])["format"] == "pdf"
    as_json = json.loads(pa_letter("audit", "list", "--format", "json").out)
    assert [item["id"] for item in as_json] == [1, 2]
    assert as_json[1]["prev_mark"] == rows[0]["mark"]
    # Reading the log is not an entry of its own; the chain still checks.
    assert len(json.loads(pa_letter("audit", "list", "--format", "json").out)) == 2
    assert pa_letter("audit", "verify").code == 0


def test_days_and_actions_choose_entries(pa_letter: Run, tmp_path: Path) -> None:
    _two_letters(pa_letter, tmp_path)
    today = dt.date.today().isoformat()
    assert len(pa_letter("audit", "list", "--since", today, "--until", today).out
               .splitlines()) == 2
    future = pa_letter("audit", "list", "--since", "2999-01-01")
    assert future.code == 0 and future.out == "" and "No audit entries match" in future.err
    assert pa_letter("audit", "list", "--action", "letter.signed").out == ""


def test_usage_mistakes_exit_2_naming_the_option(pa_letter: Run) -> None:
    bad_date = pa_letter("audit", "list", "--since", "2026-13-01")
    assert bad_date.code == 2 and "--since" in bad_date.err and "YYYY-MM-DD" in bad_date.err
    backwards = pa_letter("audit", "list", "--since", "2026-12-02", "--until", "2026-12-01")
    assert backwards.code == 2 and "--since is after --until" in backwards.err
    zero = pa_letter("audit", "list", "--newest", "0")
    assert zero.code == 2 and "--newest" in zero.err
    both = pa_letter("audit", "list", "--newest", "3", "--all")
    assert both.code == 2
    assert "Traceback" not in bad_date.err + backwards.err + zero.err + both.err


def test_an_emptied_database_exits_2_and_prints_no_entries(pa_letter: Run, tmp_path: Path,
                                                          pa_letter_home: Path) -> None:
    _two_letters(pa_letter, tmp_path)
    (database,) = pa_letter_home.rglob("cases.sqlite3")
    database.write_bytes(b"")
    listed = pa_letter("audit", "list", "--format", "csv")
    assert listed.code == 2 and listed.out == ""
    assert "Traceback" not in listed.err and "backup" in listed.err
