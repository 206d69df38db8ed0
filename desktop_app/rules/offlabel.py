"""Off-label justification basics: a reason, a rationale, and an urgency statement if expedited.

These fields are also mandatory in the case format; required.py leaves them to these rules so
the checklist shows one specific finding per problem instead of a generic "is empty".
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.decision_timeframes import decision_timeframe
from desktop_app.rules.engine import RuleContext, rule


@rule(
    "offlabel.reason_missing",
    "offlabel.rationale_missing",
    rule_set="offlabel",
    checks="The case says what makes the use off-label and why the physician chose it.",
    source="MBPM ch.15 §50.4.5(A) (off-label: a use other than the FDA-approved labeling); "
    "manufacturer letter-of-medical-necessity templates (what is off-label and why)",
)
def check_offlabel_justification(context: RuleContext) -> Iterator[Finding]:
    off_label = context.case.off_label
    if not off_label.reasons:
        yield Finding(
            "offlabel.reason_missing",
            Severity.ERROR,
            "off_label.reasons",
            "Say what makes this use off-label: the indication (cancer type), the dose, the "
            "route, or more than one of these.",
        )
    if not off_label.rationale.strip():
        yield Finding(
            "offlabel.rationale_missing",
            Severity.ERROR,
            "off_label.rationale",
            "The clinical rationale is empty. Ask the physician why this drug is right for this "
            "patient and why the labeled options do not fit.",
        )


@rule(
    "expedited.statement_missing",
    rule_set="offlabel",
    checks="An expedited request carries the physician's statement of why it is urgent.",
    source="29 CFR 2560.503-1(m)(1) (urgent care claim); 42 CFR 423.570 (Part D expedited "
    "coverage determination)",
)
def check_urgency_statement(context: RuleContext) -> Iterator[Finding]:
    letter = context.case.letter
    if letter.expedited and not (letter.urgency_statement or "").strip():
        yield Finding(
            "expedited.statement_missing",
            Severity.ERROR,
            "letter.urgency_statement",
            "This letter asks for an expedited decision, so the physician must state why waiting "
            "the standard time could seriously harm the patient's life, health or function.",
        )


@rule(
    "decision.timeframe_unverified",
    rule_set="offlabel",
    source="knowledge/data/decision_timeframes.json (timeframes marked verified=false)",
    checks="Where the decision timeframe the letter asks for is not confirmed against its "
    "regulation, staff are told; the letter names the provision without a number.",
)
def check_timeframe_verified(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    level = getattr(case.denial, "level", None)
    frame = decision_timeframe(
        getattr(case.payer, "plan_type", None), case.letter.kind, case.letter.expedited, level
    )
    if frame is None or frame.verified:
        return
    yield Finding(
        "decision.timeframe_unverified",
        Severity.INFO,
        "letter.expedited",
        f"The decision timeframe for {frame.what} ({frame.limit}, {frame.source}) was not "
        "confirmed against the regulation, so the letter asks the plan to decide within the "
        "timeframe that provision sets without stating a number. Check the plan's notice.",
    )
