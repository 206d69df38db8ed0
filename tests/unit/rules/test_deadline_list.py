"""What is due on a case: filing deadlines, expedited decisions, approval ends and renewals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.rules.deadline_list import decision_limit, due_items
from tests.unit.rules._case_builders_ids import DENIAL, make_case


def _appeal(**changes: Any) -> Any:
    return make_case({"letter.kind": "appeal", "denial": DENIAL, **changes})


def test_an_open_appeal_lists_its_filing_deadline_from_the_plans_rule() -> None:
    [item] = due_items(_appeal())
    # Medicare Part B redetermination: 120 days from receipt, 5 days after 2026-11-01.
    assert item.kind == "appeal_deadline" and item.due == dt.date(2027, 3, 6)
    assert "405.942" in item.rule


def test_an_earlier_deadline_in_the_denial_letter_is_the_one_listed() -> None:
    [item] = due_items(_appeal(**{"denial.stated_deadline": "2027-01-15"}))
    assert item.due == dt.date(2027, 1, 15)
    assert "as the denial letter states it" in item.rule and "2027-03-06" in item.rule


@pytest.mark.parametrize(
    ("status", "listed"),
    [("draft", True), ("ready_for_signature", True), ("signed", True), ("sent", False),
     ("approved", False)],
)
def test_the_filing_deadline_stays_until_the_appeal_is_sent(status: str, listed: bool) -> None:
    assert bool(due_items(_appeal(), status)) is listed


def test_a_case_file_sent_or_approved_has_no_open_filing_deadline() -> None:
    assert due_items(_appeal(**{"letter.sent_at": "2026-11-20T10:00"})) == []


def test_an_approval_lists_its_end_with_a_reminder_a_month_before() -> None:
    case = make_case({"approval": {"authorization_number": "PA-9", "start": "2026-06-01",
                                   "end": "2026-12-31"}})
    [item] = due_items(case, "approved")
    assert item.kind == "approval_end" and item.due == dt.date(2026, 12, 31)
    assert item.remind_on == dt.date(2026, 12, 1)
    assert not item.is_soon(dt.date(2026, 11, 30))
    assert item.is_soon(dt.date(2026, 12, 1))  # the reminder day
    assert not item.is_soon(dt.date(2027, 1, 2))  # ended: nothing left to do


def test_soon_means_within_a_week_or_already_passed() -> None:
    [item] = due_items(_appeal())
    assert item.is_soon(dt.date(2027, 2, 27)) and not item.is_soon(dt.date(2027, 2, 26))
    assert item.is_soon(dt.date(2027, 3, 20))  # passed: still needs a late-appeal decision


@pytest.mark.parametrize(
    ("limit", "length"),
    [("72 hours", dt.timedelta(hours=72)), ("24 hours", dt.timedelta(hours=24)),
     ("7 days", dt.timedelta(days=7)), ("1 day", dt.timedelta(days=1)),
     ("the plan's timeframe", None), ("", None)],
)
def test_decision_limits_are_read_from_the_timeframe_data(
    limit: str, length: dt.timedelta | None
) -> None:
    assert decision_limit(limit) == length


def test_an_expedited_appeal_sent_lists_when_the_plans_decision_is_due() -> None:
    case = _appeal(**{"letter.expedited": True, "letter.sent_at": "2026-11-26T15:30",
                      "payer.plan_type": "medicare_advantage",
                      "denial.level": "reconsideration"})
    [item] = due_items(case, "sent")
    # 42 CFR 422.590(e): an expedited reconsideration within 72 hours of the request.
    assert item.kind == "decision_due"
    assert item.due_at == dt.datetime(2026, 11, 29, 15, 30) and item.due == dt.date(2026, 11, 29)
    assert "72 hours from when the letter was sent" in item.rule
    assert due_items(case, "approved") == []  # decided: nothing is due from the plan
