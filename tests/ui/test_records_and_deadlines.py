"""Calls, approvals, the Deadlines view, the notice on start and the one-key brief."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.domain.casefile import parse_case
from desktop_app.services.brief import brief_pdf
from desktop_app.ui.brief_print import print_pdf
from tests.conftest import EXAMPLES
from tests.ui.conftest import click_in_next_dialog, type_text
from tests.unit.export import probes


def _case(store: Any, name: str = "commercial-appeal.json", **top: Any) -> Any:
    data = json.loads((EXAMPLES / name).read_text("utf-8"))
    data.update(top)
    return store.create_case(parse_case(data))


def test_a_call_is_logged_on_a_signed_case_and_the_appeal_cites_it(
    window: Any, store: Any, qtbot: Any
) -> None:
    stored = _case(store)
    for status in ("ready_for_signature", "signed"):
        store.set_status(stored.id, status)
    window.load_cases()
    window.open_case(stored.id)

    def fill(dialog: Any) -> None:
        dialog.when.setDateTime(QDateTime(2026, 11, 14, 10, 30, 0))
        type_text(dialog.who, "Dana R., provider services")
        type_text(dialog.reference, "55-1234")
        dialog.summary.setPlainText("The appeal was received and is in clinical review.")

    seen = click_in_next_dialog("Log the call", fill)
    window.records.log_call.trigger()
    assert seen.get("clicked") == "Log the call"
    qtbot.waitUntil(lambda: bool(window.page.stored.case.call_log))
    call = store.get_case(stored.id).case.call_log[0]
    assert call.at == dt.datetime(2026, 11, 14, 10, 30) and call.reference_number == "55-1234"
    assert store.get_case(stored.id).locked  # the signed version is untouched
    from desktop_app.services.render import render_letter

    letter = render_letter(store.get_case(stored.id).case, fmt="pdf", override_reason="t")
    text = " ".join(probes.normalize(p) for p in probes.pdf_pages(letter.data))
    assert "On November 14, 2026 at 10:30 AM, your representative Dana R., provider services " \
        "(call reference 55-1234) spoke with our office." in text


def test_a_call_needs_who_and_what(window: Any, store: Any) -> None:
    stored = _case(store)
    window.load_cases()
    window.open_case(stored.id)
    said: list[str] = []

    def try_empty(dialog: Any) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        said.append(dialog.problem.text())
        said.append("open" if dialog.isVisible() else "closed")

    seen = click_in_next_dialog("Cancel", try_empty)
    window.records.log_call.trigger()
    assert seen.get("clicked") == "Cancel"
    assert said == ["Say whom you spoke with and what was said.", "open"]
    assert store.get_case(stored.id).case.call_log is None


def test_an_approval_is_recorded_and_its_renewal_listed(
    window: Any, store: Any, qtbot: Any
) -> None:
    stored = _case(store, "part-d-request.json")
    for status in ("ready_for_signature", "signed", "sent", "approved"):
        store.set_status(stored.id, status)
    window.load_cases()
    window.open_case(stored.id)
    assert window.records.approval.isEnabled()

    def fill(dialog: Any) -> None:
        type_text(dialog.number, "PA-2026-7781")
        type_text(dialog.units, "120 capsules per 30 days")
        dialog.start.set_value(dt.date(2026, 12, 1))
        dialog.end.set_value(dt.date(2027, 5, 31))

    click_in_next_dialog("Record the approval", fill)
    window.records.record_approval()
    qtbot.waitUntil(lambda: window.page.stored.case.approval is not None)
    assert "05/01/2027" in window.statusBar().currentMessage()
    window.records.show_deadlines()
    view = window.records.deadlines_view
    rows = [view.table.item(r, 2).text() for r in range(view.table.rowCount())]
    assert "Approval ends (authorization PA-2026-7781): request the renewal" in rows


def test_the_deadlines_view_lists_soonest_first_and_enter_opens_the_case(
    window: Any, store: Any, qtbot: Any, tmp_path: Path
) -> None:
    later = _case(store)  # internal appeal, due 2027-04-18
    sooner = _case(store, "expedited-appeal.json")
    window.load_cases()
    window.records.show_deadlines()
    view = window.records.deadlines_view
    dues = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert dues == sorted(dues) and len(dues) == 2
    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.page.case_id == later.id
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.page.case_id == sooner.id
    target = view.export_calendar(tmp_path / "deadlines.ics")
    assert target is not None and b"BEGIN:VEVENT" in target.read_bytes()


def test_on_start_the_app_says_what_is_due_within_7_days(window: Any, store: Any) -> None:
    stored = _case(store, "expedited-appeal.json")  # MA reconsideration, due 2027-01-24
    due = next(iter(window.records.due_soon_text(dt.date(2027, 1, 20)).split(":")))
    assert due == "1 thing due within 7 days"
    text = window.records.announce_due_soon(dt.date(2027, 1, 20))
    assert window.notice.isVisible() and window.notice.text.text() == text
    assert "Rosa Delgado-Ibarra" in text and "in 4 days" in text
    assert window.notice.text.textFormat() == Qt.TextFormat.PlainText
    window.notice.button("Open Deadlines").click()
    assert window.records.deadlines_view.isVisible()
    assert stored.id in [d.case_ref for d in window.records.deadlines_view.report.deadlines]
    window.notice.dismiss()
    assert window.records.announce_due_soon(dt.date(2026, 12, 1)) == ""
    assert not window.notice.isVisible()


def test_a_full_start_reads_the_notice_off_the_gui_thread_and_then_shows_it(
    window: Any, store: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from desktop_app.services import deadlines
    from desktop_app.ui.workers import wait_for_tasks

    ends = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    _case(store, "commercial-preauth.json",
          approval={"authorization_number": "AUTH-31", "end": ends})
    readers: list[bool] = []
    original = deadlines.deadlines_from_store

    def reading(opened: Any) -> Any:
        readers.append(threading.current_thread() is threading.main_thread())
        return original(opened)

    monkeypatch.setattr(deadlines, "deadlines_from_store", reading)
    window.records.announce_from_store()  # as app.main does after a full start
    assert not window.notice.isVisible()  # returns at once; the window is usable meanwhile
    qtbot.waitUntil(window.notice.isVisible, timeout=10_000)
    assert readers == [False]
    assert "Approval ends (authorization AUTH-31)" in window.notice.text.text()
    assert wait_for_tasks(5000, reads=True)


def test_the_brief_prints_in_one_keystroke(
    window: Any, store: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    stored = _case(store)
    window.load_cases()
    window.open_case(stored.id)
    assert window.records.brief.shortcut().toString() == "Ctrl+Shift+B"
    printed: dict[str, Any] = {}

    def to_file(data: bytes, _parent: Any, title: str) -> bool:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printed["pages"] = print_pdf(data, printer)
        printed["title"] = title
        return True

    monkeypatch.setattr("desktop_app.ui.brief_print.print_with_dialog", to_file)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_B,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "pages" in printed)
    assert printed == {"pages": 1, "title": "Peer-to-peer brief"}
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    assert "sent to the printer" in window.statusBar().currentMessage()


def test_the_brief_prints_even_while_the_appeal_has_errors(store: Any) -> None:
    data = json.loads((EXAMPLES / "medicare-draft-needs-work.json").read_text("utf-8"))
    pages = probes.pdf_pages(brief_pdf(parse_case(data)))
    assert len(pages) == 1 and "Peer-to-peer brief" in probes.normalize(pages[0])
