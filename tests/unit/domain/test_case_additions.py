"""The optional additions to format 1: stated denial reasons, calls, the approval, sent time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.casefile import case_json_schema, dump_case, load_case_text
from desktop_app.errors import CaseFileError

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "commercial-appeal.json"


def _example(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def test_a_case_without_the_additions_reads_as_before() -> None:
    case = load_case_text(EXAMPLE.read_text(encoding="utf-8"))
    assert case.call_log is None and case.approval is None
    assert case.denial is not None and case.denial.reasons is None
    written = json.loads(dump_case(case))
    assert "call_log" not in written and "reasons" not in written["denial"]


def test_reasons_calls_and_approval_round_trip() -> None:
    data = _example(
        call_log=[{"at": "2026-11-14T10:30", "who": "Dana R.", "reference_number": "55-1234",
                   "summary": "The appeal was received."}],
        approval={"authorization_number": "PA-77", "approved_units": "16 units of J9271",
                  "start": "2026-12-01", "end": "2027-05-31"},
    )
    data["denial"]["reasons"] = [{"category": "step_therapy", "text": "Try X first."}]
    data["denial"]["criteria_cited"] = ["ONC-114"]
    data["denial"]["stated_deadline"] = "2027-04-18"
    case = load_case_text(json.dumps(data))
    assert case.call_log is not None
    assert case.call_log[0].at == dt.datetime(2026, 11, 14, 10, 30)
    assert case.approval is not None and case.approval.end == dt.date(2027, 5, 31)
    again = load_case_text(dump_case(case))
    assert again == case


def test_a_time_with_an_offset_is_kept_as_local_time() -> None:
    data = _example(call_log=[{"at": "2026-11-14T15:30:00+00:00", "who": "A", "summary": "B"}])
    case = load_case_text(json.dumps(data))
    assert case.call_log is not None
    expected = dt.datetime(2026, 11, 14, 15, 30, tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    assert case.call_log[0].at == expected
    assert case.call_log[0].at.tzinfo is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"denial": {"reasons": [{"category": "bogus", "text": "x"}]}},
         "denial.reasons.0.category"),
        ({"denial": {"reasons": [{"category": "other", "txt": "x"}]}}, "denial.reasons.0.txt"),
        ({"call_log": [{"at": "14/11/2026", "who": "A", "summary": "B"}]}, "call_log.0.at"),
        ({"approval": {"authorization_number": 77}}, "approval.authorization_number"),
    ],
)
def test_bad_additions_name_the_field(change: dict[str, Any], field: str) -> None:
    data = _example()
    for key, value in change.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) and key == "denial" else value
    with pytest.raises(CaseFileError) as caught:
        load_case_text(json.dumps(data), source="case.json")
    assert f"field '{field}'" in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_the_schema_marks_what_each_addition_requires() -> None:
    defs = case_json_schema()["$defs"]
    assert defs["DenialReason"]["required"] == ["category", "text"]
    assert defs["CallLogEntry"]["required"] == ["at", "who", "summary"]
    assert defs["Approval"]["required"] == ["authorization_number", "start", "end"]
    categories = defs["DenialReason"]["properties"]["category"]["anyOf"][0]["enum"]
    assert len(categories) == 9 and "not_in_compendia" in categories


@pytest.mark.parametrize(
    ("change", "field", "limit"),
    [
        ({"denial": {"reasons": [{"category": "other", "text": "x" * 20_001}]}},
         "denial.reasons.0.text", 20_000),
        ({"denial": {"criteria_cited": ["ONC-114"] * 21}}, "denial.criteria_cited", 20),
        ({"call_log": [{"at": "2026-11-14T10:30", "who": "A", "summary": "x" * 1_001}]},
         "call_log.0.summary", 1_000),
        ({"approval": {"authorization_number": "7" * 301}},
         "approval.authorization_number", 300),
    ],
)
def test_additions_over_their_limit_are_refused_like_any_field(
    change: dict[str, Any], field: str, limit: int
) -> None:
    data = _example()
    for key, value in change.items():
        data[key] = {**data[key], **value} if key == "denial" else value
    with pytest.raises(CaseFileError) as caught:
        load_case_text(json.dumps(data), source="case.json")
    assert caught.value.field == field
    assert f"at most {limit:,}" in caught.value.message
