"""The category map: every category answered by named parts of the case, each with a source."""

from __future__ import annotations

import json

import pytest

from desktop_app.errors import StorageError
from desktop_app.knowledge.denial_answers import (
    CATEGORIES,
    category_answer,
    denial_answer_data,
    notice_rule,
    step_therapy_law,
)
from desktop_app.knowledge.reference import BUNDLED_DIR, reload_reference_data


def test_every_category_has_an_entry_with_a_source_and_a_heading() -> None:
    data = denial_answer_data()
    assert set(data.categories) == set(CATEGORIES) and len(CATEGORIES) == 9
    for entry in data.categories.values():
        assert entry.source and entry.heading and entry.what_to_add
        assert set(entry.needs_one_of) <= set(entry.answered_by)
        assert entry.verified or entry.note, "an unverified entry says what was not read"


@pytest.mark.parametrize(
    ("category", "parts"),
    [
        ("experimental", {"compendium", "coverage_standard"}),
        ("not_medically_necessary", {"clinical_history", "prior_therapies",
                                     "trial_population_match"}),
        ("step_therapy", {"prior_therapies", "step_therapy_law"}),
        ("missing_information", {"enclosures"}),
    ],
)
def test_the_issue_s_mapping_is_kept(category: str, parts: set[str]) -> None:
    assert parts <= set(category_answer(category).answered_by)


def test_an_unknown_category_reads_as_other() -> None:
    assert category_answer("bogus") is category_answer("other")
    assert category_answer(None) is category_answer("other")


def test_notice_rules_cite_the_regulations_that_require_specific_reasons() -> None:
    assert "2560.503-1(g)" in notice_rule("commercial_self_funded").source  # type: ignore[union-attr]
    assert "422.568(e)" in notice_rule("medicare_advantage").source  # type: ignore[union-attr]
    assert "423.568" in notice_rule("medicare_part_d").source  # type: ignore[union-attr]
    assert notice_rule("nonsense") is None


def test_step_therapy_law_follows_plan_type_and_state() -> None:
    texas = step_therapy_law("commercial_fully_insured", " tx ")
    assert texas is not None and "1369.0546" in texas.citation and texas.verified
    assert step_therapy_law("commercial_self_funded", "TX") is None  # ERISA §514
    part_d = step_therapy_law("medicare_part_d", None)
    assert part_d is not None and "423.578(b)" in part_d.citation
    assert step_therapy_law("commercial_fully_insured", "ZZ") is None


def test_a_damaged_admin_copy_is_reported_with_its_field() -> None:
    from desktop_app.storage.paths import data_home

    folder = data_home() / "reference"
    folder.mkdir(exist_ok=True)
    data = json.loads((BUNDLED_DIR / "denial_answers.json").read_text("utf-8"))
    data["categories"]["experimental"]["phrases"] = ["(unclosed"]
    (folder / "denial_answers.json").write_text(json.dumps(data), "utf-8")
    reload_reference_data()
    try:
        with pytest.raises(StorageError) as caught:
            denial_answer_data()
        assert "categories.experimental.phrases" in str(caught.value)
    finally:
        (folder / "denial_answers.json").unlink()
        reload_reference_data()


def test_an_admin_copy_saved_with_a_byte_order_mark_is_used() -> None:
    # Notepad's "UTF-8" starts with EF BB BF; the copy was once "damaged at line 1 column 1".
    from desktop_app.storage.paths import data_home

    folder = data_home() / "reference"
    folder.mkdir(exist_ok=True)
    data = json.loads((BUNDLED_DIR / "denial_answers.json").read_text("utf-8"))
    data["categories"]["experimental"]["phrases"].append("not yet proven by the plan")
    (folder / "denial_answers.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    reload_reference_data()
    try:
        phrases = denial_answer_data().categories["experimental"].phrases
        assert "not yet proven by the plan" in phrases
    finally:
        (folder / "denial_answers.json").unlink()
        reload_reference_data()
