"""The Deadlines view: every open appeal deadline, expedited decision due and approval end date
across cases, soonest first. Enter or a double-click opens the case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AppError
from desktop_app.services import deadlines as service
from desktop_app.ui.enter_table import EnterTable

COLUMNS = ("Due", "When", "What", "Patient", "Drug", "Payer", "Reference")


class DeadlinesView(QDialog):
    """Emits `open_case(case_id)`; `refresh()` reads the database again."""

    open_case = Signal(str)

    def __init__(self, store: Any, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Deadlines")
        self.store = store
        self.today = today or dt.date.today()
        self.report: service.DeadlineReport | None = None
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = EnterTable(0, len(COLUMNS))
        self.table.setAccessibleName("Deadlines, soonest first")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        # "What" is read in full ("Last day to file the reconsideration by …"); the last
        # column takes what width is left.
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.export_button = QPushButton("Export to &calendar…")
        self.export_button.setToolTip("An .ics file with one all-day event per deadline")
        self.refresh_button = QPushButton("&Refresh")
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.row_entered.connect(self._open_row)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open_row(row))
        self.export_button.clicked.connect(self.export_calendar)
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button.clicked.connect(self.close)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(120 * em, 30 * em)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.report = service.deadlines_from_store(self.store)
        except AppError as exc:
            self.summary.setText(f"The deadlines could not be read: {exc}")
            return
        rows = self.report.deadlines
        self.table.setRowCount(len(rows))
        for row, deadline in enumerate(rows):
            item = deadline.item
            values = (item.due.isoformat(), service.when_words(item, self.today),
                      item.what + ("" if item.verified else " (default rule: check the notice)"),
                      deadline.patient, deadline.drug, deadline.payer, deadline.reference)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(item.rule if column in (0, 2) else "")
                if column == 1 and item.is_soon(self.today):
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        soon = len(service.due_soon(self.report, self.today))
        problems = f" {len(self.report.problems)} case(s) could not be read." \
            if self.report.problems else ""
        if self.report.nothing_read:
            # Not "No open deadlines": no case was read, so nothing is known about them.
            count = len(self.report.problems)
            self.summary.setText(f"None of the {count} case(s) could be read, so no deadlines "
                                 "are listed.")
        else:
            self.summary.setText(
                (f"{len(rows)} open deadline{'s' if len(rows) != 1 else ''}, soonest first; "
                 f"{soon} due within 7 days or a renewal to start." if rows
                 else "No open deadlines.") + problems
            )
        if rows:
            self.table.selectRow(0)
        self.export_button.setEnabled(bool(rows))

    def _open_row(self, row: int) -> None:
        if self.report is not None and 0 <= row < len(self.report.deadlines):
            self.open_case.emit(self.report.deadlines[row].case_ref)

    def export_calendar(self, target: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, "Export deadlines to a calendar", "pa-letter-deadlines.ics",
                "Calendar (*.ics)"
            )
            if not name:
                return None
            target = Path(name)
        try:
            service.save_export(target, service.to_ics(self.report))
        except AppError as exc:
            self.summary.setText(f"The calendar could not be written: {exc}")
            return None
        self.summary.setText(f"Wrote {len(self.report.deadlines)} deadline(s) to the calendar "
                             "file. Patients are named by initials only.")
        return target
