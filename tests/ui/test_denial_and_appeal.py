"""Marking a request denied asks for the denial and opens its appeal on the Denial section;
one appeal per denial; the list shows each appeal under its request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.casefile import load_case
from desktop_app.ui.case_list import APPEAL_MARK, CASE_ID_ROLE, COL_DRUG, COL_KIND, COL_PATIENT
from tests.ui.conftest import click_in_next_dialog

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-part-b-preauth.json"


def _sent_request(store: Any) -> Any:
    stored = store.create_case(load_case(EXAMPLE))
    for status in ("ready_for_signature", "signed", "sent"):
        store.set_status(stored.id, status)
    return stored


def _open(window: Any, qtbot: QtBot, case_id: str) -> None:
    window.load_cases()
    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.page.case_id == case_id)


def _fill_denial(letter: Path) -> Any:
    def fill(dialog: QWidget) -> None:
        dialog.date.line.setText("11/20/2026")
        dialog.reference.setText("RD-2026-55812")
        for reason in ("Not medically necessary.", "Experimental for this use."):
            dialog.reasons.add_button.click()  # the one denial dialog lists reasons row by row
            dialog.reasons.rows[-1].text.setPlainText(reason)
        dialog.letter.line.setText(str(letter))
    return fill


def test_marking_denied_asks_for_the_denial_and_opens_the_appeal(
    store: Any, make_window: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    letter = tmp_path / "denial.pdf"
    letter.write_bytes(b"%PDF-1.4 denial")
    request = _sent_request(store)
    window = make_window(store)
    _open(window, qtbot, request.id)
    seen = click_in_next_dialog("Start the &appeal", _fill_denial(letter))
    assert window.page.workflow.move_to("denied")
    assert seen.get("clicked") == "Start the appeal"
    assert store.get_case(request.id).status == "denied"
    qtbot.waitUntil(lambda: window.page.case_id != request.id)
    appeal = store.get_case(window.page.case_id)
    assert appeal.parent_case_id == request.id and appeal.case.letter.kind == "appeal"
    denial = appeal.case.denial
    assert denial is not None
    assert (denial.date, denial.reference_number) == (dt.date(2026, 11, 20), "RD-2026-55812")
    assert denial.level == "redetermination"  # Medicare Part B's first level
    assert [(r.category, r.text) for r in denial.reasons or []] == [
        ("not_medically_necessary", "Not medically necessary."),
        ("experimental", "Experimental for this use.")]  # answered one by one
    assert appeal.case.attachments[-1].path == str(letter)
    assert window.page.editor.current_section() == "denial"  # where staff go on from here


def test_a_missing_denial_letter_file_is_named_and_nothing_changes(
    store: Any, make_window: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    request = _sent_request(store)
    window = make_window(store)
    _open(window, qtbot, request.id)
    messages: list[str] = []

    def fill(dialog: QWidget) -> None:
        _fill_denial(tmp_path / "nowhere.pdf")(dialog)
        dialog.appeal_button.click()  # refused: the file is not there
        messages.append(dialog.problem.text())

    click_in_next_dialog("Cancel", fill)
    assert not window.page.workflow.move_to("denied")
    assert "cannot be found" in messages[0]
    assert store.get_case(request.id).status == "sent"


def test_appeal_this_denial_opens_the_existing_appeal(
    store: Any, make_window: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    letter = tmp_path / "denial.pdf"
    letter.write_bytes(b"%PDF-1.4")
    request = _sent_request(store)
    window = make_window(store)
    _open(window, qtbot, request.id)
    click_in_next_dialog("Start the &appeal", _fill_denial(letter))
    window.page.workflow.move_to("denied")
    qtbot.waitUntil(lambda: window.page.case_id != request.id)
    first_appeal = window.page.case_id
    _open(window, qtbot, request.id)
    for _ in range(2):  # staff press it twice: still one appeal
        seen = click_in_next_dialog("Open the appeal")
        window.page.workflow.appeal()
        assert seen.get("clicked") == "Open the appeal"
        qtbot.waitUntil(lambda: window.page.case_id == first_appeal)
        _open(window, qtbot, request.id)
    appeals = [s for s in store.list_cases() if s.parent_case_id == request.id]
    assert len(appeals) == 1
    click_in_next_dialog("Start a second appeal")
    window.page.workflow.appeal()
    qtbot.waitUntil(lambda: window.page.case_id not in (request.id, first_appeal))
    assert len([s for s in store.list_cases() if s.parent_case_id == request.id]) == 2


def test_the_list_shows_letter_kind_and_drug_and_the_appeal_under_its_request(
    store: Any, make_window: Any, qtbot: QtBot
) -> None:
    from desktop_app.services.denials import DenialEntry, mark_denied

    request = _sent_request(store)
    other = store.create_case(load_case(EXAMPLE))  # newer, so sorted before the request
    appeal = mark_denied(store, request.id, DenialEntry(reference_number="R1"))
    store.save_case(other.id, other.case, other.revision)  # the newest change of all
    window = make_window(store)
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: window.width() == 1400)
    window.fit_list_width()
    proxy = window.list_pane.proxy
    names = [proxy.index(r, COL_PATIENT).data() for r in range(proxy.rowCount())]
    assert sum(name.startswith(APPEAL_MARK) for name in names) == 1
    order = [proxy.index(r, 0).data(CASE_ID_ROLE) for r in range(proxy.rowCount())]
    assert order.index(appeal.id) == order.index(request.id) + 1
    row = order.index(appeal.id)
    assert proxy.index(row, COL_KIND).data() == "Appeal"
    assert proxy.index(order.index(request.id), COL_KIND).data() == "Prior auth"
    assert proxy.index(row, COL_DRUG).data() == "gemcitabine"
    table = window.list_pane.table
    right = table.columnViewportPosition(COL_DRUG) + table.columnWidth(COL_DRUG)
    assert right <= table.viewport().width()  # on screen without scrolling sideways


def test_mark_denied_and_read_denial_letter_open_the_same_dialog(
    store: Any, make_window: Any, qtbot: QtBot
) -> None:
    from desktop_app.ui.denial_dialog import DenialDialog

    request = _sent_request(store)
    window = make_window(store)
    _open(window, qtbot, request.id)
    seen: list[tuple[type, list[str], str]] = []

    def look(dialog: QWidget) -> None:
        form = dialog.form  # type: ignore[attr-defined]
        seen.append((type(dialog), [row.name for row in form.rows],
                     dialog.paste.accessibleName()))  # type: ignore[attr-defined]

    click_in_next_dialog("Cancel", look)
    assert not window.page.workflow.move_to("denied")  # the front desk's Mark denied
    draft = store.create_case(load_case(EXAMPLE))  # an appeal being written: not locked
    _open(window, qtbot, draft.id)
    click_in_next_dialog("Cancel", look)
    window.records.read_denial.trigger()  # Appeals' Read denial letter…
    assert len(seen) == 2 and seen[0] == seen[1]
    assert seen[0][0] is DenialDialog
    assert seen[0][1] == ["Denial date", "Claim or authorization number", "Plan", "Plan type",
                          "Appeal level", "Appeal by (as the letter states)", "Criteria cited",
                          "Stated reasons"]
    assert store.get_case(request.id).status == "sent"  # both cancelled: nothing changed


def test_a_letter_read_while_marking_denied_fills_the_appeal(
    store: Any, make_window: Any, qtbot: QtBot
) -> None:
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "denials" / "01-medicare-advantage-part-b-drug.txt").read_text("utf-8")
    request = _sent_request(store)
    window = make_window(store)
    _open(window, qtbot, request.id)

    def read_and_confirm(dialog: Any) -> None:
        dialog.back.click()  # to the letter
        dialog.paste.setPlainText(text)
        dialog.read_button.click()
        assert not dialog.appeal_button.isEnabled()  # nothing saved as the app guessed it
        for row in dialog.form.rows:
            row.confirmed.setChecked(True)

    seen = click_in_next_dialog("Start the &appeal", read_and_confirm)
    assert window.page.workflow.move_to("denied")
    assert seen.get("clicked") == "Start the appeal"
    qtbot.waitUntil(lambda: window.page.case_id != request.id)
    appeal = store.get_case(window.page.case_id)
    denial = appeal.case.denial
    assert denial.reference_number == "OD-2026-118734"
    assert denial.stated_deadline == dt.date(2027, 1, 13)
    assert [r.category for r in denial.reasons] == ["not_medically_necessary",
                                                    "not_in_compendia"]
    assert Path(appeal.case.attachments[-1].path).read_text("utf-8") == text
