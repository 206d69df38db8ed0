"""required.missing: one finding per empty field the format, the template or the plan needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.case import MANDATORY_FIELDS
from desktop_app.rules.engine import RuleContext, run_rules
from desktop_app.rules.required import check_required_fields, field_label, resolve
from tests.support.drug_fixtures import fixture_group, install_catalog
from tests.unit.rules._case_builders_ids import DELETE, DENIAL, HOSTILE, found, make_case, run

MISSING = "required.missing"


def _missing(changes: dict[str, Any] | None = None, **context: Any) -> set[str | None]:
    findings = run(check_required_fields, make_case(changes), **context)
    assert all(f.code == MISSING for f in findings)
    return {f.field for f in findings}


def test_a_complete_case_has_nothing_missing() -> None:
    assert _missing(required_fields=("drug.ndc", "payer.fax", "prior_therapies")) == set()


def test_a_complete_case_passes_every_rule(pa_letter_home: Path) -> None:
    # The whole checker agrees: the fixture is a clean baseline for the tables below. The
    # label comparison (tests/unit/rules/test_labeled.py) is left out: it follows the drug data.
    install_catalog(pa_letter_home, fixture_group([]))
    assert run_rules(RuleContext(make_case())) == []


@pytest.mark.parametrize(
    ("path", "empty"),
    [
        ("letter.kind", None),
        ("payer.name", ""),
        ("payer.plan_type", None),
        ("payer.member_id", "   "),
        ("patient.name", "\t\n"),
        ("patient.dob", None),
        ("prescriber.name", ""),
        ("prescriber.npi", DELETE),
        ("diagnosis.icd10", " "),
        ("drug.generic_name", ""),
        ("drug.dose.amount", None),
        ("drug.dose.unit", ""),
        ("drug.route", ""),
        ("drug.frequency", DELETE),
        ("prior_therapies.0.regimen", ""),
        ("prior_therapies.1.reason_stopped", " "),
        ("evidence.0.compendium", None),
        ("evidence.0.rating", ""),
        ("evidence.1.title", ""),
        ("evidence.1.journal", "  "),
        ("evidence.1.year", None),
        ("evidence.2.nct", ""),
        ("evidence.3.title", ""),
        ("evidence.3.issuer", DELETE),
        ("attachments.0.title", ""),
        ("attachments.0.path", ""),
    ],
)
def test_each_empty_mandatory_field_is_reported_once(path: str, empty: object) -> None:
    findings = run(check_required_fields, make_case({path: empty}))
    assert found(findings) == {(MISSING, path)}
    assert findings[0].severity.value == "error"


def test_several_empty_fields_give_one_finding_each() -> None:
    fields = _missing({"payer.name": "", "patient.name": "", "evidence.1.journal": ""})
    assert fields == {"payer.name", "patient.name", "evidence.1.journal"}


def test_journal_is_asked_of_articles_only() -> None:
    fields = _missing({"evidence.1.journal": ""})
    assert "evidence.0.journal" not in fields and "evidence.2.journal" not in fields


def test_empty_lists_of_optional_items_ask_nothing() -> None:
    assert _missing({"prior_therapies": DELETE, "attachments": []}) == set()


def test_denial_fields_are_checked_when_a_denial_is_entered() -> None:
    denial = {**DENIAL, "reason": " ", "reference_number": ""}
    fields = _missing({"letter.kind": "appeal", "denial": denial})
    assert fields == {"denial.reason", "denial.reference_number"}


def test_missing_denial_on_an_appeal_is_left_to_the_appeal_rules() -> None:
    case = {"letter.kind": "appeal"}
    assert _missing(case, required_fields=("denial", "denial.date")) == set()
    # Without the appeal rule set nobody else would say it, so the core does.
    assert _missing(case, required_fields=("denial",), rule_sets={"core"}) == {"denial"}


@pytest.mark.parametrize(
    ("path", "changes"),
    [
        ("drug.ndc", {"drug.ndc": DELETE}),
        ("drug.ndc", {"drug.ndc": ""}),
        ("payer.fax", {"payer.fax": "  "}),
        ("prior_therapies", {"prior_therapies": []}),
        ("prior_therapies", {"prior_therapies": DELETE}),
        ("evidence.1.pmid", {"evidence.1.pmid": DELETE}),
        ("prior_therapies.1.started", {}),
    ],
)
def test_fields_the_template_requires(path: str, changes: dict[str, Any]) -> None:
    template_path = path.replace(".1.pmid", "[article].pmid").replace(".1.started", "[].started")
    assert _missing(changes, required_fields=(template_path,)) == {path}


@pytest.mark.parametrize("path", ["drug.ndcc", "nonsense[", "evidence.99.title", "", "a..b"])
def test_unknown_template_paths_are_ignored(path: str) -> None:
    assert _missing(required_fields=(path,)) == set()


def test_medicare_part_b_needs_the_mbi() -> None:
    assert _missing({"patient.mbi": DELETE}) == {"patient.mbi"}
    commercial = {"patient.mbi": DELETE, "payer.plan_type": "commercial_fully_insured"}
    assert _missing(commercial) == set()


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"off_label.reasons": []}, "off_label.reasons"),
        ({"off_label.rationale": " "}, "off_label.rationale"),
        ({"evidence": []}, "evidence"),
    ],
)
def test_fields_with_a_specific_rule_are_reported_by_it(changes: dict[str, Any], path: str) -> None:
    assert _missing(changes) == set()
    assert _missing(changes, rule_sets={"core"}) == {path}


def test_unlisted_drug_code_without_ndc_is_reported_once() -> None:
    changes = {"drug.hcpcs": "J9999", "drug.ndc": DELETE}
    assert _missing(changes, required_fields=("drug.ndc",)) == set()
    case = make_case(changes)
    findings = run_rules(RuleContext(case, required_fields=("drug.ndc",)))
    assert [f.code for f in findings if f.field == "drug.ndc"] == ["hcpcs.unlisted_needs_ndc"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_counts_as_filled_and_is_never_echoed(text: str) -> None:
    changes = {"patient.name": text, "drug.route": text, "evidence.1.journal": text}
    assert _missing(changes) == set()
    findings = run(check_required_fields, make_case({**changes, "payer.name": ""}))
    assert [f.field for f in findings] == ["payer.name"]
    assert text not in findings[0].message


def test_messages_name_the_field_and_say_what_to_do() -> None:
    [finding] = run(check_required_fields, make_case({"evidence.1.journal": ""}))
    assert finding.message.startswith("Evidence item 2: journal is empty.")
    [mbi] = run(check_required_fields, make_case({"patient.mbi": ""}))
    assert "Medicare card" in mbi.message


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("prescriber.npi", "The prescriber's NPI"),
        ("prior_therapies.0.reason_stopped", "Prior therapy 1: reason it was stopped"),
        ("evidence.2.nct", "Evidence item 3: NCT number"),
        ("attachments.1.path", "Attachment 2: file"),
        ("payer.group_number", "The payer group number"),
    ],
)
def test_field_labels_are_plain_words(path: str, label: str) -> None:
    assert field_label(path) == label


def test_every_mandatory_path_resolves_on_a_full_case() -> None:
    case = make_case({
        "letter.kind": "appeal",
        "denial": {**DENIAL, "reasons": [{"category": "experimental", "text": "Experimental."}]},
        "call_log": [{"at": "2026-11-14T10:30", "who": "Dana R.", "summary": "Received."}],
        "approval": {"authorization_number": "PA-1", "start": "2026-12-01", "end": "2027-05-31"},
    })
    for path in MANDATORY_FIELDS:
        assert list(resolve(case, path)), path


def test_added_records_need_their_key_fields_only_when_present() -> None:
    assert not {f for f in _missing() if f and f.startswith(("call_log", "approval"))}
    case = make_case({
        "call_log": [{"at": "2026-11-14T10:30", "who": "", "summary": " "}],
        "approval": {"authorization_number": "PA-1", "start": "2026-12-01"},
        "letter.kind": "appeal",
        "denial": {**DENIAL, "reasons": [{"category": "other", "text": ""}]},
    })
    missing = {f.field for f in run(check_required_fields, case)}
    assert {"call_log.0.who", "call_log.0.summary", "approval.end",
            "denial.reasons.0.text"} <= missing
    assert "call_log.0.at" not in missing
