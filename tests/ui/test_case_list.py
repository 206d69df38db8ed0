"""The case list as staff read it: urgent deadlines stand out in words, search and status filter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.case_list import COL_DUE, COL_PATIENT, COL_STATUS, DUE_LEVEL_ROLE
from desktop_app.ui.case_list_pane import EMPTY_TEXT, CaseListPane
from tests.ui.conftest import type_text

TODAY = dt.date(2026, 11, 20)


@dataclass
class Summary:
    id: str
    patient_name: str
    drug_name: str = "gemcitabine"
    payer_name: str = "Acme Health"
    letter_kind: str | None = "preauth"
    status: str = "draft"
    appeal_due: dt.date | None = None
    updated_at: dt.datetime = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    revision: int = 1
    search_text: str = ""


@pytest.fixture
def pane(qtbot: Any) -> CaseListPane:
    widget = CaseListPane()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _cell(pane: CaseListPane, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return pane.proxy.index(row, col).data(role)


@pytest.mark.parametrize(
    ("due", "status", "level", "words"),
    [
        (TODAY - dt.timedelta(days=3), "denied", "passed", "Passed 3 days ago"),
        (TODAY, "draft", "near", "Due today"),
        (TODAY + dt.timedelta(days=1), "draft", "near", "1 day left"),
        (TODAY + dt.timedelta(days=14), "ready_for_signature", "near", "14 days left"),
        (TODAY + dt.timedelta(days=15), "draft", "ok", ""),
        (TODAY - dt.timedelta(days=3), "sent", "ok", ""),  # filed: no longer urgent
    ],
)
def test_deadline_stands_out_with_icon_and_words_not_colour_alone(
    pane: CaseListPane, due: dt.date, status: str, level: str, words: str
) -> None:
    pane.set_summaries([Summary("a", "Rosa Delgado", status=status, appeal_due=due)], TODAY)
    text = _cell(pane, 0, COL_DUE)
    assert text.endswith(due.isoformat())
    assert _cell(pane, 0, COL_DUE, DUE_LEVEL_ROLE) == level
    icon = _cell(pane, 0, COL_DUE, Qt.ItemDataRole.DecorationRole)
    if level == "ok":
        assert icon is None
        assert _cell(pane, 0, COL_PATIENT, Qt.ItemDataRole.BackgroundRole) is None
    else:
        assert text.startswith(words)
        assert icon is not None and not icon.isNull()
        assert _cell(pane, 0, COL_PATIENT, Qt.ItemDataRole.BackgroundRole) is not None


def test_empty_list_says_what_to_do(pane: CaseListPane) -> None:
    pane.set_summaries([], TODAY)
    assert pane.stack.currentWidget() is pane.empty
    assert "Ctrl+N" in pane.empty.text() and "Import case file" in pane.empty.text()
    assert pane.empty.text() == EMPTY_TEXT


def test_search_matches_every_word_in_any_column_and_esc_clears(
    pane: CaseListPane, qtbot: Any
) -> None:
    pane.set_summaries([
        Summary("a", "José Núñez", drug_name="bevacizumab"),
        Summary("b", "Priya Raman", drug_name="trastuzumab", payer_name="Bay State"),
        Summary("c", "Zoë Nguyễn", drug_name="bevacizumab", payer_name="Bay State"),
    ], TODAY)
    type_text(pane.search, "bay BEVA")
    qtbot.waitUntil(lambda: pane.proxy.rowCount() == 1)
    assert _cell(pane, 0, COL_PATIENT) == "Zoë Nguyễn"
    assert pane.count.text() == "1 of 3 cases shown"
    pane.search.clear()
    type_text(pane.search, "josé")
    qtbot.waitUntil(lambda: _cell(pane, 0, COL_PATIENT) == "José Núñez")
    assert pane.proxy.rowCount() == 1
    type_text(pane.search, "x")
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.empty)
    assert "No cases match" in pane.empty.text()
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    assert pane.proxy.rowCount() == 3
    assert pane.count.text() == "3 cases"


def test_status_filter_and_workflow_sort(pane: CaseListPane, qtbot: Any) -> None:
    pane.set_summaries([
        Summary("a", "Ann", status="sent"),
        Summary("b", "Ben", status="draft"),
        Summary("c", "Cy", status="denied"),
    ], TODAY)
    pane.table.sortByColumn(COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert [_cell(pane, r, COL_STATUS) for r in range(3)] == ["Draft", "Sent", "Denied"]
    pane.status_filter.setCurrentIndex(pane.status_filter.findData("denied"))
    assert pane.proxy.rowCount() == 1
    assert _cell(pane, 0, COL_PATIENT) == "Cy"


def test_reload_keeps_the_selected_case(pane: CaseListPane) -> None:
    rows = [Summary("a", "Ann"), Summary("b", "Ben")]
    pane.set_summaries(rows, TODAY)
    assert pane.select_case("b")
    pane.set_summaries(list(reversed(rows)), TODAY)
    assert pane.current_case_id() == "b"


def test_tooltips_show_whole_texts_verbatim(pane: CaseListPane) -> None:
    pane.set_summaries([
        Summary("a", "Eleanor Fitzgerald-Macallister <b>&amp;</b>", drug_name="trastuzumab",
                payer_name="Bay State", appeal_due=TODAY + dt.timedelta(days=30)),
    ], TODAY)
    tip = _cell(pane, 0, COL_PATIENT, Qt.ItemDataRole.ToolTipRole)
    # Escaped, so Qt shows the typed name rather than reading it as markup.
    assert "Eleanor Fitzgerald-Macallister &lt;b&gt;&amp;amp;&lt;/b&gt;" in tip
    assert "trastuzumab" in tip and "Bay State" in tip and "Prior auth" in tip
    assert "Appeal due: 2026-12-20" in tip
    assert "Draft" in _cell(pane, 0, COL_STATUS, Qt.ItemDataRole.ToolTipRole)


def test_status_and_deadline_columns_fit_their_words(pane: CaseListPane) -> None:
    header = pane.table.horizontalHeader()
    pane.set_summaries([Summary("a", "Ann")], TODAY)
    narrow = header.sectionSize(COL_DUE)
    pane.set_summaries([
        Summary("a", "Ann", status="ready_for_signature"),
        Summary("b", "Ben", status="denied", appeal_due=TODAY - dt.timedelta(days=12)),
    ], TODAY)
    assert header.sectionSize(COL_DUE) > narrow  # room for "Passed 12 days ago · …" and icon
    for row in range(2):
        for col in (COL_STATUS, COL_DUE):
            hint = pane.table.sizeHintForIndex(pane.proxy.index(row, col)).width()
            assert hint <= header.sectionSize(col), _cell(pane, row, col)


def test_a_column_staff_resized_keeps_its_width(pane: CaseListPane) -> None:
    header = pane.table.horizontalHeader()
    pane.set_summaries([Summary("a", "Ann", appeal_due=TODAY + dt.timedelta(days=3))], TODAY)
    header.resizeSection(COL_DUE, 300)
    pane.set_summaries([Summary("a", "Ann", appeal_due=TODAY + dt.timedelta(days=4))], TODAY)
    assert header.sectionSize(COL_DUE) == 300


def test_selecting_a_case_for_the_window_repaints_one_row_and_stays_quiet(
    pane: CaseListPane, qtbot: Any
) -> None:
    from PySide6.QtGui import QPalette

    rows = [Summary("a", "Ann"), Summary("b", "Ben")]
    pane.set_summaries(rows, TODAY)
    heard: list[Any] = []
    pane.selection_changed.connect(heard.append)
    assert pane.select_case("a")
    qtbot.wait(20)
    assert pane.select_case("b", emit=False)  # the window opened b itself: no echo back
    qtbot.wait(20)
    assert heard == ["a"]
    assert pane.current_case_id() == "b"

    # What staff see on screen (the window's backing store, not a fresh render): only b's
    # row is painted as selected, not a's as well.
    from PySide6.QtWidgets import QApplication

    table = pane.table
    window_shot = QApplication.primaryScreen().grabWindow(pane.window().winId()).toImage()
    corner = table.viewport().mapTo(pane.window(), table.viewport().rect().topLeft())
    shot = window_shot.copy(corner.x(), corner.y(), table.viewport().width(),
                            table.viewport().height())
    highlights = [table.palette().color(group, QPalette.ColorRole.Highlight)
                  for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)]

    def painted_selected(row: int) -> bool:
        rect = table.visualRect(pane.proxy.index(row, COL_STATUS))
        return shot.pixelColor(rect.right() - 2, rect.center().y()) in highlights

    row_of = {_cell(pane, r, COL_PATIENT): r for r in range(2)}
    assert not painted_selected(row_of["Ann"])
    assert painted_selected(row_of["Ben"])


def test_search_finds_what_a_caller_quotes(pane: CaseListPane, qtbot: Any) -> None:
    quoted = "ben okafor\nptm-0093-55172\nptm009355172\n03/14/1951"
    rows = [Summary("a", "Ann Lee"), Summary("b", "Ben Okafor", search_text=quoted)]
    pane.set_summaries(rows, TODAY)
    pane.search.setFocus()
    type_text(pane.search, "PTM009355172")
    qtbot.waitUntil(lambda: pane.proxy.rowCount() == 1)
    assert _cell(pane, 0, COL_PATIENT) == "Ben Okafor"
    pane.search.clear()
    type_text(pane.search, "03/14/1951")
    qtbot.waitUntil(lambda: pane.proxy.rowCount() == 1)
    assert "member ID" in pane.search.toolTip()
