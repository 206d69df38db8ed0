"""Two desks edit one case: what each changed, both values, and a merge that loses no typing."""

from __future__ import annotations

import json
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.case import Case
from desktop_app.services import edit_conflicts as ec
from desktop_app.services.cases import EditConflict, open_case_store
from tests.unit.storage.sample import sample_case


def _edited(**changes: str) -> Case:
    case = sample_case()
    for dotted, value in changes.items():
        section, field = dotted.split("__")
        setattr(getattr(case, section), field, value)
    return case


def test_a_field_only_the_other_desk_changed_is_taken_without_asking() -> None:
    base = sample_case()
    mine = _edited(drug__route="subcutaneous")
    theirs = _edited(drug__frequency="every 6 weeks")
    changes = {c.dotted: c.changed_by for c in ec.field_changes(base, mine, theirs)}
    assert changes == {"drug.route": "mine", "drug.frequency": "theirs"}
    merged = ec.merge_cases(base, mine, theirs)
    assert merged.case.drug.route == "subcutaneous"
    assert merged.case.drug.frequency == "every 6 weeks"
    assert merged.left_out == ()


def test_a_field_both_desks_changed_shows_both_values_and_follows_the_choice() -> None:
    base = sample_case()
    mine = _edited(off_label__rationale="Mine: the tumor expresses PD-L1.")
    theirs = _edited(off_label__rationale="Theirs: NCCN lists it as 2A.")
    [change] = ec.field_changes(base, mine, theirs)
    assert change.dotted == "off_label.rationale" and change.changed_by == "both"
    assert (change.mine, change.theirs) == (
        "Mine: the tumor expresses PD-L1.",
        "Theirs: NCCN lists it as 2A.",
    )
    assert change.base == "Fictional rationale for tests."
    kept = ec.merge_cases(base, mine, theirs, {"off_label.rationale": "mine"})
    assert kept.case.off_label.rationale.startswith("Mine") and kept.left_out == ()
    taken = ec.merge_cases(base, mine, theirs, {"off_label.rationale": "theirs"})
    assert taken.case.off_label.rationale.startswith("Theirs")
    assert [c.dotted for c in taken.left_out] == ["off_label.rationale"]


def test_an_unanswered_conflict_keeps_what_this_desk_typed() -> None:
    base = sample_case()
    mine = _edited(patient__name="Zoë Typed-Here")
    theirs = _edited(patient__name="Zoë Typed-There")
    assert ec.merge_cases(base, mine, theirs).case.patient.name == "Zoë Typed-Here"


def test_evidence_rows_compare_field_by_field_and_an_added_row_is_one_change() -> None:
    base = sample_case()
    mine = sample_case()
    mine.evidence[1].title = "A fictional trial, updated"  # type: ignore[union-attr]
    theirs = sample_case()
    theirs.evidence[1].year = 2025  # type: ignore[union-attr]
    assert {c.dotted for c in ec.field_changes(base, mine, theirs)} == {
        "evidence[1].title",
        "evidence[1].year",
    }
    grown = sample_case()
    grown.evidence.append(grown.evidence[1].model_copy(update={"pmid": "23456789"}))
    [change] = ec.field_changes(base, mine, grown)
    assert change.dotted == "evidence" and change.changed_by == "both"


def test_a_field_the_other_desk_cleared_is_cleared_in_the_merge() -> None:
    base = sample_case()
    theirs = sample_case()
    theirs.drug.frequency = None
    merged = ec.merge_cases(base, sample_case(), theirs)
    assert not merged.case.drug.frequency


def test_shown_values_are_the_text_as_typed_never_markup() -> None:
    assert ec.shown_value("<b>&amp; {{x}}") == "<b>&amp; {{x}}"
    assert ec.shown_value(None) == "(empty)"
    assert ec.shown_value(["a", "b"]) == "a\nb"


def test_my_version_is_kept_privately_under_the_case_id_only(pa_letter_home: object) -> None:
    mine = _edited(patient__name="Zoë Kept")
    path = ec.keep_my_version("3f1c2a9e-0000-4000-8000-000000000001", mine)
    assert path is not None and "Zoë" not in path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text("utf-8"))["case"]["patient"]["name"] == "Zoë Kept"
    assert ec.keep_my_version("../../etc/passwd", mine) is None


def test_a_second_desks_save_is_a_conflict_that_merges_and_saves() -> None:
    with open_case_store() as desk_a, open_case_store() as desk_b:
        opened = desk_a.create_case(sample_case())
        desk_b.save_case(opened.id, _edited(drug__frequency="every 6 weeks"), 1)
        mine = _edited(drug__route="subcutaneous")
        with pytest.raises(EditConflict) as raised:
            desk_a.save_case(opened.id, mine, opened.revision)
        theirs = raised.value.current
        merged = ec.merge_cases(opened.case, mine, theirs.case)
        saved = desk_a.save_case(opened.id, merged.case, theirs.revision)
        assert (saved.case.drug.route, saved.case.drug.frequency) == (
            "subcutaneous",
            "every 6 weeks",
        )


words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@settings(max_examples=40, deadline=None)
@given(mine_text=words, theirs_text=words, pick=st.sampled_from(["mine", "theirs"]))
def test_every_merge_holds_one_sides_text_for_every_field(
    mine_text: str, theirs_text: str, pick: ec.Choice
) -> None:
    base = sample_case()
    mine = _edited(drug__route=mine_text or "IV", drug__frequency=mine_text or "q3w")
    theirs = _edited(drug__route=theirs_text or "IV", payer__name=theirs_text or "Bluebird")
    merged = ec.merge_cases(base, mine, theirs, {"drug.route": pick})
    for change in ec.field_changes(base, mine, theirs):
        value = _at(merged.case, change.path)
        assert value in (change.mine, change.theirs)
        if change.changed_by != "both":
            assert value == (change.mine if change.changed_by == "mine" else change.theirs)
        elif value != change.mine:
            assert change in merged.left_out  # left out of the case, so kept in the file


def _at(case: Case, path: tuple[str | int, ...]) -> object:
    node: object = json.loads(case.model_dump_json(exclude_none=True))
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)  # type: ignore[call-overload]
        elif isinstance(node, list):
            node = node[part]  # type: ignore[index]
    return node
