"""Two desks on one PostgreSQL database edit the same case: the second sees the conflict, merges.

Each window has its own connection to the test server, as two workstations would.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QRadioButton

from desktop_app.services.cases import open_case_store
from desktop_app.ui.conflict_dialog import ConflictDialog
from tests.ui.conftest import type_text
from tests.unit.storage.sample import sample_case


@pytest.fixture
def shared_store(postgres_url: str, monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> Any:
    monkeypatch.setenv("PA_LETTER_DB_URL", postgres_url)
    store = open_case_store()
    desks: list[Any] = []
    store.desks = desks
    yield store
    # The test's database is dropped next: no window of this test may refresh from it later.
    # make_window has closed and destroyed the windows by now; their stores are closed here.
    for window in desks:
        if shiboken6.isValid(window):
            window._list_timer.stop()
            window.close()
        window.store.close()
    qtbot.wait(10)


def _type_into(window: Any, field: str, text: str, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    window.page.editor.focus_field(field)
    box = QApplication.focusWidget()
    if hasattr(box, "lineEdit"):  # an editable drop-down (route, frequency) types in its line
        box = box.lineEdit()
    box.selectAll()
    type_text(box, text)


def _two_desks(shared_store: Any, make_window: Any) -> tuple[Any, Any, str]:
    case_id = shared_store.create_case(sample_case()).id
    front_desk, infusion = make_window(shared_store), make_window(open_case_store())
    shared_store.desks += [front_desk, infusion]
    for window in (front_desk, infusion):
        window.open_case(case_id)
    return front_desk, infusion, case_id


def _conflict_dialog(window: Any) -> ConflictDialog:
    window.page.banner.button("Compare and merge…").click()
    dialog = window.page.outcomes.conflict_dialog
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    return dialog


def _rows(dialog: ConflictDialog) -> dict[str, tuple[str, str, str]]:
    table = dialog.table
    return {
        table.item(r, 0).text(): tuple(table.item(r, c).text() for c in (1, 2, 3))  # type: ignore[misc]
        for r in range(table.rowCount())
    }


def test_the_second_desk_sees_both_values_and_merges_field_by_field(
    shared_store: Any, make_window: Any, qtbot: Any, pa_letter_home: Any
) -> None:
    front_desk, infusion, case_id = _two_desks(shared_store, make_window)
    _type_into(front_desk, "patient.phone", "207-555-0101", qtbot)
    _type_into(front_desk, "drug.frequency", "every 6 weeks", qtbot)
    assert front_desk.page.flush()

    _type_into(infusion, "patient.phone", "207-555-0202", qtbot)
    _type_into(infusion, "drug.route", "subcutaneous", qtbot)
    assert not infusion.page.flush()
    banner = infusion.page.banner
    assert banner.isVisible() and "another window" in banner.text.text()
    assert "Patient › phone" in banner.text.text()  # the banner already names their fields

    dialog = _conflict_dialog(infusion)
    rows = _rows(dialog)
    assert rows["Patient › phone"] == ("207-555-0101", "207-555-0202", "Both: choose")
    assert rows["Regimen › frequency"][0] == "every 6 weeks"
    assert rows["Regimen › route"][1:] == ("subcutaneous", "You (kept)")
    theirs_radio = next(
        b for b in dialog.findChildren(QRadioButton)
        if b.accessibleName() == "Theirs for Patient › phone"
    )
    theirs_radio.click()
    dialog.merge_button.click()

    saved = shared_store.get_case(case_id).case
    assert saved.patient.phone == "207-555-0101"  # chosen: theirs
    assert saved.drug.frequency == "every 6 weeks"  # only they changed it
    assert saved.drug.route == "subcutaneous"  # only I changed it
    assert infusion.page.current_case().drug.route == "subcutaneous"
    assert not banner.isVisible()
    # The phone number typed here and left out of the merge is kept, not thrown away.
    [kept] = (pa_letter_home / "recovery").glob(f"{case_id}.my-version-*.json")
    assert json.loads(kept.read_text("utf-8"))["case"]["patient"]["phone"] == "207-555-0202"
    _type_into(infusion, "patient.phone", "207-555-0303", qtbot)  # saving works again
    assert infusion.page.flush()


def test_keep_mine_saves_this_desks_version_and_keeps_theirs_in_a_file(
    shared_store: Any, make_window: Any, qtbot: Any, pa_letter_home: Any
) -> None:
    front_desk, infusion, case_id = _two_desks(shared_store, make_window)
    _type_into(front_desk, "patient.phone", "207-555-0101", qtbot)
    assert front_desk.page.flush()
    _type_into(infusion, "patient.phone", "207-555-0202", qtbot)
    assert not infusion.page.flush()
    _conflict_dialog(infusion).mine_button.click()
    assert shared_store.get_case(case_id).case.patient.phone == "207-555-0202"
    [kept] = (pa_letter_home / "recovery").glob(f"{case_id}.their-version-*.json")
    assert "207-555-0101" in kept.read_text("utf-8")


def test_take_theirs_opens_their_version_and_keeps_my_typing_in_a_file(
    shared_store: Any, make_window: Any, qtbot: Any, pa_letter_home: Any
) -> None:
    front_desk, infusion, case_id = _two_desks(shared_store, make_window)
    _type_into(front_desk, "patient.phone", "207-555-0101", qtbot)
    assert front_desk.page.flush()
    _type_into(infusion, "patient.phone", "<b>207</b> {{x}}", qtbot)
    assert not infusion.page.flush()
    dialog = _conflict_dialog(infusion)
    assert _rows(dialog)["Patient › phone"][1] == "<b>207</b> {{x}}"  # text, never markup
    dialog.theirs_button.click()
    assert infusion.page.current_case().patient.phone == "207-555-0101"
    [kept] = (pa_letter_home / "recovery").glob(f"{case_id}.my-version-*.json")
    assert "<b>207</b> {{x}}" in kept.read_text("utf-8")
