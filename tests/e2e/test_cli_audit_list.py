"""`pa-letter audit list` run as a process: what an office hands an auditor, read only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop_app.services import audit
from desktop_app.services.cases import open_case_store
from desktop_app.storage import case_rows
from tests.e2e.conftest import Result
from tests.unit.storage.sample import sample_case

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


# Two cases whose ids share their first 9 characters, and one that shares nothing.
TWINS = ("3f2a9c10-5b7e-4c1d-9a2b-6d0e1f000001", "3f2a9c10-e4d3-4b2a-8c1d-0f9e8d000002")
LONER = "7b1e22d4-0c9f-4e3a-8d6b-2a4c6e000003"


def _cases_with_ids(monkeypatch: pytest.MonkeyPatch, *ids: str) -> None:
    """Cases made and saved the way the app makes them, under the ids given."""
    handed_out = iter(uuid.UUID(case_id) for case_id in ids)
    monkeypatch.setattr(case_rows, "uuid", SimpleNamespace(uuid4=lambda: next(handed_out)))
    with open_case_store() as store:
        for case_id in ids:
            assert store.create_case(sample_case()).id == case_id
            store.set_status(case_id, "ready_for_signature")
    audit.close()


def test_a_case_is_chosen_by_the_first_characters_of_its_id(
    pa_letter: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cases_with_ids(monkeypatch, *TWINS, LONER)
    whole = pa_letter("audit", "list", "--case", LONER)
    assert whole.code == 0, whole.err
    assert len(whole.out.splitlines()) == 2 and all(LONER in line
                                                     for line in whole.out.splitlines())
    # The 8 characters the app's audit window shows, or just 6, list the same entries.
    for short in (LONER[:8], LONER[:6], LONER[:8].upper()):
        listed = pa_letter("audit", "list", "--case", short)
        assert (listed.code, listed.out, listed.err) == (0, whole.out, "")
    as_json = json.loads(pa_letter("audit", "list", "--case", TWINS[1][:12],
                                   "--format", "json").out)
    assert {item["case_id"] for item in as_json} == {TWINS[1]}


def test_a_beginning_several_case_ids_share_is_refused_naming_them(
    pa_letter: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cases_with_ids(monkeypatch, *TWINS, LONER)
    for fmt in ("text", "csv", "json"):
        both = pa_letter("audit", "list", "--case", "3f2a9c10-", "--format", fmt)
        assert both.code == 2 and both.out == "", both.err
        assert "matches 2 cases; give more characters of the case id" in both.err
        assert TWINS[0] in both.err and TWINS[1] in both.err and LONER not in both.err
        assert "Traceback" not in both.err


def test_a_case_id_too_short_or_matching_nothing_says_so(
    pa_letter: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cases_with_ids(monkeypatch, LONER)
    short = pa_letter("audit", "list", "--case", LONER[:5])
    assert short.code == 2 and short.out == ""
    assert "--case" in short.err and "at least 6 characters of the case id" in short.err
    nothing = pa_letter("audit", "list", "--case", "0123ab")
    assert nothing.code == 0 and nothing.out == ""
    assert nothing.err == "No case in the audit log has an id beginning with '0123ab'.\n"
    # A script still gets the empty listing it asked for.
    as_csv = pa_letter("audit", "list", "--case", "0123ab", "--format", "csv")
    assert as_csv.code == 0 and as_csv.out.startswith("id,at_utc,user,action,case_id")
    assert len(as_csv.out.splitlines()) == 1
    # Wildcards and control characters are what they are: data, printed escaped.
    odd = pa_letter("audit", "list", "--case", "7b1e2%\x1b[2J")
    assert odd.code == 0 and "\x1b" not in odd.err and "\\x1b" in odd.err
