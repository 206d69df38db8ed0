"""Reference data files load, validate, and an admin's copy replaces the bundled one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.errors import StorageError
from desktop_app.knowledge import (
    anticancer,
    appeal_windows,
    benefits,
    compendia,
    coverage,
    decision_timeframes,
    denial_answers,
    federal_holidays,
    hidden,
    journals,
    medicare_contractors,
    printable,
    publication_types,
    state_laws,
)
from desktop_app.knowledge.reference import BUNDLED_DIR, reload_reference_data

LOADERS = {
    "compendia.json": compendia.compendia_data,
    "coverage_standards.json": coverage.coverage_data,
    "cms_journals.json": journals.journal_list,
    "state_laws.json": state_laws.state_law_data,
    "appeal_windows.json": appeal_windows.appeal_window_data,
    "pdf_characters.json": printable.printable_data,
    "anticancer_uses.json": anticancer.anticancer_data,
    "decision_timeframes.json": decision_timeframes.timeframe_data,
    "part_b_oral_anticancer.json": benefits.oral_anticancer_list,
    "publication_types.json": publication_types.publication_type_rules,
    "hidden_characters.json": hidden.hidden_data,
    "denial_answers.json": denial_answers.denial_answer_data,
    "step_therapy_laws.json": denial_answers.step_therapy_data,
    "medicare_contractors.json": medicare_contractors.contractor_data,
    "federal_holidays.json": federal_holidays.federal_holiday_rules,
}


@pytest.fixture(autouse=True)
def fresh_data() -> Iterator[None]:
    reload_reference_data()
    yield
    reload_reference_data()


def test_every_bundled_file_has_a_loader() -> None:
    assert sorted(p.name for p in BUNDLED_DIR.glob("*.json")) == sorted(LOADERS)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_bundled_file_loads_and_says_what_it_is(name: str) -> None:
    data = LOADERS[name]()
    assert data.about.strip()  # type: ignore[attr-defined]


def test_data_is_read_once() -> None:
    assert compendia.compendia_data() is compendia.compendia_data()


def _override(home: Path, name: str, content: str) -> None:
    folder = home / "reference"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(content, encoding="utf-8")


def test_admin_copy_replaces_bundled_data(pa_letter_home: Path) -> None:
    data = json.loads((BUNDLED_DIR / "appeal_windows.json").read_text(encoding="utf-8"))
    data["plans"]["medicare_advantage"]["levels"]["reconsideration"]["days"] = 65
    _override(pa_letter_home, "appeal_windows.json", json.dumps(data))
    reload_reference_data()
    window = appeal_windows.appeal_window("medicare_advantage")
    assert window is not None
    assert window.days == 65


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("not json", None),
        ('{"about": "", "plans": {"medicaid": {"default_level": "x", "levels": {}}}}', "plans"),
        ('{"about": "", "plans": {}, "surprise": 1}', "surprise"),
    ],
)
def test_damaged_admin_copy_is_reported_with_file_name(
    pa_letter_home: Path, content: str, field: str | None
) -> None:
    _override(pa_letter_home, "appeal_windows.json", content)
    reload_reference_data()
    with pytest.raises(StorageError) as caught:
        appeal_windows.appeal_window_data()
    message = str(caught.value)
    assert "appeal_windows.json" in message
    assert "damaged" in message
    if field:
        assert field in message
    assert "\n" not in message


def test_reference_entries_carry_source_and_effective_date() -> None:
    for law in state_laws.state_law_data().states.values():
        assert law.source and law.effective
    for plan in appeal_windows.appeal_window_data().plans.values():
        for window in plan.levels.values():
            assert window.source and window.effective
    for entry in coverage.coverage_data().plans.values():
        assert entry.source and entry.effective and (entry.legal_basis or entry.claims_procedure)
    for standard in compendia.compendia_data().support_standards.values():
        assert standard.source and standard.effective


def test_configurable_defaults_are_marked_unverified() -> None:
    standards = compendia.compendia_data().support_standards
    assert standards["medicare"].verified
    assert not standards["commercial_default"].verified
    assert "CONFIGURABLE DEFAULT" in standards["commercial_default"].note
    assert not standards["medicaid_default"].verified
    ma = appeal_windows.appeal_window("medicare_advantage")
    assert ma is not None
    assert ma.verified  # 42 CFR 422.582(b): 65 days, confirmed in the 2026-12 review
    second = appeal_windows.appeal_window("commercial_fully_insured", "second")
    assert second is not None
    assert not second.verified  # plan terms: no regulation sets it
