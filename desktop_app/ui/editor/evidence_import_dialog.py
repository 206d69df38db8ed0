"""The preview of an evidence import: what will be added, what is already cited, what is missing.

Duplicates (the same PMID, DOI or NCT number as an item the case already has, or as an
earlier record in the same import) start unticked. Enter adds the ticked items.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.evidence_import import (
    ImportCandidate,
    ImportPreview,
    needs_lookup,
    with_lookups,
)
from desktop_app.services.evidence_lookup import lookup_allowed, lookup_record
from desktop_app.services.full_text import match_full_texts
from desktop_app.ui.workers import start_task

KINDS = {"article": "Journal article", "trial": "Clinical trial", "guideline": "Guideline"}
COLUMNS = ("Add", "Kind", "Citation", "Status")


def citation_words(item: BaseModel) -> str:
    parts = [str(getattr(item, "title", "") or "").strip().rstrip(".")]
    journal = getattr(item, "journal_abbreviation", None) or getattr(item, "journal", "")
    year = getattr(item, "year", None)
    parts += [str(p) for p in (journal, year) if p]
    ids = [f"PMID {v}" for v in [getattr(item, "pmid", None)] if v]
    ids += [f"doi:{v}" for v in [getattr(item, "doi", None)] if v]
    ids += [str(v) for v in [getattr(item, "nct", None)] if v]
    text = ". ".join(p for p in parts if p)
    return f"{text} [{', '.join(ids)}]" if ids else text or "(no title yet)"


def status_words(candidate: ImportCandidate) -> str:
    if candidate.duplicate_of is not None:
        return f"Already in this case (evidence item {candidate.duplicate_of + 1})"
    if candidate.repeated:
        return "Repeated in this import"
    words = []
    item = candidate.item
    if getattr(item, "design_source", None) == "publication-type":
        words.append(f"design {item.design} (from PubMed's publication type)")  # type: ignore[attr-defined]
    if candidate.lacking:
        words.append(f"still needs {', '.join(candidate.lacking)}")
    if candidate.note:
        words.append(candidate.note)
    return "; ".join(words) or "New"


class ImportPreviewDialog(QDialog):
    """Shows a preview; `chosen()` gives the ticked items and the full texts matched to them."""

    def __init__(self, preview: ImportPreview, existing: list[BaseModel],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import evidence")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview = preview
        self._existing = list(existing)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet("color: #9b1c1c;")
        self.problems.setAccessibleName("Files that could not be read")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Citations to add")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.full_texts = QLabel(self)
        self.full_texts.setWordWrap(True)
        self.full_texts.setTextFormat(Qt.TextFormat.PlainText)
        self.lookup_button = QPushButton("&Look up online", self)
        self.lookup_button.clicked.connect(self.look_up)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.lookup_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.problems, self.table, self.full_texts, self.buttons):
            layout.addWidget(widget, 1 if widget is self.table else 0)
        self.table.itemChanged.connect(lambda _item: self._count())
        self.resize(900, 420)
        self._show()
        self.table.setFocus()

    # --- showing ---------------------------------------------------------------------------
    def _show(self) -> None:
        preview = self.preview
        self.table.blockSignals(True)
        self.table.setRowCount(len(preview.candidates))
        for row, candidate in enumerate(preview.candidates):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Unchecked if candidate.is_duplicate
                               else Qt.CheckState.Checked)
            self.table.setItem(row, 0, tick)
            for column, text in enumerate((KINDS.get(candidate.item.type, candidate.item.type),
                                           citation_words(candidate.item),
                                           status_words(candidate)), start=1):
                cell = QTableWidgetItem(text.replace("\n", " "))
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        if preview.candidates:
            self.table.selectRow(0)
        self.problems.setText("\n".join(str(p) for p in preview.problems))
        self.problems.setVisible(bool(preview.problems))
        waiting = needs_lookup(preview)
        self.lookup_button.setVisible(waiting)
        allowed = lookup_allowed()
        self.lookup_button.setEnabled(waiting and allowed)
        self.lookup_button.setToolTip(
            "Fill in bare PMIDs, DOIs and NCT numbers from PubMed, Crossref or "
            "ClinicalTrials.gov (only the identifier is sent)" if allowed else
            "Online lookup is off: a practice can allow it in Settings (Ctrl+,), Evidence tab")
        self._count()

    def _count(self) -> None:
        ticked = len(self._ticked())
        total = len(self.preview.candidates)
        dupes = sum(1 for c in self.preview.candidates if c.is_duplicate)
        formats = ", ".join(self.preview.formats) or "no readable citation"
        text = f"{total} citation{'s' if total != 1 else ''} read ({formats})."
        if dupes:
            text += f" {dupes} already cited, left unticked."
        self.summary.setText(text)
        self.add_button.setText(f"&Add {ticked}" if ticked else "&Add")
        self.add_button.setEnabled(ticked > 0)
        links = self._links()
        names = [f"{pdf.name} → item {len(self._existing) + i + 1}"
                 for i, pdf in sorted(links.items())]
        unmatched = [p.name for p in self.preview.full_texts if p not in links.values()]
        words = []
        if names:
            words.append("Full texts attached and listed as enclosures: " + "; ".join(names))
        if unmatched:
            words.append("Not matched to an article (attach by hand): " + ", ".join(unmatched))
        self.full_texts.setText("\n".join(words))
        self.full_texts.setVisible(bool(words))

    # --- choosing --------------------------------------------------------------------------
    def _ticked(self) -> list[int]:
        return [row for row in range(self.table.rowCount())
                if (cell := self.table.item(row, 0)) is not None
                and cell.checkState() == Qt.CheckState.Checked]

    def _links(self) -> dict[int, Path]:
        items = [self.preview.candidates[row].item for row in self._ticked()]
        return match_full_texts(self.preview.full_texts, items) if self.preview.full_texts else {}

    def chosen(self) -> tuple[list[BaseModel], dict[int, Path]]:
        """The ticked items in order, and {index among them: full-text PDF}."""
        items = [self.preview.candidates[row].item for row in self._ticked()]
        return items, self._links()

    def set_ticked(self, row: int, ticked: bool) -> None:
        cell = self.table.item(row, 0)
        if cell is not None:
            cell.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def keyPressEvent(self, event: object) -> None:
        # Space ticks or unticks the selected row, as in a list of check boxes.
        if getattr(event, "key", lambda: None)() == Qt.Key.Key_Space and self.table.hasFocus():
            for index in self.table.selectionModel().selectedRows():
                cell = self.table.item(index.row(), 0)
                if cell is not None:
                    self.set_ticked(index.row(), cell.checkState() != Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    # --- looking up ------------------------------------------------------------------------
    def look_up(self) -> None:
        self.lookup_button.setEnabled(False)
        self.lookup_button.setText("Looking up…")
        preview, existing = self.preview, list(self._existing)
        start_task(lambda: with_lookups(preview, existing, lookup_record),
                   self._looked_up, self._lookup_failed, owner=self)

    def _looked_up(self, preview: object) -> None:
        if isinstance(preview, ImportPreview):
            self.preview = preview
        self.lookup_button.setText("&Look up online")
        self._show()

    def _lookup_failed(self, error: BaseException) -> None:
        self.lookup_button.setText("&Look up online")
        self.problems.setText(f"The lookup failed: {error}")
        self.problems.setVisible(True)
        self._show()
