"""A start on a data folder used before: the list and the deadlines notice come straight from
the file, and the database opens the first time staff open a case, with nothing lost."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.case_records import Approval
from desktop_app.services.backups import daily_backup_if_due
from desktop_app.services.cases import open_case_store
from desktop_app.services.deadlines import deadlines_from_store
from desktop_app.services.first_screen import StoreOnFirstUse, first_screen
from desktop_app.ui import workers
from desktop_app.ui.case_list import COL_PATIENT
from desktop_app.ui.first_run import load_examples_if_first_run
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workers import wait_for_tasks
from tests.ui.conftest import type_text
from tests.unit.storage.sample import sample_case


@pytest.fixture
def used_before(pa_letter_home: Path) -> None:
    """Yesterday's office: examples offered, today's backup already taken."""
    store = open_case_store()
    load_examples_if_first_run(store)
    daily_backup_if_due(store.database)
    store.close()


@pytest.fixture
def quick_window(used_before: None, qtbot: Any) -> Iterator[tuple[Any, Any]]:
    first = first_screen()
    assert first is not None
    store = StoreOnFirstUse()
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.load_cases(first.summaries)  # as app.main does
    window.records.announce_when_read(first.read_deadlines)
    qtbot.waitUntil(lambda: not workers.running_tasks(), timeout=10_000)  # the notice is read
    yield window, store
    window.close()
    wait_for_tasks(5000, reads=True)
    store.close()


def _names(window: Any) -> list[str]:
    proxy = window.list_pane.proxy
    return [proxy.index(row, COL_PATIENT).data() for row in range(proxy.rowCount())]


def test_the_first_screen_shows_the_stored_list_and_due_dates_before_opening_the_database(
    quick_window: tuple[Any, Any],
) -> None:
    window, store = quick_window
    assert not store.opened
    full = open_case_store()
    try:
        assert _names(window) == [s.patient_name for s in full.list_cases()]
        expected = window.records.due_soon_text(report=deadlines_from_store(full))
    finally:
        full.close()
    assert not store.opened
    assert window.notice.isVisible() == bool(expected)
    if expected:
        assert window.notice.text.text() == expected


def test_opening_a_case_opens_the_database_and_typing_is_saved(
    quick_window: tuple[Any, Any], qtbot: Any
) -> None:
    window, store = quick_window
    window.list_pane.table.selectRow(0)
    qtbot.waitUntil(lambda: window.page.stored is not None)
    assert store.opened
    chosen = window.page.stored.id
    window.page.editor.focus_field("patient.name")
    field = window.page.editor.forms["patient"].fields["name"]
    field.selectAll()
    type_text(field, "Walter Sousa")
    assert window.page.flush()
    window.load_cases()
    assert "Walter Sousa" in _names(window)
    again = open_case_store()
    try:
        assert again.get_case(chosen).case.patient.name == "Walter Sousa"
    finally:
        again.close()


def test_a_renewal_due_this_week_is_announced_after_the_list_is_shown(
    pa_letter_home: Path, qtbot: Any
) -> None:
    store = open_case_store()
    load_examples_if_first_run(store)
    ends = dt.date.today() + dt.timedelta(days=3)
    case = sample_case("Priya Ramanathan").model_copy(
        update={"approval": Approval(authorization_number="AUTH-77", end=ends)})
    store.create_case(case)
    daily_backup_if_due(store.database)
    store.close()
    first = first_screen()
    assert first is not None, "a folder used before starts the quick way"
    window = MainWindow(StoreOnFirstUse())
    qtbot.addWidget(window)
    window.show()
    window.load_cases(first.summaries)
    window.records.announce_when_read(first.read_deadlines)
    assert "Priya Ramanathan" in _names(window)  # listed before the notice is read
    qtbot.waitUntil(window.notice.isVisible, timeout=10_000)
    text = window.notice.text.text()
    assert text.startswith("1 thing due within 7 days: Approval ends (authorization AUTH-77)")
    assert "Priya Ramanathan (in 3 days)" in text
    window.close()
    wait_for_tasks(5000, reads=True)


def test_quitting_does_not_wait_for_the_notice_but_waits_for_work_that_saves(
    qapp: Any, qtbot: Any
) -> None:
    release = threading.Event()
    notices: list[str] = []
    saved: list[str] = []
    # A read that would take 30 s: quitting says work is left running instead of waiting.
    workers.start_task(lambda: release.wait(30) and "notice", notices.append, lambda _e: None,
                       wait_at_quit=False)
    workers.start_task(lambda: "saved", saved.append, lambda _e: None)
    assert workers.finish_all_tasks(60_000) is False
    assert saved == ["saved"]  # ordinary work is still waited for and delivered
    release.set()
    assert wait_for_tasks(10_000, reads=True)
    qtbot.waitUntil(lambda: notices == ["notice"], timeout=10_000)
    assert workers.finish_all_tasks(1000) is True  # nothing left running
