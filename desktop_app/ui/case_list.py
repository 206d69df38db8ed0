"""The case list: a table model over stored case summaries, a search/status filter, and a pane."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from desktop_app.ui.plain_text import isolated, plain_tooltip
from desktop_app.ui.status import (
    NEAR_DAYS,
    STATUS_LABELS,
    DueState,
    due_state,
    kind_label,
    short_kind_label,
    status_label,
)

# Status and deadline sit next to the name: they are what staff scan the list for; then the
# letter kind and the drug, which tell a request from its appeal at a glance.
COLUMNS = ("Patient", "Status", "Appeal due", "Letter", "Drug", "Payer", "Last change")
COL_PATIENT, COL_STATUS, COL_DUE, COL_KIND, COL_DRUG, COL_PAYER, COL_CHANGED = range(7)
# An appeal is listed right under the request it appeals, its name marked so.
APPEAL_MARK = "↳ "
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DUE_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
STATUS_ORDER = {status: number for number, status in enumerate(STATUS_LABELS)}

# Tints for urgent rows. Never the only signal: the due cell also gets an icon and words.
_PASSED_TINT = QColor(255, 221, 221)
_NEAR_TINT = QColor(255, 240, 200)
_TEXT_ON_TINT = QColor(40, 30, 20)


def _changed_text(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


class _Row:
    """One summary with what the list needs for every row (search, sort); the rest is lazy.

    10,000 rows must load in well under a second, so the per-row work here stays small.
    """

    __slots__ = ("_changed", "due", "nested", "search_text", "status", "summary", "texts")

    def __init__(self, summary: Any, today: dt.date) -> None:
        self.summary = summary
        self.status = summary.status
        self.due: DueState | None = due_state(summary.appeal_due, summary.status, today)
        self.texts = (
            isolated(summary.patient_name or "") or "(no name yet)",
            status_label(summary.status),
            self.due.text if self.due else "",
            short_kind_label(summary.letter_kind),
            isolated(summary.drug_name or ""),
            isolated(summary.payer_name or ""),
        )
        searched = (*self.texts[:2], *self.texts[3:6], kind_label(summary.letter_kind),
                    getattr(summary, "search_text", ""))  # member ID, MBI, reference, DOB
        self.search_text = " ".join(searched).casefold()
        self._changed: str | None = None
        self.nested = False  # shown under its request (set when the rows are grouped)

    def text(self, col: int) -> str:
        if col == COL_PATIENT and self.nested:
            return APPEAL_MARK + self.texts[col]
        if col < COL_CHANGED:
            return self.texts[col]
        if self._changed is None:
            self._changed = _changed_text(self.summary.updated_at)
        return self._changed

    def sort_key(self, col: int) -> Any:
        summary = self.summary
        if col == COL_STATUS:  # the workflow's order, not the alphabet's
            return STATUS_ORDER.get(summary.status, 99)
        if col == COL_DUE:  # cases without a deadline last
            return summary.appeal_due or dt.date.max
        if col == COL_CHANGED:
            return summary.updated_at or _EPOCH
        return self.texts[col].casefold()


class CaseTableModel(QAbstractTableModel):
    """Stored cases, one row each, as CaseStore.list_cases returns them.

    The model sorts itself (a Python key sort); the proxy above it only filters. Letting the
    proxy sort would call `data()` some 150,000 times for 10,000 rows.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._sort = (COL_CHANGED, Qt.SortOrder.DescendingOrder)
        style = QApplication.style()
        self._icons = {
            "passed": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "near": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }

    def set_summaries(self, summaries: list[Any], today: dt.date | None = None) -> None:
        day = today or dt.date.today()
        rows = [_Row(s, day) for s in summaries]
        self.beginResetModel()
        self._rows = self._sorted(rows, *self._sort)
        self.endResetModel()

    @staticmethod
    def _sorted(rows: list[_Row], column: int, order: Qt.SortOrder) -> list[_Row]:
        ordered = sorted(rows, key=lambda r: r.sort_key(column),
                         reverse=order == Qt.SortOrder.DescendingOrder)
        return _grouped(ordered)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        rows_before = [(index.row(), index.column()) for index in before]
        identity = {id(row): number for number, row in enumerate(self._rows)}
        self._rows = self._sorted(self._rows, column, order)
        new_position = {identity[id(row)]: number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(new_position[r], c) for r, c in rows_before]
        )
        self.layoutChanged.emit()

    def summary(self, row: int) -> Any:
        return self._rows[row].summary

    def row_of(self, case_id: Any) -> int:
        for number, row in enumerate(self._rows):
            if row.summary.id == case_id:
                return number
        return -1

    def search_text(self, row: int) -> str:
        return self._rows[row].search_text

    def status_of(self, row: int) -> str:
        return self._rows[row].status

    def texts_in(self, col: int) -> set[str]:
        """Every distinct text a column shows (few for status and deadline), for sizing it."""
        return {row.text(col) for row in self._rows}

    def has_urgent(self) -> bool:
        """True when some row's deadline is near or passed (its due cell carries an icon)."""
        return any(row.due is not None and row.due.level != "ok" for row in self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text(col)
        if role == CASE_ID_ROLE:
            return row.summary.id
        level = row.due.level if row.due else "ok"
        if role == DUE_LEVEL_ROLE:
            return level
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(_tooltip(row, col, level))
        if level == "ok":
            return None
        return self._urgent_data(role, col, level)

    def _urgent_data(self, role: int, col: int, level: str) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_PASSED_TINT if level == "passed" else _NEAR_TINT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_TEXT_ON_TINT)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_DUE:
            return self._icons[level]
        return None

    def icon_for(self, level: str) -> QIcon | None:
        return self._icons.get(level)


