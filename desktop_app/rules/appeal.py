"""Appeal rules: the denial is entered and the filing window is still open.

Windows per plan and level: 29 CFR 2560.503-1 and 45 CFR 147.136 (commercial), 42 CFR
405.942/405.962 (Medicare A/B), 42 CFR 423.582 (Part D); see knowledge/data/appeal_windows.json.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from desktop_app.domain.case_terms import PLAN_TYPE_LABELS
from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.appeal_windows import levels_for, resolve_level
from desktop_app.rules.deadlines import AppealDeadline, appeal_deadline
from desktop_app.rules.engine import RuleContext, rule

# Warn when 14 days or fewer are left: two weeks is the least a practice needs to gather
# records and get the physician's signature (a product choice, not a rule of any payer).
NEAR_DAYS = 14
SOURCES = (
    "29 CFR 2560.503-1(h)(3)(i); 45 CFR 147.136(d); 42 CFR 405.942, 405.962, 422.582(b), "
    "423.582(b), 423.600(a)"
)


def _one_of(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _is_appeal(context: RuleContext) -> bool:
    return getattr(context.case.letter, "kind", None) == "appeal"


@rule(
    "appeal.denial_missing",
    rule_set="appeal",
    source="42 CFR 405.944(b), 422.582, 423.582 and 29 CFR 2560.503-1(h) (an appeal identifies "
    "the decision it contests)",
    checks="An appeal letter has the denial it answers.",
)
def check_denial_present(context: RuleContext) -> Iterator[Finding]:
    if _is_appeal(context) and context.case.denial is None:
        yield Finding(
            "appeal.denial_missing",
            Severity.ERROR,
            "denial",
            "This is an appeal, but the denial is not entered. Add the denial date, the claim or "
            "authorization number and the payer's reason, word for word, from the denial letter.",
        )


@rule(
    "appeal.deadline_near",
    "appeal.deadline_passed",
    "appeal.filed_late",
    rule_set="appeal",
    source=SOURCES + " (presumed receipt 5 days after the notice date); late appeals for good "
    "cause: 42 CFR 405.942(b), 405.962(b), 423.582(c)",
    checks="On the letter date the appeal window is open, with a warning at 14 days or fewer "
    "left; a late appeal says why it is late, so the letter can ask to accept it for good cause.",
)
def check_deadline(context: RuleContext) -> Iterator[Finding]:
    deadline = appeal_deadline(context.case)
    if deadline is None:
        return
    due = _words(deadline.due)
    if deadline.days_left < 0:
        late = -deadline.days_left
        closed = (f"The deadline to file this {deadline.level_name} was {due}, {late} day"
                  f"{'s' if late != 1 else ''} before the letter date ({_rule_words(deadline)}).")
        if deadline.notice_day_later and deadline.stated is not None:
            # A notice's later day does not reopen a regulation's window; it is a reason.
            closed += (f" The denial letter gives a later day, {_words(deadline.stated)}: say so "
                       "under Why it is filed late, as part of the good cause.")
        if (getattr(context.case.denial, "late_reason", None) or "").strip():
            yield Finding("appeal.filed_late", Severity.WARNING, "denial.late_reason",
                          f"{closed} {_late_request(deadline)}")
            return
        yield Finding(
            "appeal.deadline_passed",
            Severity.ERROR,
            "denial.date",
            f"{closed} A late appeal is accepted only for good cause: type why it is late under "
            "the denial's Why it is filed late, and the letter asks to accept it; or ask the "
            "payer how to file a new request.",
        )
    elif deadline.days_left <= NEAR_DAYS:
        left = (
            "Today is the last day"
            if deadline.days_left == 0
            else f"Only {deadline.days_left} day{'s' if deadline.days_left != 1 else ''} left"
        )
        yield Finding(
            "appeal.deadline_near",
            Severity.WARNING,
            "denial.date",
            f"{left} to file this {deadline.level_name}: the deadline is {due} "
            f"({_rule_words(deadline)}). Send the appeal now, by fax or the payer's portal, and "
            "keep the transmission receipt.",
        )


@rule(
    "appeal.level_unknown",
    rule_set="appeal",
    source=SOURCES,
    checks="The appeal level is one the plan type uses, so the filing deadline can be computed.",
)
def check_level(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    denial = case.denial
    if not _is_appeal(context) or denial is None or denial.level is None:
        return
    plan_type = getattr(case.payer, "plan_type", None)
    levels = levels_for(plan_type)
    if levels and resolve_level(plan_type, denial.level) is None:
        plan = PLAN_TYPE_LABELS.get(str(plan_type), "this plan")
        yield Finding(
            "appeal.level_unknown",
            Severity.WARNING,
            "denial.level",
            f"{plan} plans do not use this appeal level. Choose {_one_of(levels)} so the filing "
            "deadline can be checked.",
        )


@rule(
    "appeal.deadline_unverified",
    rule_set="appeal",
    source="knowledge/data/appeal_windows.json (windows marked verified=false)",
    checks="Where the filing window on file is a configurable default no regulation confirms, "
    "staff are asked to confirm it from the denial notice; the letter does not state it.",
)
def check_deadline_verified(context: RuleContext) -> Iterator[Finding]:
    deadline = appeal_deadline(context.case)
    if deadline is None or deadline.verified:
        return
    if deadline.rule_due is not None:
        yield Finding(
            "appeal.deadline_unverified",
            Severity.INFO,
            "denial.stated_deadline",
            f"The filing window on file for this {deadline.level_name} ({deadline.rule}, which "
            f"would end {_words(deadline.rule_due)}) is a default no regulation confirms, so the "
            f"deadline checked is the one the denial letter states, {_words(deadline.due)}.",
        )
        return
    yield Finding(
        "appeal.deadline_unverified",
        Severity.INFO,
        "denial.date",
        f"The filing window for this {deadline.level_name} ({deadline.rule}, which would end "
        f"{_words(deadline.due)}) is a default no regulation confirms. Check the deadline printed "
        "on the denial notice and enter it as the denial's stated deadline; until then the "
        "letter does not state it.",
    )


def _words(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _rule_words(deadline: AppealDeadline) -> str:
    if deadline.from_notice:
        return "the last day the denial letter states; the window on file is only a default"
    return deadline.rule


def _late_request(deadline: AppealDeadline) -> str:
    asked = ("The letter asks that it be accepted for good cause and gives the reason typed "
             "under Why it is filed late")
    if deadline.late_rule and deadline.late_verified:
        asked += f", as {deadline.late_source} allows."
    else:
        asked += ("; the plan's own rules decide, so check the denial notice for how it handles "
                  "a late appeal.")
    return f"{asked} Send any proof of the reason with it (a hospital stay, a notice received " \
           "late), and send it now."
