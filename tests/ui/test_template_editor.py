"""Template manager and editor, driven as an admin would: duplicate, edit, lint, preview, save."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop_app.services import templates as service
from desktop_app.ui.templates import TemplateManagerDialog, open_template_manager
from desktop_app.ui.templates.dialogs import DuplicateDialog, HistoryDialog
from desktop_app.ui.templates.editor import TemplateEditorWindow
from desktop_app.ui.workers import wait_for_tasks
from tests.ui._messages import shown_text
from tests.ui._typing import type_text

ROOT = Path(__file__).resolve().parents[2]
APPEAL = (ROOT / "templates" / "offlabel-appeal.letter").read_text(encoding="utf-8")


@pytest.fixture
def manager(qtbot: Any) -> Any:
    dialog = TemplateManagerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    for editor in list(dialog.editors):
        editor.editor.document().setModified(False)
        editor.close()
    wait_for_tasks(10000)


def _select(manager: TemplateManagerDialog, template_id: str, location: str) -> None:
    keys = [(r.id, r.location) for r in manager.rows]
    manager.table.selectRow(keys.index((template_id, location)))


def _duplicate(manager: TemplateManagerDialog, new_id: str | None) -> TemplateEditorWindow:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DuplicateDialog)
        if new_id is None:
            dialog.replace.setChecked(True)
        else:
            dialog.new_id.setText(new_id)
        dialog._accept()

    QTimer.singleShot(50, fill)
    editor = manager.duplicate()
    assert editor is not None
    return editor


def _wait_for_lint(qtbot: Any, editor: TemplateEditorWindow) -> None:
    editor.last_problems = None
    editor.check_now()
    qtbot.waitUntil(lambda: editor.last_problems is not None, timeout=10000)


def _line_of(editor: TemplateEditorWindow, needle: str) -> int:
    return next(n for n, line in enumerate(editor.text().splitlines(), 1) if needle in line)


def _replace_in_editor(editor: TemplateEditorWindow, old: str, new: str) -> None:
    """Select `old` in the text box and type `new` over it, key by key."""
    editor.editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert editor.editor.find(old)
    type_text(editor.editor, new)


def test_built_ins_listed_read_only(manager: TemplateManagerDialog) -> None:
    texts = {
        manager.table.item(r, 0).text(): manager.table.item(r, 5).text()
        for r in range(manager.table.rowCount())
    }
    assert texts["offlabel-appeal"] == "Built-in"
    _select(manager, "offlabel-appeal", "built-in")
    assert not manager.buttons["edit"].isEnabled()
    assert not manager.buttons["delete"].isEnabled()
    assert manager.buttons["duplicate"].isEnabled()


def test_duplicate_dialog_explains_both_choices(qtbot: Any, manager: TemplateManagerDialog) -> None:
    _select(manager, "offlabel-appeal", "built-in")
    dialog = DuplicateDialog(manager.selected(), manager)
    qtbot.addWidget(dialog)
    words = " ".join(w.text() for w in dialog.findChildren(type(dialog.problem)))
    assert "Every letter of this kind will use your copy" in words
    assert "The built-in stays as it is" in words
    dialog.new_id.setText("Bad Id")
    dialog._accept()
    assert "lowercase letters" in dialog.problem.text()
    assert dialog.result() != QDialog.DialogCode.Accepted


def _builtin_appeal_version() -> tuple[str, int]:
    builtin = Path(__file__).resolve().parents[2] / "templates" / "offlabel-appeal.letter"
    text = builtin.read_text(encoding="utf-8")
    found = re.search(r'^version = "(\d+\.\d+)\.(\d+)"', text, re.M)
    assert found is not None
    return found[1], int(found[2])


def test_duplicate_reword_save_bumps_version_and_old_one_restores(
    qtbot: Any, manager: TemplateManagerDialog
) -> None:
    _select(manager, "offlabel-appeal", "built-in")
    editor = _duplicate(manager, None)  # keep the id: replaces the built-in
    assert "not saved yet" in editor.windowTitle()
    _replace_in_editor(editor, "Dear Appeals Reviewer:", "To the Appeals Reviewer,")
    _wait_for_lint(qtbot, editor)
    base, patch = _builtin_appeal_version()
    assert editor.save()
    assert f'version = "{base}.{patch + 1}"' in editor.text()
    row = next(r for r in manager.rows if r.location == "user")
    assert (row.id, row.version, row.status) == (
        "offlabel-appeal",
        f"{base}.{patch + 1}",
        "Custom — overrides built-in",
    )
    _replace_in_editor(editor, "To the Appeals Reviewer,", "Dear Reviewer,")
    assert editor.save()
    assert f'version = "{base}.{patch + 2}"' in editor.text()
    _select(manager, "offlabel-appeal", "user")
    history = HistoryDialog(manager.selected(), manager)
    qtbot.addWidget(history)
    labels = [history.versions.item(i).text() for i in range(history.versions.count())]
    assert labels[0].startswith(f"v{base}.{patch + 2}") and labels[0].endswith("(current)")
    history.versions.setCurrentRow(1)
    assert "To the Appeals Reviewer," in history.text.toPlainText()
    history.restore()
    assert history.restored is not None and history.restored.version == f"{base}.{patch + 3}"
    assert "To the Appeals Reviewer," in service.template_source("offlabel-appeal")


def test_a_typing_mistake_is_listed_with_its_line_and_enter_jumps_there(
    qtbot: Any, manager: TemplateManagerDialog
) -> None:
    _select(manager, "offlabel-appeal", "built-in")
    editor = _duplicate(manager, "northwind-appeal")
    _replace_in_editor(
        editor, "{{ case.patient.name }}, to appeal", "{{ case.patient.nmae }}, to appeal"
    )
    line = _line_of(editor, "case.patient.nmae")
    qtbot.waitUntil(lambda: any("nmae" in t for t in editor.problems.texts()), timeout=10000)
    assert editor.problems.texts() == [
        f"Line {line}: 'case.patient.nmae' is not a known field; did you mean 'name'?"
    ]
    editor.editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.problems.setCurrentRow(0)
    editor.problems.setFocus()
    qtbot.keyClick(editor.problems, Qt.Key.Key_Return)
    assert editor.editor.current_line() == line
    assert editor.editor.hasFocus() or editor.editor.textCursor().blockNumber() + 1 == line
    assert "problem" in editor.statusBar().currentMessage()


def test_save_is_refused_while_problems_stand(
    qtbot: Any, manager: TemplateManagerDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    _select(manager, "offlabel-appeal", "built-in")
    editor = _duplicate(manager, "broken-appeal")
    _replace_in_editor(editor, "{% endif %}", "{% endi %}")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    assert not editor.save()
    assert said and shown_text(said[0]).startswith("not saved: the template has")
    assert "line" in said[0]
    assert all(r.id != "broken-appeal" for r in service.template_catalog())


def test_undo_and_redo_are_in_the_menu_with_shortcuts(
    qtbot: Any, manager: TemplateManagerDialog
) -> None:
    _select(manager, "offlabel-appeal", "built-in")
    editor = _duplicate(manager, "undo-appeal")
    assert editor.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert editor.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    before = editor.text()
    _replace_in_editor(editor, "Dear Appeals Reviewer:", "Hello")
    assert editor.undo_action.isEnabled()
    while editor.text() != before and editor.undo_action.isEnabled():
        editor.undo_action.trigger()
    assert editor.text() == before
    editor.redo_action.trigger()
    assert editor.text() != before


def test_insert_menu_lists_fields_with_descriptions(
    qtbot: Any, manager: TemplateManagerDialog
) -> None:
    _select(manager, "offlabel-appeal", "built-in")
    editor = _duplicate(manager, "insert-appeal")
    groups = {a.text(): a.menu() for a in editor.insert_menu.actions() if a.menu()}
    assert {"Patient", "Drug", "Ready-made wording", "Filters", "Letter markup"} <= set(groups)
    ndc = next(a for a in groups["Drug"].actions() if a.text().startswith("case.drug.ndc "))
    assert "National Drug Code" in ndc.toolTip()
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    ndc.trigger()
    assert editor.text().endswith("{{ case.drug.ndc }}")


def test_preview_renders_and_a_render_error_is_shown_in_words(
    qtbot: Any, manager: TemplateManagerDialog
) -> None:
    _select(manager, "offlabel-appeal", "built-in")
    editor = _duplicate(manager, "preview-appeal")
    qtbot.waitUntil(lambda: editor.preview.last_pdf is not None, timeout=20000)
    assert editor.preview.last_pdf.startswith(b"%PDF")
    assert "page" in editor.preview.status.text()
    # A loop that never ends passes the syntax check but is stopped when the letter is drawn.
    _replace_in_editor(
        editor,
        "<p>Dear Appeals Reviewer:</p>",
        "<p>{% for a in range(99999) %}{% for b in case.evidence * 99 %}"
        "{% endfor %}{% endfor %}</p>",
    )
    line = _line_of(editor, "range(99999)")
    qtbot.waitUntil(
        lambda: "loops ran more than" in " ".join(editor.problems.texts()), timeout=20000
    )
    assert any(t.startswith(f"Line {line}:") for t in editor.problems.texts())
    assert "Preview not updated" in editor.preview.status.text()


def test_open_template_manager_is_one_call(qtbot: Any) -> None:
    open_template_manager(None)
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, TemplateManagerDialog)]
    assert any(w.isVisible() for w in shown)
    open_template_manager(None)  # a second call raises the same window
    visible = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TemplateManagerDialog) and w.isVisible()
    ]
    assert len(visible) == 1
    for window in visible:
        window.close()


def test_delete_asks_first_and_built_in_returns(
    qtbot: Any, manager: TemplateManagerDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.save_template_text(APPEAL.replace("Dear Appeals Reviewer:", "Hi:"))
    manager.reload()
    _select(manager, "offlabel-appeal", "user")
    asked: list[str] = []
    monkeypatch.setattr(manager, "confirm", lambda _t, text: asked.append(text) or False)
    manager.delete()
    assert "Letters will use the built-in" in asked[0]
    assert any(r.location == "user" for r in manager.rows)
    monkeypatch.setattr(manager, "confirm", lambda _t, _text: True)
    manager.delete()
    assert [r.status for r in manager.rows if r.id == "offlabel-appeal"] == ["Built-in"]


def test_import_refuses_a_broken_file_with_its_line(
    qtbot: Any, manager: TemplateManagerDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "theirs.letter"
    broken.write_text(
        APPEAL.replace("facts.drug_name }}", "facts.drugname }}", 1), encoding="utf-8"
    )
    said: list[str] = []
    monkeypatch.setattr(manager, "choose_import_file", lambda: broken)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    manager.import_file()
    lines = broken.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "drugname" in text)
    assert [shown_text(text) for text in said] == [
        f"theirs.letter: line {line}: not saved: the template has a problem (line {line}: "
        "'facts.drugname' is not a known field; did you mean 'drug_name'?)"
    ]
    good = ROOT / "docs" / "examples" / "peer-to-peer-request.letter"
    monkeypatch.setattr(manager, "choose_import_file", lambda: good)
    manager.import_file()
    assert manager.selected() is not None and manager.selected().id == "peer-to-peer-request"


def test_an_unreachable_shared_folder_is_said_in_the_manager_and_the_window(
    qtbot: Any, tmp_path: Path, store: Any, make_window: Any
) -> None:
    from desktop_app.storage.settings import PracticeSettings, save_settings

    save_settings(PracticeSettings(shared_templates_dir=str(tmp_path / "unplugged")))
    dialog = TemplateManagerDialog()
    qtbot.addWidget(dialog)
    assert not dialog.shared_problem.isHidden()
    assert "cannot be reached" in dialog.shared_problem.text()

    window = make_window(store)
    window.load_cases()
    note = window.folder_notes[0].label
    assert note is not None and not note.isHidden()
    assert "network drive" in note.toolTip()

    (tmp_path / "unplugged").mkdir()  # the drive is back
    window.load_cases()
    assert note.isHidden()
    dialog.reload()
    assert dialog.shared_problem.isHidden()


def test_a_custom_template_title_shaped_like_markup_shows_as_typed(
    qtbot: Any, manager: TemplateManagerDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (ROOT / "docs" / "examples" / "peer-to-peer-request.letter").read_text("utf-8")
    marked = tmp_path / "<i>ours.letter"
    marked.write_text(re.sub(r'^title = ".*"$', 'title = "Peer <b>review</b> & call"',
                             source, count=1, flags=re.M), encoding="utf-8")
    monkeypatch.setattr(manager, "choose_import_file", lambda: marked)
    manager.import_file()
    info = manager.selected()
    assert info is not None and info.title == "Peer <b>review</b> & call"
    shown = manager.about.text()
    assert "Peer &lt;b&gt;review&lt;/b&gt; &amp; call" in shown
    assert "<b>review</b>" not in shown
