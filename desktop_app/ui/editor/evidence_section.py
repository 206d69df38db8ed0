"""The Evidence section: rows as in every list, plus citations dropped, pasted or imported.

Citation files (PubMed, RIS, BibTeX, CSL-JSON, CSV) and pasted MEDLINE text or PMIDs open a
preview; what staff confirm is added in one step that Ctrl+Z undoes, together with the
full-text PDFs dropped beside the citations, which become the articles' attachments.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.services.evidence_import import ImportPreview, preview_files, preview_text
from desktop_app.services.full_text import full_text_attachment
from desktop_app.ui.editor.evidence_import_dialog import ImportPreviewDialog
from desktop_app.ui.editor.rows import RowListEditor

CITATION_FILTER = (
    "Citation files (*.nbib *.txt *.ris *.bib *.json *.csv *.pdf);;All files (*)"
)


class EvidenceEditor(RowListEditor):
    """Evidence rows; Ctrl+V in the table, a drop, or Import… brings citations in."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.attachments: RowListEditor | None = None  # the case editor connects its own
        self.preview_dialog: ImportPreviewDialog | None = None
        self.import_button = self.add_button(
            "Import…", "Import citations from PubMed, Zotero, EndNote or Mendeley files "
            "(or drop them here, or paste with Ctrl+V in the list)", self.choose_files)
        self._shortcut("Ctrl+V", self.paste_citations, on_table=True)
        self.setAcceptDrops(True)
        self.table.setAcceptDrops(True)
        self.table.viewport().setAcceptDrops(True)
        self.table.viewport().installEventFilter(self)
        self.table.setToolTip("Paste PubMed text or PMIDs here with Ctrl+V, or drop citation "
                              "files and full-text PDFs")

    # --- the ways in ----------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Import citations", "", CITATION_FILTER)
        if paths:
            self.import_files([Path(p) for p in paths])

    def paste_citations(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime else []
        if files:
            self.import_files(files)
            return
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self._say("Nothing to paste: copy PubMed citations (MEDLINE format), RIS, BibTeX "
                      "or a list of PMIDs, DOIs or NCT numbers first.")
            return
        self.show_preview(preview_text(text, self.items()))

    def import_files(self, paths: list[Path], row: int = -1) -> None:
        """Citation files open the preview; PDFs alone dropped on an article attach to it."""
        if paths and all(p.suffix.lower() == ".pdf" for p in paths):
            self._attach_to_row(paths, row)
            return
        self.show_preview(preview_files(paths, self.items()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if event.mimeData().hasUrls():  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            self._dropped(event, self.table.rowAt(event.position().toPoint().y()))
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QEvent) -> None:
        if event.mimeData().hasUrls():  # type: ignore[attr-defined]
            event.acceptProposedAction()  # type: ignore[attr-defined]

    def dropEvent(self, event: QDropEvent) -> None:
        self._dropped(event, -1)

    def _dropped(self, event: QDropEvent, row: int) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths, row)

    # --- the preview and the one undoable step ---------------------------------------------
    def show_preview(self, preview: ImportPreview) -> None:
        dialog = ImportPreviewDialog(preview, self.items(), self)
        self.preview_dialog = dialog
        dialog.accepted.connect(lambda: self._add_from(dialog))
        dialog.finished.connect(lambda _result: self._back_to_list())
        dialog.open()
        dialog.activateWindow()
        dialog.table.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _back_to_list(self) -> None:
        # Back in the list, where Ctrl+Z undoes the import as one step.
        self.window().activateWindow()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_from(self, dialog: ImportPreviewDialog) -> None:
        items, links = dialog.chosen()
        if not items:
            return
        files = [full_text_attachment(items[i], pdf) for i, pdf in sorted(links.items())]
        self.undo_stack.push(_AddImported(self, list(items), files))
        self.table.setFocus()

    def _attach_to_row(self, pdfs: list[Path], row: int) -> None:
        if row < 0:
            row = self.current_row()
        item = self._items[row] if 0 <= row < len(self._items) else None
        if getattr(item, "type", "") != "article" or len(pdfs) != 1:
            self._say("Drop one full-text PDF on the article it belongs to, or drop it together "
                      "with the article's citation file.")
            return
        self.undo_stack.push(_AddImported(self, [], [full_text_attachment(item, pdfs[0])]))

    def _say(self, text: str) -> None:
        QMessageBox.information(self, "Evidence", text)


class _AddImported(QUndoCommand):
    """Imported items appended to the evidence, and their full texts to the attachments."""

    def __init__(self, editor: EvidenceEditor, items: list[BaseModel],
                 files: list[BaseModel]) -> None:
        words = f"{len(items)} evidence item{'s' if len(items) != 1 else ''}"
        super().__init__(f"import {words}" if items else "attach full text")
        self._editor, self._items, self._files = editor, items, files
        self._first = 0

    def redo(self) -> None:
        self._first = len(self._editor.items())
        for offset, item in enumerate(self._items):
            self._editor.insert_item(self._first + offset, item)
        target = self._editor.attachments
        if target is not None:
            for attachment in self._files:
                target.insert_item(len(target.items()), attachment)

    def undo(self) -> None:
        for _ in self._items:
            self._editor.take_item(self._first)
        target = self._editor.attachments
        if target is not None:
            for attachment in self._files:
                rows = [i for i, a in enumerate(target.items()) if a is attachment]
                if rows:
                    target.take_item(rows[-1])
        if self._editor.current_row() < 0 and self._editor.items():
            self._editor.select_row(len(self._editor.items()) - 1)


def connect_attachments(evidence: QWidget, attachments: RowListEditor) -> None:
    """Let the evidence section add full-text attachments to the attachments section."""
    if isinstance(evidence, EvidenceEditor):
        evidence.attachments = attachments


def add_evidence(evidence: QWidget, items: list[BaseModel],
                 files: list[BaseModel] | None = None) -> None:
    """Append evidence rows, and full-text attachments, in one step Ctrl+Z undoes (a practice
    regimen's evidence and the full texts of its articles)."""
    if isinstance(evidence, EvidenceEditor) and (items or files):
        evidence.undo_stack.push(_AddImported(evidence, list(items), list(files or [])))
