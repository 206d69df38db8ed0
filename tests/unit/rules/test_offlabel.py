"""Off-label reason and rationale, and the urgency statement of an expedited request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.rules.engine import RuleContext, run_rules
from desktop_app.rules.offlabel import check_offlabel_justification, check_urgency_statement
from tests.support.drug_fixtures import fixture_group, install_catalog
from tests.unit.rules._case_builders_ids import DELETE, HOSTILE, found, make_case, run


def _offlabel(changes: dict[str, Any]) -> set[tuple[str, str | None]]:
    case = make_case(changes)
    return found(run(check_offlabel_justification, case) + run(check_urgency_statement, case))


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"off_label.reasons": ["dose", "route"]},
        {"off_label.rationale": "x"},
        {"letter.expedited": True, "letter.urgency_statement": "Rapid progression."},
        {"letter.expedited": False, "letter.urgency_statement": ""},
        *(
            {
                "off_label.rationale": text,
                "letter.expedited": True,
                "letter.urgency_statement": text,
            }
            for text in HOSTILE
        ),
    ],
)
def test_complete_justification_passes(changes: dict[str, Any]) -> None:
    assert _offlabel(changes) == set()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"off_label.reasons": []}, {("offlabel.reason_missing", "off_label.reasons")}),
        ({"off_label.reasons": DELETE}, {("offlabel.reason_missing", "off_label.reasons")}),
        ({"off_label.rationale": ""}, {("offlabel.rationale_missing", "off_label.rationale")}),
        (
            {"off_label.rationale": " \n\t "},
            {("offlabel.rationale_missing", "off_label.rationale")},
        ),
        (
            {"off_label": {}},
            {
                ("offlabel.reason_missing", "off_label.reasons"),
                ("offlabel.rationale_missing", "off_label.rationale"),
            },
        ),
        (
            {"letter.expedited": True},
            {("expedited.statement_missing", "letter.urgency_statement")},
        ),
        (
            {"letter.expedited": True, "letter.urgency_statement": "   "},
            {("expedited.statement_missing", "letter.urgency_statement")},
        ),
    ],
)
def test_missing_justification_is_reported(
    changes: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    assert _offlabel(changes) == expected


def test_the_whole_checker_reports_an_empty_rationale_once(pa_letter_home: Path) -> None:
    install_catalog(pa_letter_home, fixture_group([]))  # no label comparison in the way
    findings = run_rules(RuleContext(make_case({"off_label.rationale": ""})))
    assert [(f.code, f.field) for f in findings] == [
        ("offlabel.rationale_missing", "off_label.rationale")
    ]


def test_messages_say_what_to_do() -> None:
    case = make_case({"off_label.reasons": [], "letter.expedited": True})
    messages = [f.message for f in run(check_offlabel_justification, case)]
    messages += [f.message for f in run(check_urgency_statement, case)]
    assert any("indication" in m and "dose" in m and "route" in m for m in messages)
    assert any("physician must state" in m for m in messages)
