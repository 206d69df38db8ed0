"""The left-hand pane: search box, status filter, the sortable case table and its empty states."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.case_list import (
    CASE_ID_ROLE,
    COL_CHANGED,
    COL_DRUG,
    COL_DUE,
    COL_KIND,
    COL_PATIENT,
    COL_STATUS,
    CaseFilterProxy,
    CaseTableModel,
)
from desktop_app.ui.status import STATUS_LABELS

# Long enough to skip work between keystrokes of a fast typist, short enough to feel instant.
SEARCH_DEBOUNCE_MS = 150
# The patient column's width in font widths: most names fit, longer ones end in "…".
PATIENT_EMS = 13
DRUG_EMS = 8
KIND_EMS = 6
# What the list shows without scrolling sideways: who, where the letter stands, by when,
# which letter and which drug. Payer and last change are a scroll away and in the tooltip.
MAIN_COLUMNS = (COL_PATIENT, COL_STATUS, COL_DUE, COL_KIND, COL_DRUG)
EMPTY_TEXT = (
    "No cases yet — press Ctrl+N to start one or File > Import case file."
)


class CaseListPane(QWidget):
    """Emits `case_chosen(id)` when staff open a case (Enter, double-click or selection)."""

    case_chosen = Signal(object)
    selection_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False  # True while the window selects a row it has already opened
        self.model = CaseTableModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self._fitted: dict[int, int] = {}  # column -> the width fit_columns() last gave it
        self._build()

    def _build(self) -> None:
        # Short enough to read whole in a narrow list; the tooltip says what is searched.
        self.search = QLineEdit(placeholderText="Search cases (Ctrl+F)")
        self.search.setToolTip("Finds cases by patient, drug, payer, member ID, Medicare "
                               "number, denial reference, date of birth, letter kind or "
                               "status. Enter opens the first; Esc clears the search.")
        self.search.setAccessibleName("Search cases")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._open_first_match)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show cases with status")
        self.status_filter.addItem("All statuses", None)
        for key, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, key)
        self.status_filter.currentIndexChanged.connect(self._apply_status)
        self.table = self._make_table()
        self.empty = QLabel(EMPTY_TEXT, wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("Case list message")
        self.empty.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.count = QLabel()
        self.count.setAccessibleName("Number of cases shown")
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.status_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Cases")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_CHANGED, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Always there, so the width fitted to the main columns stays exact as cases come and go.
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Sized from the font, so the columns stay readable at QT_SCALE_FACTOR=2 too. Long
        # names are cut short with "…" and shown whole in the tooltip; status and deadline
        # are fitted to their texts in fit_columns().
        em = table.fontMetrics().horizontalAdvance("M")
        header.resizeSection(COL_PATIENT, PATIENT_EMS * em)
        header.resizeSection(COL_DRUG, DRUG_EMS * em)
        header.resizeSection(COL_KIND, KIND_EMS * em)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Rows as tall as the text needs: more cases fit on the screen.
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.activated.connect(self._on_activated)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    # -- data ---------------------------------------------------------------------------------
    def set_summaries(self, summaries: list[Any], today: dt.date | None = None) -> None:
        """Show these cases, keeping the selected one selected if it is still there."""
        keep = self.current_case_id()
        self.model.set_summaries(summaries, today)  # sorted as the header shows
        self.fit_columns()
        self._refresh_state()
        if keep is not None:
            self.select_case(keep, emit=False)

    def fit_columns(self) -> None:
        """Give Status and Appeal due the width of their longest text (and the deadline icon),
        so "9 days left · 2026-12-07" is never cut short."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        style = self.table.style()
        padding = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 6
        for col, extra in ((COL_STATUS, 0), (COL_DUE, icon if self.model.has_urgent() else 0),
                           (COL_KIND, 0)):
            if col in self._fitted and header.sectionSize(col) != self._fitted[col]:
                continue  # staff dragged this column to a width of their own: keep it
            texts = self.model.texts_in(col)
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            width = max(header.sectionSizeHint(col), widest + padding + extra)
            header.resizeSection(col, width)
            self._fitted[col] = width

    def ideal_width(self) -> int:
        """The width that shows the main columns whole, beside the scroll bar."""
        header = self.table.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in MAIN_COLUMNS)
        scroll = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return columns + scroll + 2 * self.table.frameWidth() + 2

    def narrowest_width(self) -> int:
        """The least the list gives way to on a small screen: whose case and where it is. A
        near or passed deadline still tints the whole row, and its date is one scroll away."""
        header = self.table.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in (COL_PATIENT, COL_STATUS))
        scroll = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return columns + scroll + 2 * self.table.frameWidth() + 2

    def current_case_id(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return index.siblingAtColumn(0).data(CASE_ID_ROLE)

    def current_summary(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.summary(self.proxy.mapToSource(index).row())

    def select_case(self, case_id: Any, *, emit: bool = True) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        # Not blockSignals(): the view repaints from the selection model's signals, and a
        # blocked one leaves the previous row painted as selected beside the new one.
        self._quiet = not emit
        try:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._quiet = False
        self.table.scrollTo(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def keyPressEvent(self, event: Any) -> None:
        # Esc in the search box clears it, so the whole list is one key away.
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self._apply_search()
            return
        super().keyPressEvent(event)

    # -- internals ----------------------------------------------------------------------------
    def _apply_search(self) -> None:
        self._debounce.stop()
        self.proxy.set_search(self.search.text())
        self._refresh_state()

    def _apply_status(self) -> None:
        self.proxy.set_status(self.status_filter.currentData())
        self._refresh_state()

    def _refresh_state(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            self.empty.setText(EMPTY_TEXT)
        elif shown == 0:
            self.empty.setText(
                "No cases match this search or status. Press Esc in the search box to clear it, "
                "or choose “All statuses”."
            )
        self.stack.setCurrentWidget(self.table if shown else self.empty)
        noun = "case" if total == 1 else "cases"
        self.count.setText(
            f"{shown} of {total} {noun} shown" if self.proxy.is_filtered() else f"{total} {noun}"
        )

    def _open_first_match(self) -> None:
        self._apply_search()
        if self.proxy.rowCount():
            first = self.proxy.index(0, 0)
            self.table.setCurrentIndex(first)
            self.case_chosen.emit(first.data(CASE_ID_ROLE))

    def _on_activated(self, index: QModelIndex) -> None:
        self.case_chosen.emit(index.siblingAtColumn(0).data(CASE_ID_ROLE))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        case_id = current.siblingAtColumn(0).data(CASE_ID_ROLE) if current.isValid() else None
        self.selection_changed.emit(case_id)
