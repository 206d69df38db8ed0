"""What is due on a case: the appeal's last filing day, an expedited decision the plan owes,
and the end of an approval (with the renewal reminder 30 days before it).

The filing deadline is the one rules/deadlines.py computes from the plan's rule (never a second
computation); a deadline the denial letter states is shown beside it when it is earlier.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.knowledge.decision_timeframes import decision_timeframe
from desktop_app.rules.deadlines import appeal_deadline

# Renewals of the same regimen are a large share of the work: remind a month ahead.
RENEWAL_NOTICE_DAYS = 30
# "What is due soon" on start: a week is enough to act on any of these.
SOON_DAYS = 7
# Statuses in which the letter has not gone out yet, and in which the plan is deciding.
NOT_SENT = frozenset({"draft", "ready_for_signature", "signed"})
DECIDING = frozenset({"sent"})


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing due on one case."""

    kind: str  # "appeal_deadline" | "decision_due" | "approval_end"
    due: dt.date  # the last day
    what: str  # "Last day to file the reconsideration by the Medicare Advantage plan"
    rule: str  # where the date comes from, in words
    due_at: dt.datetime | None = None  # a time of day, for a decision due in hours
    remind_on: dt.date | None = None  # the approval's renewal reminder
    verified: bool = True  # False: the rule behind the date is a default no source confirms

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def is_soon(self, today: dt.date, days: int = SOON_DAYS) -> bool:
        """Due within `days` (or already passed), or an approval whose reminder has come."""
        if self.remind_on is not None and self.remind_on <= today <= self.due:
            return True
        return self.due <= today + dt.timedelta(days=days) and (
            self.kind != "approval_end" or self.due >= today
        )


def due_items(case: Case, status: str | None = None) -> list[DueItem]:
    """What is due on `case`. `status` is the case's workflow status when it comes from the
    database; a case file has none, so its sent time and approval say where it stands."""
    items: list[DueItem] = []
    sent = case.letter.sent_at is not None
    open_appeal = status in NOT_SENT if status is not None else not sent and case.approval is None
    if case.letter.kind == "appeal" and open_appeal:
        items.extend(_filing(case))
    deciding = status in DECIDING if status is not None else sent and case.approval is None
    if case.letter.expedited and deciding:
        items.extend(_decision(case))
    if case.approval is not None and case.approval.end is not None:
        end = case.approval.end
        number = case.approval.authorization_number.strip()
        items.append(
            DueItem(
                kind="approval_end",
                due=end,
                what="Approval ends" + (f" (authorization {number})" if number else "")
                + ": request the renewal",
                rule=f"the approval's period; reminder {RENEWAL_NOTICE_DAYS} days before it ends",
                remind_on=end - dt.timedelta(days=RENEWAL_NOTICE_DAYS),
            )
        )
    return items


def _filing(case: Case) -> list[DueItem]:
    deadline = appeal_deadline(case)
    stated = case.denial.stated_deadline if case.denial else None
    if deadline is None and stated is None:
        return []
    if deadline is None:
        assert stated is not None
        return [DueItem("appeal_deadline", stated, "Last day to file the appeal",
                        "as the denial letter states it", verified=True)]
    what = f"Last day to file the {deadline.level_name}"
    rule = f"{deadline.rule} ({deadline.source})"
    due = deadline.due
    if stated is not None and stated < due:
        # The letter's own, earlier date is the one to meet.
        rule = f"as the denial letter states it; the plan's rule gives {deadline.due.isoformat()}"
        due = stated
    return [DueItem("appeal_deadline", due, what, rule, verified=deadline.verified)]


_LIMIT = re.compile(r"^\s*(\d{1,3})\s+(hour|day)s?\s*$", re.IGNORECASE)


def decision_limit(limit: str) -> dt.timedelta | None:
    """'72 hours' -> 72 h; '7 days' -> 7 days; anything else None."""
    match = _LIMIT.match(limit or "")
    if match is None:
        return None
    amount = int(match.group(1))
    return dt.timedelta(hours=amount) if match.group(2).lower() == "hour" else dt.timedelta(
        days=amount
    )


def _decision(case: Case) -> list[DueItem]:
    sent_at = case.letter.sent_at
    level = case.denial.level if case.denial else None
    frame = decision_timeframe(case.payer.plan_type, case.letter.kind, True, level)
    if sent_at is None or frame is None:
        return []
    length = decision_limit(frame.limit)
    if length is None:
        return []
    due_at = sent_at + length
    return [
        DueItem(
            kind="decision_due",
            due=due_at.date(),
            due_at=due_at,
            what=f"The plan's decision is due on {frame.what} (expedited)",
            rule=f"{frame.limit} from when the letter was sent ({frame.source})",
            verified=frame.verified,
        )
    ]