def _grouped(rows: list[_Row]) -> list[_Row]:
    """Each appeal right under its request (in the sorted order among its siblings); an
    appeal whose request is not listed stays where the sort put it."""
    present = {row.summary.id for row in rows}
    children: dict[str, list[_Row]] = {}
    for row in rows:
        parent = getattr(row.summary, "parent_case_id", None)
        row.nested = bool(parent) and parent in present and parent != row.summary.id
        if row.nested:
            children.setdefault(parent, []).append(row)
    grouped: list[_Row] = []
    placed: set[int] = set()

    def place(row: _Row) -> None:
        if id(row) in placed:
            return
        placed.add(id(row))
        grouped.append(row)
        for child in children.get(row.summary.id, []):
            place(child)

    for row in rows:
        if not row.nested:
            place(row)
    for row in rows:  # a cycle of parents (never made by the app) still lists every case
        place(row)
    return grouped


def _tooltip(row: _Row, col: int, level: str) -> str:
    """The cell's whole text, which a narrow column cuts short; the name cell tells the case."""
    if col == COL_DUE:
        if level == "passed":
            return f"The appeal deadline has passed: {row.text(col)}"
        if level == "near":
            return f"The appeal deadline is within {NEAR_DAYS} days: {row.text(col)}"
        return f"Appeal due {row.text(col)}" if row.text(col) else "No appeal deadline"
    if col != COL_PATIENT:
        return row.text(col)
    drug, payer, kind = row.text(COL_DRUG), row.text(COL_PAYER), row.text(COL_KIND)
    lines = [row.text(COL_PATIENT), " · ".join(t for t in (drug, payer, kind) if t),
             f"Status: {row.text(COL_STATUS)}"]
    if row.due is not None:
        lines.append(f"Appeal due: {row.text(COL_DUE)}")
    return "\n".join(line for line in lines if line)


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters by every word of the search (patient, drug, payer, letter, status) and a status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: str | None = None
        self.setDynamicSortFilter(False)

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._refilter(lambda: setattr(self, "_words", words))

    def set_status(self, status: str | None) -> None:
        if status != self._status:
            self._refilter(lambda: setattr(self, "_status", status))

    def _refilter(self, change: Any) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange(); support both.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source model sorts itself much faster; this proxy keeps its order.
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def is_filtered(self) -> bool:
        return bool(self._words) or self._status is not None

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseTableModel)
        if self._status is not None and model.status_of(source_row) != self._status:
            return False
        if not self._words:
            return True
        text = model.search_text(source_row)
        return all(word in text for word in self._words)
