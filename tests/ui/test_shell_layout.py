"""The main window at the size staff use (1440x900): what is readable without scrolling."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout

from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_parties import Patient
from desktop_app.ui.case_list import COL_DRUG, COL_DUE, COL_PATIENT, COL_STATUS
from desktop_app.ui.first_run import load_examples_if_first_run
from tests.ui.conftest import type_text

# The default window on a 1440x900 screen (main_window.py leaves room for the panel).
WINDOW = (1400, 860)


@pytest.fixture
def big_window(store: Any, make_window: Any, qtbot: Any) -> Any:
    load_examples_if_first_run(store)
    window = make_window(store)
    window.resize(*WINDOW)
    qtbot.waitUntil(lambda: window.width() == WINDOW[0])
    window.fit_list_width()
    return window


def _open(window: Any, qtbot: Any, patient_start: str) -> None:
    for summary in window.store.list_cases():
        if summary.patient_name.startswith(patient_start):
            window.open_case(summary.id)
            qtbot.waitUntil(lambda: window.page.stored is not None)
            window.page.checker.check_now()
            QApplication.processEvents()
            return
    raise AssertionError(patient_start)


def _cell_fits(table: Any, row: int, col: int) -> bool:
    index = table.model().index(row, col)
    return table.sizeHintForIndex(index).width() <= table.horizontalHeader().sectionSize(col)


def test_the_list_shows_name_status_and_deadline_whole(big_window: Any, qtbot: Any) -> None:
    pane = big_window.list_pane
    table = pane.table
    for row in range(pane.proxy.rowCount()):
        for col in (COL_STATUS, COL_DUE):
            assert _cell_fits(table, row, col), pane.proxy.index(row, col).data()
    # Patient, status and deadline are on screen without scrolling sideways; the drug is in
    # the name's tooltip.
    right = max(table.columnViewportPosition(c) + table.columnWidth(c)
                for c in (COL_PATIENT, COL_STATUS, COL_DUE))
    assert right <= table.viewport().width()
    drug = pane.proxy.index(0, COL_DRUG).data()
    assert drug and drug in pane.proxy.index(0, COL_PATIENT).data(Qt.ItemDataRole.ToolTipRole)
    assert pane.width() <= WINDOW[0] * 2 // 5


def test_an_urgent_deadline_keeps_words_date_and_icon_visible(big_window: Any) -> None:
    store = big_window.store
    created = store.create_case(Case(letter=Letter(kind="appeal"), patient=Patient(name="Ana")))
    near = dt.date.today() + dt.timedelta(days=9)
    # The list shows the deadline the store computed; stand in one nine days away.
    summaries = [replace(s, appeal_due=near) if s.id == created.id else s
                 for s in store.list_cases()]
    big_window.list_pane.set_summaries(summaries)
    proxy = big_window.list_pane.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, COL_PATIENT).data() == "Ana")
    assert proxy.index(row, COL_DUE).data() == f"9 days left · {near.isoformat()}"
    assert not proxy.index(row, COL_DUE).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert _cell_fits(big_window.list_pane.table, row, COL_DUE)
    tip = proxy.index(row, COL_DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert "within 14 days" in tip and near.isoformat() in tip


def test_the_editor_gives_its_width_to_the_form_and_the_letter(big_window: Any,
                                                               qtbot: Any) -> None:
    _open(big_window, qtbot, "Harold")  # the Medicare Part B example
    page = big_window.page
    nav = page.editor.nav
    widest = max(nav.sizeHintForIndex(nav.model().index(r, 0)).width()
                 for r in range(nav.count()))
    assert widest <= nav.viewport().width() <= widest + 4 * nav.fontMetrics().height()
    form = page.editor.pages.currentWidget()
    assert form.width() >= 2 * nav.width()
    assert page.side.width() >= 0.4 * page.splitter.width()  # a readable letter preview


def test_section_list_grows_for_counts_but_does_not_jump_while_typing(
    big_window: Any, qtbot: Any
) -> None:
    big_window.new_case()
    page = big_window.page
    qtbot.waitUntil(lambda: bool(page.editor.section_counts()))
    QApplication.processEvents()
    nav = page.editor.nav
    with_counts = nav.width()
    titles = [nav.item(r).text() for r in range(nav.count())]
    assert any("error" in t for t in titles)
    assert all(nav.fontMetrics().horizontalAdvance(t) < nav.viewport().width() for t in titles)
    page.editor.focus_field("patient.name")
    type_text(QApplication.focusWidget(), "Zoë")
    qtbot.waitUntil(lambda: "patient.name" not in {f.field for f in page.findings})
    QApplication.processEvents()
    assert nav.width() == with_counts  # fixing an error never shifts the form sideways


def test_long_choices_do_not_push_form_rows_onto_two_lines(big_window: Any, qtbot: Any) -> None:
    _open(big_window, qtbot, "Harold")
    editor = big_window.page.editor
    editor.show_section("payer")
    QApplication.processEvents()
    layout = editor.forms["payer"].layout_
    label = layout.itemAt(1, QFormLayout.ItemRole.LabelRole).widget()
    field = layout.itemAt(1, QFormLayout.ItemRole.FieldRole).widget()
    assert label.text() == "Plan type:"
    assert abs(label.geometry().center().y() - field.geometry().center().y()) < field.height()


def test_a_clean_example_opens_ready_for_the_letter(big_window: Any, qtbot: Any) -> None:
    for summary in big_window.store.list_cases():
        big_window.open_case(summary.id)
        report = big_window.page.checker.check_now()
        if report is not None and not report.findings:
            assert big_window.page.findings_panel.is_ready()
            assert big_window.page.side.tabText(0) == "Checks ✓"
            return
    pytest.skip("every example has some finding today")


def test_the_list_widens_when_a_deadline_draws_near(big_window: Any, monkeypatch: Any) -> None:
    store = big_window.store
    before = big_window.splitter.sizes()[0]
    summaries = store.list_cases()
    near = dt.date.today() - dt.timedelta(days=12)
    # As the store would list it once an appeal's filing day has passed.
    late = [replace(summaries[0], appeal_due=near, status="denied"), *summaries[1:]]
    monkeypatch.setattr(store, "list_cases", lambda *_a, **_k: late)
    big_window.load_cases()
    pane = big_window.list_pane
    row = next(r for r in range(pane.proxy.rowCount())
               if pane.proxy.index(r, COL_DUE).data().startswith("Passed 12 days ago"))
    assert _cell_fits(pane.table, row, COL_DUE)
    assert big_window.splitter.sizes()[0] > before
    right = pane.table.columnViewportPosition(COL_DUE) + pane.table.columnWidth(COL_DUE)
    assert right <= pane.table.viewport().width()


def test_letters_are_offered_in_documents_or_home_never_the_app_folder() -> None:
    from pathlib import Path

    from desktop_app.ui.main_window import default_export_folder

    folder = default_export_folder()
    assert folder.is_dir()
    assert folder != Path.cwd() or folder == Path.home()


# A small screen: 1024x768 less the panel, or a 1440x900 laptop at a large text size.
SMALL_WINDOW = (1024, 700)


@pytest.mark.parametrize("first_open", ["before", "after"])
def test_on_a_small_window_every_section_shows_whole_without_scrolling_sideways(
        store: Any, make_window: Any, qtbot: Any, first_open: str) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    if first_open == "after":  # the window made small while a case is open, not before
        window.new_case()
    window.resize(*SMALL_WINDOW)
    qtbot.waitUntil(lambda: window.width() == SMALL_WINDOW[0])
    if first_open == "before":
        window.new_case()
    qtbot.waitUntil(lambda: window.page.editor is not None)
    editor = window.page.editor
    for info_key, scroll in editor._scrolls.items():
        editor.show_section(info_key)
        QApplication.processEvents()
        bar = scroll.horizontalScrollBar()
        assert bar.maximum() == 0, f"{info_key}: the form scrolls sideways by {bar.maximum()}"
    # The list gave way, but still shows whose case it is and its status.
    table = window.list_pane.table
    right = max(table.columnViewportPosition(c) + table.columnWidth(c)
                for c in (COL_PATIENT, COL_STATUS))
    assert right <= table.viewport().width()
    # The checks panel keeps its least readable width beside the form.
    assert window.page.side.width() >= window.page.side.minimumWidth()


def _hint_shows_whole(line: Any) -> bool:
    """The room QLineEdit draws its text in (its contents less its 2-pixel margins) holds
    the whole placeholder."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    option = QStyleOptionFrame()
    line.initStyleOption(option)
    room = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
    margins = line.textMargins()
    width = room.width() - margins.left() - margins.right() - 4
    return width >= line.fontMetrics().horizontalAdvance(line.placeholderText())


@pytest.mark.parametrize("size", [WINDOW, SMALL_WINDOW])
def test_a_date_field_shows_its_whole_hint_of_the_orders_it_takes(
        store: Any, make_window: Any, qtbot: Any, size: tuple[int, int]) -> None:
    window = make_window(store)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    window.new_case()
    qtbot.waitUntil(lambda: window.page.editor is not None)
    editor = window.page.editor
    for path in ("patient.dob", "regimen.start_date", "denial.date"):
        section, name = path.split(".")
        form = editor.forms["drug" if section == "regimen" else section]
        editor.show_section("drug" if section == "regimen" else section)
        QApplication.processEvents()
        line = form.fields[name].line
        assert line.placeholderText() == "YYYY-MM-DD or MM/DD/YYYY"
        assert _hint_shows_whole(line), f"{path}: the hint is cut off at {size}"
