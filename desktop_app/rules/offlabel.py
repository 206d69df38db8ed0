"""Off-label justification basics: a reason, a rationale, and an urgency statement if expedited.

These fields are also mandatory in the case format; required.py leaves them to these rules so
the checklist shows one specific finding per problem instead of a generic "is empty".
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.rules.engine import RuleContext, rule


@rule(
    "offlabel.reason_missing",
    "offlabel.rationale_missing",
    rule_set="offlabel",
    checks="The case says what makes the use off-label and why the physician chose it.",
    source="DOMAIN.md §5 (letter content) and §8.12 (an off-label type and a rationale)",
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
            "patient and why the labelled options do not fit.",
        )


@rule(
    "expedited.statement_missing",
    rule_set="offlabel",
    checks="An expedited request carries the physician's statement of why it is urgent.",
    source="DOMAIN.md §8.17; 29 CFR 2560.503-1 (urgent care); 42 CFR 423.570 (Part D expedited)",
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
