"""Tools > Audit log > Export to CSV…: the office hands the log over as a file, and the log
shows that it did."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.services import audit
from desktop_app.ui.signing.audit_dialog import AuditLogDialog


@pytest.fixture(autouse=True)
def _release_connections() -> Iterator[None]:
    yield
    audit.close()


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _choose(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kw: (str(target), "CSV (*.csv)"))


def test_export_saves_the_log_and_the_table_shows_the_export(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit.record("letter.rendered", "case-a", {"format": "pdf"})
    audit.record("letter.signed", "case-b", {"pages": 3})
    dialog = AuditLogDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "<b>log&amp;.csv"  # a name is data: shown as typed, never as markup
    _choose(monkeypatch, target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [row["action"] for row in _rows(target)] == ["letter.rendered", "letter.signed"]
    assert dialog.integrity.text() == "Saved 2 entries to <b>log&amp;.csv (times in UTC)."
    assert dialog.integrity.textFormat() == Qt.TextFormat.PlainText
    assert dialog.table.item(0, 2).text() == "Audit log exported"
    assert "entries 2" in dialog.table.item(0, 4).text()
    assert not dialog.problem.isVisible()


def test_a_case_s_log_exports_only_that_case(qtbot: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    audit.record("letter.rendered", "case-a", {"format": "pdf"})
    audit.record("letter.rendered", "case-b", {"format": "docx"})
    dialog = AuditLogDialog(None, "case-b")
    qtbot.addWidget(dialog)
    target = tmp_path / "case-b.csv"
    _choose(monkeypatch, target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [row["case_id"] for row in _rows(target)] == ["case-b"]


def test_a_folder_that_is_gone_is_said_in_words_and_nothing_is_saved(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit.record("letter.rendered", "case-a", {"format": "pdf"})
    dialog = AuditLogDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(monkeypatch, tmp_path / "unplugged-drive" / "log.csv")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and "log.csv" in dialog.problem.text()
    assert "Traceback" not in dialog.problem.text()
    assert [e.action for e in audit.entries(5)] == ["letter.rendered"]
    assert not list(tmp_path.rglob("*.csv"))


def test_cancelling_the_file_chooser_saves_nothing(qtbot: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    audit.record("letter.rendered", "case-a", {"format": "pdf"})
    dialog = AuditLogDialog()
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [e.action for e in audit.entries(5)] == ["letter.rendered"]
    assert dialog.integrity.text() == ""
