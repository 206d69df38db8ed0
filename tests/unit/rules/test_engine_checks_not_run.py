"""A check that cannot run is never hidden: damaged reference data stops the letter and names
the file and every check it stopped; a failing check is named beside any others that failed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.findings import Severity
from desktop_app.knowledge.reference import BUNDLED_DIR, reload_reference_data
from desktop_app.rules import engine
from desktop_app.rules.engine import Rule, RuleContext, run_rules
from tests.unit.rules._case_builders_ids import make_case


@pytest.fixture(autouse=True)
def fresh_data() -> Iterator[None]:
    reload_reference_data()
    yield
    reload_reference_data()


def _admin_copy(home: Path, name: str, change: dict[str, object]) -> Path:
    data = json.loads((BUNDLED_DIR / name).read_text("utf-8"))
    data.update(change)
    path = home / "reference" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_damaged_reference_data_stops_the_letter_naming_the_file_and_every_check(
    pa_letter_home: Path,
) -> None:
    path = _admin_copy(pa_letter_home, "compendia.json", {"bogus": 1})
    findings = run_rules(RuleContext(make_case()))
    [stopped] = [f for f in findings if f.code == "reference.unreadable"]
    assert stopped.severity is Severity.ERROR
    assert str(path) in stopped.message and "field 'bogus'" in stopped.message
    assert "check_support" in stopped.message and "check_state_law_met" in stopped.message
    count = int(stopped.message.split(" so ", 1)[1].split()[0])
    assert count == stopped.message.count("check_") and count > 1
    assert "internal.rule_failed" not in [f.code for f in findings]


def test_every_failing_check_is_named_in_one_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    case = make_case({"patient.name": "Secret-Patient-Name"})

    def broken(context: RuleContext) -> list[object]:
        raise ValueError(context.case.patient.name)  # what a bug might quote

    for name in ("first_broken", "second_broken"):
        monkeypatch.setitem(engine.REGISTRY, name, Rule(
            f"tests.{name}", ("x.y",), "core", "nothing", "nowhere", broken))
    findings = run_rules(RuleContext(case))
    [failed] = [f for f in findings if f.code == "internal.rule_failed"]
    assert failed.severity is Severity.WARNING
    assert "2 checks" in failed.message
    assert "first_broken" in failed.message and "second_broken" in failed.message
    assert "Secret-Patient-Name" not in failed.message


def test_a_case_whose_checks_all_run_has_neither_finding(pa_letter_home: Path) -> None:
    codes = [f.code for f in run_rules(RuleContext(make_case()))]
    assert "reference.unreadable" not in codes and "internal.rule_failed" not in codes
