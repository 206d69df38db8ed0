"""A last day the denial letter states, beside the regulation's: which one counts, and what the
checklist says (29 CFR 2560.503-1(h)(3)(i); 42 CFR 405.942(a); windows a default only gives
way to the notice's own day)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.rules.appeal import check_deadline, check_deadline_verified
from desktop_app.rules.deadlines import appeal_deadline
from desktop_app.rules.stated_deadline import check_stated_deadline
from tests.unit.rules._case_builders_ids import DENIAL, make_case, run

pytestmark = pytest.mark.no_database


def _appeal(letter_date: str, stated: str, **changes: Any) -> Any:
    # Medicare Part B redetermination of a notice dated 2026-11-01: 120 + 5 days, 2027-03-06.
    return make_case({
        "letter.kind": "appeal",
        "letter.date": letter_date,
        "denial": {**DENIAL, "stated_deadline": stated},
        **changes,
    })


def _codes(case: Any) -> set[str]:
    return {f.code for f in (*run(check_deadline, case), *run(check_stated_deadline, case))}


def test_a_notice_day_passed_inside_the_regulation_window_is_not_late() -> None:
    case = _appeal("2026-12-15", "2026-12-01")
    assert _codes(case) == {"appeal.stated_deadline_passed"}
    [finding] = run(check_stated_deadline, case)
    assert "March 6, 2027" in finding.message and "cannot shorten" in finding.message
    deadline = appeal_deadline(case)
    assert deadline is not None and deadline.notice_day_passed and not deadline.passed


def test_a_later_notice_day_does_not_reopen_a_closed_regulation_window() -> None:
    case = _appeal("2027-03-10", "2027-03-31")
    [finding] = run(check_deadline, case)
    assert finding.code == "appeal.deadline_passed"
    assert "later day, March 31, 2027" in finding.message
    assert run(check_stated_deadline, case) == []
    with_reason = _appeal("2027-03-10", "2027-03-31", **{
        "denial.late_reason": "The notice gave March 31, 2027 as the last day."})
    assert _codes(with_reason) == {"appeal.filed_late"}


def test_a_later_notice_day_while_the_window_is_open_says_to_file_by_the_regulation() -> None:
    [finding] = run(check_stated_deadline, _appeal("2026-12-15", "2027-03-31"))
    assert finding.code == "appeal.stated_deadline_later"
    assert "file by March 6, 2027" in finding.message


# A commercial second-level appeal: the 60 days on file are a default no regulation sets.
SECOND_LEVEL = {"payer.plan_type": "commercial_fully_insured", "denial.level": "second"}


def test_where_the_window_is_a_default_the_notice_day_is_the_deadline() -> None:
    passed = _appeal("2026-11-24", "2026-11-20", **SECOND_LEVEL)
    [finding] = run(check_deadline, passed)
    assert finding.code == "appeal.deadline_passed"
    assert "November 20, 2026" in finding.message and "only a default" in finding.message
    assert run(check_stated_deadline, passed) == []
    late = _appeal("2026-11-24", "2026-11-20", **SECOND_LEVEL,
                   **{"denial.late_reason": "The patient was in the hospital."})
    assert _codes(late) == {"appeal.filed_late"}
    # The default would have closed on 2026-12-31; the notice gives until 2027-01-15.
    later = _appeal("2027-01-05", "2027-01-15", **SECOND_LEVEL)
    assert _codes(later) == {"appeal.deadline_near"}
    [note] = run(check_deadline_verified, later)
    assert "the one the denial letter states, January 15, 2027" in note.message
