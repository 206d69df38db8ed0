"""`pa-letter check` and `pa-letter schema` as a process: exit codes, output, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

READY_EXAMPLES = [
    "medicare-part-b-preauth.json",
    "commercial-preauth.json",
    "commercial-appeal.json",
    "expedited-appeal.json",
    "part-d-request.json",
]


@pytest.mark.parametrize("name", READY_EXAMPLES)
def test_ready_examples_have_no_errors(pa_letter, name: str) -> None:
    result = pa_letter("check", EXAMPLES / name, "--format", "json")
    assert result.code == 0, result.out + result.err
    findings = json.loads(result.out)["findings"]
    assert all(f["severity"] != "error" for f in findings)
    for f in findings:
        assert set(f) == {"code", "severity", "field", "message"}


def test_draft_that_needs_work_reports_errors_and_exits_1(pa_letter) -> None:
    result = pa_letter("check", EXAMPLES / "medicare-draft-needs-work.json", "--format", "json")
    assert result.code == 1
    codes = {f["code"] for f in json.loads(result.out)["findings"]}
    assert {"npi.invalid", "evidence.nccn_2b", "evidence.journal_not_recognized"} <= codes
    assert "evidence.case_report" in codes
    assert "evidence.none_supportive" not in codes  # NCCN 2B counts as support


def test_text_checklist_is_grouped_for_front_desk_staff(pa_letter) -> None:
    result = pa_letter("check", EXAMPLES / "medicare-draft-needs-work.json")
    assert result.code == 1
    assert "MUST FIX" in result.out
    assert "SHOULD REVIEW" in result.out
    assert "prescriber.npi" in result.out
    assert "Traceback" not in result.out + result.err


def test_appeal_check_shows_the_due_date(pa_letter) -> None:
    result = pa_letter("check", EXAMPLES / "commercial-appeal.json")
    assert result.code == 0, result.out + result.err
    assert "Appeal due 2027-04-18" in result.out  # 180 days after the 2026-10-20 denial


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _valid(tmp_path: Path) -> dict:
    return json.loads((EXAMPLES / "commercial-preauth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("label", "mutate", "expect"),
    [
        ("unknown field", lambda d: d["patient"].update(nmae="x"), "patient.nmae"),
        ("wrong type", lambda d: d["evidence"][1].update(year="2016"), "evidence.1.year"),
        ("wrong version", lambda d: d.update(format="pa-letter-case/2"), "format"),
        ("bad enum", lambda d: d["payer"].update(plan_type="ppo"), "payer.plan_type"),
        ("bad date", lambda d: d["patient"].update(dob="30/09/1968"), "patient.dob"),
        ("evidence type", lambda d: d["evidence"][0].update(type="blog"), "evidence.0"),
    ],
)
def test_unusable_case_exits_2_with_one_line_naming_file_and_field(
    pa_letter, tmp_path: Path, label: str, mutate, expect: str
) -> None:
    data = _valid(tmp_path)
    mutate(data)
    path = _write(tmp_path, "case.json", json.dumps(data))
    result = pa_letter("check", path)
    assert result.code == 2, label
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(path) in lines[0] and expect in lines[0]
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "content",
    ["", "{", "[1, 2]", "null", '{"format": "pa-letter-case/1", "patient": "Ann"}', "\x00\xff"],
)
def test_malformed_files_never_give_a_traceback(pa_letter, tmp_path: Path, content: str) -> None:
    path = _write(tmp_path, "bad.json", content)
    result = pa_letter("check", path)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert str(path) in result.err


def test_missing_file_is_unusable_input(pa_letter, tmp_path: Path) -> None:
    result = pa_letter("check", tmp_path / "nowhere.json")
    assert result.code == 2
    assert "nowhere.json" in result.err


def test_missing_mandatory_fields_are_findings_not_crashes(pa_letter, tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.json", '{"format": "pa-letter-case/1"}')
    result = pa_letter("check", path, "--format", "json")
    assert result.code == 1
    fields = {
        f["field"] for f in json.loads(result.out)["findings"] if f["code"] == "required.missing"
    }
    assert {"patient.name", "patient.dob", "prescriber.npi", "drug.generic_name"} <= fields


def test_schema_is_json_schema_of_format_1(pa_letter) -> None:
    result = pa_letter("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert "format" in schema["required"]
    assert "patient" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_rules_lists_every_spec_code(pa_letter) -> None:
    result = pa_letter("rules")
    assert result.code == 0
    for code in ["npi.invalid", "evidence.nccn_2b", "appeal.deadline_passed", "required.missing"]:
        assert code in result.out


def test_a_broken_template_body_fails_check_as_it_fails_render(
    pa_letter, tmp_path: Path
) -> None:
    built_in = EXAMPLES.parent / "templates" / "offlabel-preauth.letter"
    source = built_in.read_text("utf-8")
    date_line = '<p style="address">{{ facts.letter_date }}</p>'
    line = source[: source.index(date_line)].count("\n") + 1
    broken = tmp_path / "BROKEN.letter"
    broken.write_text(source.replace(date_line, date_line.replace("}}", "}")), "utf-8")
    case = EXAMPLES / "commercial-preauth.json"
    checked = pa_letter("check", "--template", broken, case)
    rendered = pa_letter("render", "--template", broken, case, "-o", tmp_path / "letter.pdf")
    assert (checked.code, rendered.code) == (2, 2)
    assert checked.err == rendered.err
    assert f"BROKEN.letter:{line}: template syntax error" in checked.err
    assert "Traceback" not in checked.err and not checked.out
