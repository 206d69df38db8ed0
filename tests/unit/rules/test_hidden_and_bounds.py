"""Nothing hides: bidi controls and zero-width characters in names, identifiers and numbers,
and values no real case holds (over-long text, NaN, a birth in year 1) are findings.

The form builds cases without validation, so these reach the checker there even though a
case file with them is refused when read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Severity
from desktop_app.rules import bounds, hidden
from desktop_app.rules.engine import RuleContext, run_rules
from tests.unit.rules.evidence_case_builder import article, make_case, run


@pytest.mark.parametrize(
    ("sections", "field"),
    [
        ({"patient": {"name": "Ann \u202eeoJ"}}, "patient.name"),
        ({"prescriber": {"name": "Dr\u2067 Lee\u2069"}}, "prescriber.name"),
        ({"payer": {"member_id": "XJW\u200b123456"}}, "payer.member_id"),
        ({"prescriber": {"npi": "1234567893\u200d"}}, "prescriber.npi"),
        ({"payer": {"fax": "555-0100\u2060"}}, "payer.fax"),
        ({"drug": {"generic_name": "pembro\u00adlizumab"}}, "drug.generic_name"),
        # Control characters: the letter drops them, so it prints another name or number.
        ({"patient": {"name": "Ann\x00Smith"}}, "patient.name"),
        ({"payer": {"member_id": "XJW123\x1b[8m456"}}, "payer.member_id"),
        ({"prescriber": {"npi": "1234567893\x7f"}}, "prescriber.npi"),
        ({"patient": {"name": "Jos\u0085e"}}, "patient.name"),  # a C1 control
    ],
)
def test_hidden_characters_in_names_ids_and_numbers_are_errors(
    sections: dict[str, Any], field: str
) -> None:
    found = run(hidden.check_hidden, make_case(**sections))
    assert [(f.code, f.field, f.severity) for f in found] == [
        ("text.hidden_characters", field, Severity.ERROR)
    ]
    assert "U+" in found[0].message and "Remove" in found[0].message


def test_each_character_is_named_and_the_value_never_quoted() -> None:
    found = run(hidden.check_hidden, make_case(patient={"name": "Ann\u202e \u200bJoe"}))
    message = found[0].message
    assert "U+202E right-to-left override" in message and "U+200B zero width space" in message
    assert "Joe" not in message


@pytest.mark.parametrize(("extra", "field"), [
    ({"pmcid": "PMC35\u200b49297"}, "evidence.0.pmcid"),
    ({"journal_abbreviation": "J Clin\u202e Oncol"}, "evidence.0.journal_abbreviation"),
])
def test_identifiers_an_import_adds_are_checked_too(extra: dict[str, Any], field: str) -> None:
    found = run(hidden.check_hidden, make_case(evidence=[article("Lancet", **extra)]))
    assert [(f.code, f.field) for f in found] == [("text.hidden_characters", field)]


_CALLED = dt.datetime(2026, 11, 14, 10, 30)
_PERIOD = {"start": dt.date(2026, 6, 2), "end": dt.date(2026, 12, 20)}


@pytest.mark.parametrize(("sections", "field"), [
    ({"denial": {"reference_number": "R1", "reason": "x",
                 "criteria_cited": ["Policy\u200b PH-221"]}}, "denial.criteria_cited.0"),
    ({"call_log": [{"at": _CALLED, "who": "Dana\u202e R.", "summary": "ok"}]},
     "call_log.0.who"),
    ({"call_log": [{"at": _CALLED, "who": "Dana R.", "summary": "ok",
                    "reference_number": "55-12\u200d34", "staff": "Kim"}]},
     "call_log.0.reference_number"),
    ({"call_log": [{"at": _CALLED, "who": "Dana R.", "summary": "ok",
                    "staff": "Kim\u2066"}]}, "call_log.0.staff"),
    ({"approval": {"authorization_number": "PA-\u200b77", **_PERIOD}},
     "approval.authorization_number"),
    ({"approval": {"authorization_number": "PA-77", "approved_units": "16\u2060 units",
                   **_PERIOD}}, "approval.approved_units"),
])
def test_the_appeal_records_names_and_numbers_are_checked_too(
    sections: dict[str, Any], field: str
) -> None:
    found = run(hidden.check_hidden, make_case(**sections))
    assert [(f.code, f.field) for f in found] == [("text.hidden_characters", field)]


def test_free_text_may_need_joiners_and_is_left_alone() -> None:
    # Persian and Hindi text uses zero-width joiners; a rationale is not a name or an ID.
    case = make_case(off_label={"reasons": ["indication"], "rationale": "می\u200cخواهم"})
    assert run(hidden.check_hidden, case) == []


def test_author_names_in_a_list_are_named_by_their_place() -> None:
    case = make_case(evidence=[article("Lancet", authors=["Ng A", "Lee\u202e B"])])
    found = run(hidden.check_hidden, case)
    assert [f.field for f in found] == ["evidence.0.authors.1"]


def _form_case(**changes: Any) -> Case:
    """As the form builds a case: no validation, so any value gets through."""
    case = make_case()
    for path, value in changes.items():
        target: Any = case
        *parents, leaf = path.split("__")
        for part in parents:
            target = getattr(target, part)
        object.__setattr__(target, leaf, value)
    return case


@pytest.mark.parametrize("amount", [float("nan"), float("inf"), float("-inf")])
def test_a_non_finite_amount_from_the_form_is_an_error_on_its_field(amount: float) -> None:
    case = make_case(denial={"date": dt.date(2026, 11, 1), "reference_number": "R1", "reason": "x"})
    object.__setattr__(case.denial, "amount_in_controversy", amount)
    found = run(bounds.check_bounds, case)
    assert [(f.code, f.field) for f in found] == [
        ("number.not_finite", "denial.amount_in_controversy")
    ]


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("patient__dob", dt.date(1, 1, 1), "patient.dob"),
        ("patient__dob", dt.date(1899, 12, 31), "patient.dob"),
        ("letter__date", dt.date(2205, 1, 1), "letter.date"),
        ("diagnosis__diagnosed_on", dt.date(1066, 10, 14), "diagnosis.diagnosed_on"),
    ],
)
def test_dates_before_1900_or_after_2100_are_errors(path: str, value: dt.date, field: str) -> None:
    found = run(bounds.check_bounds, _form_case(**{path: value}))
    assert [(f.code, f.field, f.severity) for f in found] == [
        ("date.out_of_range", field, Severity.ERROR)
    ]


def test_an_article_year_outside_1900_2100_is_an_error() -> None:
    case = make_case(evidence=[article("Lancet", year=1850)])
    assert [f.field for f in run(bounds.check_bounds, case)] == ["evidence.0.year"]
    assert run(bounds.check_bounds, make_case(evidence=[article("Lancet", year=2100)])) == []
    assert run(bounds.check_bounds, _form_case(patient__dob=dt.date(1900, 1, 1))) == []


def test_text_pasted_past_its_limit_is_an_error_naming_the_limit() -> None:
    case = _form_case(off_label__rationale="note " * 5000, patient__name="x" * 101)
    found = {f.field: f for f in run(bounds.check_bounds, case)}
    assert set(found) == {"off_label.rationale", "patient.name"}
    assert "25,000 characters; a case holds at most 20,000" in found["off_label.rationale"].message
    assert found["patient.name"].code == "text.too_long"


def test_the_examples_raise_none_of_these(examples_dir: Any) -> None:
    from desktop_app.domain.casefile import load_case

    for path in sorted(examples_dir.glob("*.json")):
        codes = {f.code for f in run_rules(RuleContext(case=load_case(path)))}
        assert not codes & {
            "text.hidden_characters", "text.too_long", "number.not_finite", "date.out_of_range"
        }, path.name


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 \u202a\u202e\u2066\u2069\u200b\u200d\ufeffé"),
               max_size=30))
def test_any_name_gives_one_finding_exactly_when_it_hides_something(name: str) -> None:
    found = run(hidden.check_hidden, make_case(patient={"name": name}))
    hides = any(ch in name for ch in "\u202a\u202e\u2066\u2069\u200b\u200d\ufeff")
    assert [f.code for f in found] == (["text.hidden_characters"] if hides else [])


def test_a_control_character_is_named_and_removed_with_the_others() -> None:
    from desktop_app.services.check import remove_hidden_characters

    case = make_case(patient={"name": "Ann\x00 Smith\u200b"}, payer={"member_id": "W1\x002"})
    found = run(hidden.check_hidden, case)
    assert "U+0000 control character" in found[0].message and "Smith" not in found[0].message
    cleaned = remove_hidden_characters(case)
    assert (cleaned.patient.name, cleaned.payer.member_id) == ("Ann Smith", "W12")
    assert run(hidden.check_hidden, cleaned) == []


def test_tabs_and_line_ends_are_not_hidden_characters() -> None:
    assert run(hidden.check_hidden, make_case(patient={"name": "Ann\tSmith\r\n"})) == []
