"""For Medicare Part B the MBI is the member ID: staff type it once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_parties import Payer
from tests.ui._editor_support import focused, make_editor


def _part_b() -> Case:
    return Case(letter=Letter(kind="preauth"), payer=Payer(plan_type="medicare_part_b"))


def test_typing_the_mbi_fills_the_member_id_for_part_b(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, _part_b())
    editor.focus_field("patient.mbi")
    qtbot.keyClicks(focused(), "1eg4-te5-mk73")
    case = editor.case()
    assert case.patient.mbi == "1EG4-TE5-MK73"
    assert case.payer.member_id == "1EG4-TE5-MK73"
    # And the other way round, while the two still agree.
    editor.focus_field("payer.member_id")
    member = focused()
    member.selectAll()
    qtbot.keyClicks(member, "2AB3CD4EF56")
    assert editor.case().patient.mbi == "2AB3CD4EF56"


def test_a_different_member_id_typed_on_purpose_is_left_alone(qtbot: QtBot) -> None:
    case = _part_b()
    editor = make_editor(qtbot, case.model_copy(update={
        "payer": case.payer.model_copy(update={"member_id": "PLAN-778"})}))
    editor.focus_field("patient.mbi")
    qtbot.keyClicks(focused(), "1EG4TE5MK73")
    assert editor.case().payer.member_id == "PLAN-778"


def test_other_plans_keep_the_two_numbers_apart(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, Case(payer=Payer(plan_type="medicare_advantage")))
    editor.focus_field("patient.mbi")
    qtbot.keyClicks(focused(), "1EG4TE5MK73")
    assert editor.case().payer.member_id == ""


def test_choosing_part_b_copies_a_number_typed_before(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, Case())
    editor.focus_field("patient.mbi")
    qtbot.keyClicks(focused(), "1EG4TE5MK73")
    editor.forms["payer"].fields["plan_type"].set_value("medicare_part_b")
    assert editor.case().payer.member_id == "1EG4TE5MK73"
