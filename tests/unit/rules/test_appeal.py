"""Appeal rules: denial present, deadline near or passed on its boundary days."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Severity
from desktop_app.rules import appeal
from tests.unit.rules.evidence_case_builder import LETTER_DATE, codes, make_case, run

# Total days from the notice date to the last day to file, including presumed receipt.
WINDOWS = [
    ("commercial_fully_insured", "first", 180),
    ("commercial_self_funded", None, 180),
    ("medicare_part_b", "redetermination", 125),
    ("medicare_part_b", "reconsideration", 185),
    ("medicare_part_d", "redetermination", 65),  # 42 CFR 423.582(b): 60 + 5 presumed receipt
    ("medicare_part_d", "reconsideration", 60),  # 42 CFR 423.600(a): 60 from the date
    ("medicare_advantage", None, 65),  # 42 CFR 422.582(b) since 2025-01-01
    ("medicaid", None, 60),
]


def appeal_case(plan: str, level: str | None, denial_date: dt.date) -> Case:
    return make_case(
        plan_type=plan,
        letter={"kind": "appeal"},
        denial={
            "date": denial_date,
            "reference_number": "A-1",
            "reason": "Not covered",
            "level": level,
        },
    )


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [
        (30, []),
        (15, []),
        (14, ["appeal.deadline_near"]),
        (1, ["appeal.deadline_near"]),
        (0, ["appeal.deadline_near"]),  # the due date itself: near, not passed
        (-1, ["appeal.deadline_passed"]),
        (-200, ["appeal.deadline_passed"]),
    ],
)
@pytest.mark.parametrize(("plan", "level", "window"), WINDOWS)
def test_deadline_boundaries(
    plan: str, level: str | None, window: int, days_left: int, expected: list[str]
) -> None:
    denial_date = LETTER_DATE - dt.timedelta(days=window - days_left)
    found = run(appeal.check_deadline, appeal_case(plan, level, denial_date))
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.field == "denial.date"
        assert finding.severity is (Severity.ERROR if days_left < 0 else Severity.WARNING)


@pytest.mark.parametrize(
    ("denial_date", "expected"),
    [
        (dt.date(2025, 11, 17), []),  # due 2026-03-17: 15 days left
        (dt.date(2025, 11, 16), ["appeal.deadline_near"]),  # due 2026-03-16: 14 left
        (dt.date(2025, 11, 2), ["appeal.deadline_near"]),  # due 2026-03-02: the letter date
        (dt.date(2025, 11, 1), ["appeal.deadline_passed"]),  # due 2026-03-01
    ],
)
def test_external_review_counts_calendar_months(denial_date: dt.date, expected: list[str]) -> None:
    case = appeal_case("commercial_fully_insured", "external", denial_date)
    assert codes(appeal.check_deadline, case) == expected


def test_medicare_counts_presumed_receipt() -> None:
    # 120 days after the notice date would have passed; with 5 days' presumed receipt 5 remain.
    case = appeal_case("medicare_part_b", None, LETTER_DATE - dt.timedelta(days=120))
    found = run(appeal.check_deadline, case)
    assert [f.code for f in found] == ["appeal.deadline_near"]
    assert "Only 5 days left" in found[0].message
    assert "presumed 5 days" in found[0].message


def test_messages_name_the_due_date_and_next_step() -> None:
    near = run(
        appeal.check_deadline,
        appeal_case("medicare_part_d", None, LETTER_DATE - dt.timedelta(days=65)),
    )
    assert "Today is the last day" in near[0].message
    assert "March 2, 2026" in near[0].message
    late = run(
        appeal.check_deadline,
        appeal_case("medicare_part_d", None, LETTER_DATE - dt.timedelta(days=67)),
    )
    assert "2 days before the letter date" in late[0].message
    assert "good cause" in late[0].message


def test_preauth_has_no_deadline_findings() -> None:
    case = make_case(denial={"date": dt.date(2020, 1, 1), "reference_number": "X", "reason": "r"})
    assert codes(appeal.check_deadline, case) == []
    assert codes(appeal.check_denial_present, case) == []


@pytest.mark.parametrize(
    ("kind", "denial", "expected"),
    [
        ("appeal", None, ["appeal.denial_missing"]),
        ("appeal", {"date": dt.date(2026, 1, 1), "reference_number": "X", "reason": "r"}, []),
        ("preauth", None, []),
    ],
)
def test_appeal_needs_the_denial(
    kind: str, denial: dict[str, object] | None, expected: list[str]
) -> None:
    found = run(appeal.check_denial_present, make_case(letter={"kind": kind}, denial=denial))
    assert [f.code for f in found] == expected
    assert all(f.severity is Severity.ERROR and f.field == "denial" for f in found)


@pytest.mark.parametrize(
    ("plan", "level", "flagged"),
    [
        ("commercial_fully_insured", "redetermination", True),
        ("medicare_part_b", "external", True),
        ("medicare_part_b", "second", False),
        ("medicare_advantage", "first", False),
        ("commercial_fully_insured", None, False),
    ],
)
def test_level_must_fit_the_plan(plan: str, level: str | None, flagged: bool) -> None:
    found = run(appeal.check_level, appeal_case(plan, level, dt.date(2026, 2, 1)))
    assert [f.code for f in found] == (["appeal.level_unknown"] if flagged else [])
    if flagged:
        assert found[0].field == "denial.level"


@pytest.mark.parametrize(
    ("notice", "letter", "expected"),
    [
        (dt.date(2026, 7, 31), dt.date(2026, 12, 1), ["appeal.deadline_near"]),  # last day
        (dt.date(2026, 7, 31), dt.date(2026, 12, 2), ["appeal.deadline_passed"]),
        (dt.date(2026, 7, 31), dt.date(2026, 11, 30), ["appeal.deadline_near"]),
        (dt.date(2026, 7, 30), dt.date(2026, 11, 30), ["appeal.deadline_near"]),  # same date
        (dt.date(2026, 7, 30), dt.date(2026, 12, 1), ["appeal.deadline_passed"]),
        (dt.date(2025, 10, 31), dt.date(2026, 3, 1), ["appeal.deadline_near"]),  # no Feb 31
        (dt.date(2025, 10, 31), dt.date(2026, 3, 2), ["appeal.deadline_passed"]),
        (dt.date(2026, 5, 1), dt.date(2026, 7, 1), []),
    ],
)
def test_external_review_four_months_45_cfr_147_136_d(
    notice: dt.date, letter: dt.date, expected: list[str]
) -> None:
    """45 CFR 147.136(d), DOL TR 2010-01: four months ends on the same date four months later,
    or on the first day of the fifth month: a notice of July 31 may be appealed through Dec 1."""
    case = make_case(
        plan_type="commercial_fully_insured",
        letter={"kind": "appeal", "date": letter},
        denial={"date": notice, "reference_number": "A-1", "reason": "x", "level": "external"},
    )
    assert codes(appeal.check_deadline, case) == expected


@pytest.mark.parametrize(
    ("days_after_notice", "expected"),
    [
        (64, ["appeal.deadline_near"]),
        (65, ["appeal.deadline_near"]),  # the last day
        (66, ["appeal.deadline_passed"]),
    ],
)
def test_medicare_advantage_reconsideration_65_days_42_cfr_422_582_b(
    days_after_notice: int, expected: list[str]
) -> None:
    """42 CFR 422.582(b) since 2025-01-01: 65 days from the notice (60 + 5 for mail), not 60."""
    found = run(
        appeal.check_deadline,
        appeal_case("medicare_advantage", None, LETTER_DATE - dt.timedelta(days=days_after_notice)),
    )
    assert [f.code for f in found] == expected


@pytest.mark.parametrize(
    ("plan", "level", "expected"),
    [
        ("commercial_fully_insured", "second", ["appeal.deadline_unverified"]),  # plan terms
        ("medicaid", None, ["appeal.deadline_unverified"]),
        ("medicaid", "second", ["appeal.deadline_unverified"]),  # 431.221(d) is only a cap
        ("medicare_advantage", None, []),  # 42 CFR 422.582(b)
        ("medicare_part_d", "reconsideration", []),  # 42 CFR 423.600(a)
        ("medicare_part_b", None, []),  # 42 CFR 405.942
    ],
)
def test_unverified_windows_ask_staff_to_confirm_from_the_notice(
    plan: str, level: str | None, expected: list[str]
) -> None:
    found = run(appeal.check_deadline_verified, appeal_case(plan, level, LETTER_DATE))
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.severity is Severity.INFO
        assert "the letter does not state it" in finding.message


def late_case(plan: str, level: str | None, reason: str | None) -> Case:
    return make_case(
        plan_type=plan,
        letter={"kind": "appeal"},
        denial={"date": LETTER_DATE - dt.timedelta(days=400), "reference_number": "A-1",
                "reason": "Not covered", "level": level, "late_reason": reason},
    )


@pytest.mark.parametrize(
    ("plan", "level", "cited"),
    [
        ("medicare_part_b", "redetermination", "42 CFR 405.942(b)"),
        ("medicare_part_b", "reconsideration", "42 CFR 405.962(b)"),
        ("medicare_part_d", "redetermination", "42 CFR 423.582(c)"),
        ("medicare_advantage", None, None),  # 422.582(c) not confirmed: no citation
        ("commercial_fully_insured", "first", None),  # the plan's own terms decide
    ],
)
def test_a_late_appeal_that_says_why_asks_for_good_cause(
    plan: str, level: str | None, cited: str | None
) -> None:
    found = run(appeal.check_deadline,
                late_case(plan, level, "The patient was in the hospital from May 2 to June 20."))
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("appeal.filed_late", Severity.WARNING, "denial.late_reason")]
    if cited:
        assert f"as {cited} allows" in found[0].message
    else:
        assert "the plan's own rules decide" in found[0].message


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_a_late_appeal_with_no_reason_is_still_an_error(reason: str | None) -> None:
    found = run(appeal.check_deadline, late_case("medicare_part_b", None, reason))
    assert [(f.code, f.severity) for f in found] == [("appeal.deadline_passed", Severity.ERROR)]
    assert "Why it is filed late" in found[0].message


def test_a_reason_given_on_time_changes_nothing() -> None:
    case = make_case(
        plan_type="medicare_part_b", letter={"kind": "appeal"},
        denial={"date": LETTER_DATE - dt.timedelta(days=30), "reference_number": "A-1",
                "reason": "Not covered", "late_reason": "Typed before the letter date moved."},
    )
    assert codes(appeal.check_deadline, case) == []
