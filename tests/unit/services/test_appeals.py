"""The appeal a denied request starts, and the due date a case keeps, worked out without a
database."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from desktop_app.domain.case import Case
from desktop_app.domain.case_denial import Denial
from desktop_app.domain.case_records import Approval, CallLogEntry
from desktop_app.rules.deadlines import AppealDeadline
from desktop_app.services import appeals
from desktop_app.services.appeals import appeal_due_of, appeal_of
from tests.unit.storage.sample import sample_case

pytestmark = pytest.mark.no_database


def _sent_and_approved() -> Case:
    case = sample_case()
    case.letter.sent_at = dt.datetime(2026, 3, 3, 9, 30)
    case.approval = Approval(authorization_number="AUTH-1")
    case.call_log = [CallLogEntry(who="Dana R., provider services", summary="denied by phone")]
    return case


def test_the_appeal_is_dated_today_unsent_with_a_blank_denial() -> None:
    appeal = appeal_of(_sent_and_approved())
    assert appeal.letter.kind == "appeal" and appeal.letter.date == dt.date.today()
    assert appeal.letter.sent_at is None and appeal.approval is None
    assert appeal.denial == Denial(reference_number="", reason="")


def test_the_appeal_keeps_the_request_and_its_calls() -> None:
    request = _sent_and_approved()
    appeal = appeal_of(request)
    assert appeal.patient == request.patient and appeal.drug == request.drug
    assert appeal.evidence == request.evidence and appeal.call_log == request.call_log


def test_the_due_date_is_the_deadline_rule_s(monkeypatch: pytest.MonkeyPatch) -> None:
    due = dt.date(2026, 6, 30)
    monkeypatch.setattr(
        appeals, "appeal_deadline", lambda _case: AppealDeadline(due, 10, "rule", "source")
    )
    assert appeal_due_of(sample_case()) == due
    monkeypatch.setattr(appeals, "appeal_deadline", lambda _case: None)
    assert appeal_due_of(sample_case()) is None


@pytest.mark.parametrize("error", [NotImplementedError, ZeroDivisionError, KeyError])
def test_a_failing_deadline_rule_gives_no_due_date_and_logs_no_patient_data(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: type[Exception]
) -> None:
    def broken(case: Case) -> AppealDeadline | None:
        raise error(case.patient.name)

    monkeypatch.setattr(appeals, "appeal_deadline", broken)
    with caplog.at_level(logging.WARNING):
        assert appeal_due_of(sample_case()) is None
    assert sample_case().patient.name not in caplog.text
