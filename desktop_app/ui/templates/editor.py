"""The template editor window: coloured text, Insert menu, live problems list and PDF preview."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.errors import AppError
from desktop_app.services import template_preview
from desktop_app.services import templates as service
from desktop_app.services.lint_worker import lint_in_worker
from desktop_app.ui.plain_text import plain_message
from desktop_app.ui.templates.highlighter import TemplateHighlighter
from desktop_app.ui.templates.preview import TemplatePreview
from desktop_app.ui.templates.problems import ProblemsList
from desktop_app.ui.templates.text_edit import TemplateTextEdit
from desktop_app.ui.workers import start_task

LINT_DELAY_MS = 300
_FRONT_VALUE = re.compile(r'^\s*(id|kind|version|title)\s*=\s*"?([^"#\n]*)"?', re.MULTILINE)


def front_values(text: str) -> dict[str, str]:
    """id, kind, version and title as typed (for the title bar; the linter judges them)."""
    head = text.split("+++", 2)[1] if text.count("+++") >= 2 else ""
    return {m.group(1): m.group(2).strip() for m in _FRONT_VALUE.finditer(head)}


class TemplateEditorWindow(QMainWindow):
    """Edit one template; `saved(TemplateInfo)` after each successful save."""

    saved = Signal(object)

    def __init__(
        self,
        text: str,
        *,
        location: str = "user",
        is_new: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.location = location
        self.is_new = is_new
        self.editor = TemplateTextEdit()
        self.highlighter = TemplateHighlighter(self.editor.document())
        self.editor.setPlainText(text)
        self.editor.document().setModified(is_new)
        self.problems = ProblemsList()
        self.problems.line_activated.connect(self.editor.go_to_line)
        self.preview = TemplatePreview(front_values(text).get("kind", "preauth"))
        self._build_layout()
        self._build_menus()
        self._lint_timer = QTimer(self)
        self._lint_timer.setSingleShot(True)
        self._lint_timer.setInterval(LINT_DELAY_MS)
        self._lint_timer.timeout.connect(self.check_now)
        self._lint_generation = 0
        self.last_problems: list[service.TemplateProblemInfo] | None = None
        self.editor.textChanged.connect(self._text_changed)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self.editor.document().modificationChanged.connect(lambda _m: self._update_title())
        self._update_title()
        self.resize(1400, 860)
        self.check_now()

    # --- layout -------------------------------------------------------------------------
    def _build_layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            "Edit the letter below. Problems are listed under the text as you type "
            "(double-click one to go to its line); the preview on the right uses a sample case."
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        text_and_problems = QSplitter(Qt.Orientation.Vertical)
        text_and_problems.addWidget(self.editor)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(QLabel("<b>Problems</b>"))
        box_layout.addWidget(self.problems)
        text_and_problems.addWidget(box)
        text_and_problems.setSizes([620, 200])
        column.addWidget(text_and_problems, 1)
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(left)
        sides.addWidget(self.preview)
        sides.setSizes([820, 580])
        self.setCentralWidget(sides)
        self.position = QLabel()
        self.statusBar().addPermanentWidget(self.position)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.save_action = self._action(
            file_menu, "&Save", self.save, QKeySequence.StandardKey.Save
        )
        self._action(file_menu, "&Export to a file…", self.export_file)
        file_menu.addSeparator()
        self._action(file_menu, "&Close", self.close, QKeySequence.StandardKey.Close)
        edit = self.menuBar().addMenu("&Edit")
        self.undo_action = self._action(
            edit, "&Undo", self.editor.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit, "&Redo", self.editor.redo, QKeySequence.StandardKey.Redo
        )
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.editor.undoAvailable.connect(self.undo_action.setEnabled)
        self.editor.redoAvailable.connect(self.redo_action.setEnabled)
        edit.addSeparator()
        self._action(edit, "Cu&t", self.editor.cut, QKeySequence.StandardKey.Cut)
        self._action(edit, "&Copy", self.editor.copy, QKeySequence.StandardKey.Copy)
        self._action(edit, "&Paste", self.editor.paste, QKeySequence.StandardKey.Paste)
        self._action(edit, "Select &all", self.editor.selectAll, QKeySequence.StandardKey.SelectAll)
        self.insert_menu = self.menuBar().addMenu("&Insert")
        self._build_insert_menu(self.insert_menu)
        template = self.menuBar().addMenu("&Template")
        self._action(template, "&Check now", self.check_now, QKeySequence("F5"))
        self._action(template, "Go to &next problem", self.next_problem, QKeySequence("F8"))

    def _action(self, menu: QMenu, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_insert_menu(self, menu: QMenu) -> None:
        menu.setToolTipsVisible(True)
        groups: dict[str, QMenu] = {}
        for doc in template_preview.insertable_fields():
            if not doc.insert:
                continue
            group = groups.get(doc.group)
            if group is None:
                group = menu.addMenu(doc.group)
                group.setToolTipsVisible(True)
                groups[doc.group] = group
            words = doc.description if len(doc.description) < 60 else doc.description[:57] + "…"
            action = QAction(f"{doc.name}  —  {words}", self)
            action.setToolTip(f"{doc.description}\nInserts: {doc.insert}")
            action.setStatusTip(doc.description)
            action.setData(doc.insert)
            action.triggered.connect(lambda _c=False, snippet=doc.insert: self.insert(snippet))
            group.addAction(action)

    # --- behaviour ----------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def insert(self, snippet: str) -> None:
        self.editor.insertPlainText(snippet)
        self.editor.setFocus()

    def _text_changed(self) -> None:
        self._lint_timer.start()

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position.setText(
            f"Line {cursor.blockNumber() + 1}, column {cursor.positionInBlock() + 1}"
        )

    def _update_title(self) -> None:
        values = front_values(self.text())
        where = service.LOCATION_WORDS.get(self.location, "")
        state = " — not saved yet" if self.is_new else ""
        star = "*" if self.editor.document().isModified() else ""
        self.setWindowTitle(
            f"{star}Template {values.get('id', '?')} v{values.get('version', '?')} "
            f"({where}){state} — PA Letter Studio"
        )

    def check_now(self) -> None:
        """Lint the current text off the GUI thread; only the newest result is shown."""
        self._lint_timer.stop()
        self._lint_generation += 1
        generation, text = self._lint_generation, self.text()
        # In a child process with capped memory and time: no template can freeze the app.
        start_task(
            lambda: lint_in_worker(text),
            lambda problems: self._linted(generation, text, problems),
            lambda exc: self._lint_failed(generation, exc),
            owner=self,
        )

    def _linted(self, generation: int, text: str, problems: Any) -> None:
        if not isValid(self) or generation != self._lint_generation:
            return
        self.last_problems = list(problems)
        self.problems.show_problems(self.last_problems)
        self.editor.set_problem_lines({p.line for p in self.last_problems if p.line})
        errors = [p for p in self.last_problems if p.severity == "error"]
        self.statusBar().showMessage(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} to fix before saving"
            if errors
            else "No problems: ready to save",
            0,
        )
        self._update_title()
        if errors:
            self.preview.show_waiting(
                "Preview not updated: fix the problems listed under the text"
                + (
                    " (the letter shown is the last version without problems)."
                    if self.preview.last_pdf
                    else "."
                )
            )
        else:
            self.preview.refresh(text)

    def _lint_failed(self, generation: int, exc: BaseException) -> None:
        if isValid(self) and generation == self._lint_generation:
            self.problems.show_failure(f"The template could not be checked: {exc}")

    def next_problem(self) -> None:
        lines = self.problems.lines()
        current = self.editor.current_line()
        later = [n for n in lines if n > current]
        if lines:
            self.editor.go_to_line(later[0] if later else lines[0])

    def save(self) -> bool:
        """Save a new version; refused (with the line) while the template has errors."""
        text = self.text()
        try:
            info = service.save_template_text(text, self.location)
        except AppError as exc:
            if exc.line:
                self.editor.go_to_line(exc.line)
            QMessageBox.warning(
                self,
                "Template not saved",
                plain_message(str(exc.message) + (f"\n\n{exc.hint}" if exc.hint else "")),
            )
            return False
        self._take_saved_version(info.version)
        self.is_new = False
        self.editor.document().setModified(False)
        self._update_title()
        self.statusBar().showMessage(f"Saved as version {info.version}", 8000)
        self.saved.emit(info)
        return True

    def _take_saved_version(self, version: str) -> None:
        """Show the raised version in the text without losing the undo history."""
        lines = self.text().split("\n")
        for number, line in enumerate(lines, 1):
            match = re.match(r"^(\s*version\s*=\s*)(\"[^\"]*\"|'[^']*'|\d+)(.*)$", line)
            if match:
                value = (
                    version if match.group(2).isdigit() and version.isdigit() else f'"{version}"'
                )
                new_line = f"{match.group(1)}{value}{match.group(3)}"
                if new_line != line:
                    self.editor.replace_line(number, new_line)
                return

    def export_file(self) -> None:
        name = front_values(self.text()).get("id", "template") + ".letter"
        target, _ = QFileDialog.getSaveFileName(
            self, "Export template", name, "Letter templates (*.letter)"
        )
        if target:
            try:
                service.export_template_file(self.text(), Path(target))
            except (AppError, OSError) as exc:
                QMessageBox.warning(self, "Not exported", plain_message(str(exc)))

    def ask_about_unsaved(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self,
            "Unsaved changes",
            "This template has changes that are not saved. Save them as a new version?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor.document().isModified():
            answer = self.ask_about_unsaved()
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        self._lint_generation += 1  # drop results still on their way
        super().closeEvent(event)
