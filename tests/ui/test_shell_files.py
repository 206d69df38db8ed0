"""Case files in and out of the app, starting the app as a process, and keyboard access."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableView

from desktop_app.domain.casefile import load_case
from desktop_app.ui import export_flow, file_actions
from tests.ui.conftest import click_in_next_dialog

ROOT = Path(__file__).resolve().parents[2]


def _good_case(examples_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (examples_dir / "medicare-part-b-preauth.json").read_text(encoding="utf-8"))
    return data


def test_import_adds_good_files_and_names_file_and_field_of_bad_ones(
    window: Any, tmp_path: Path, examples_dir: Path
) -> None:
    good = _good_case(examples_dir)
    good["patient"]["name"] = "Mei Ivanova"
    bad = _good_case(examples_dir)
    bad["patient"]["dob"] = 19540422  # a number, not a date
    typo = _good_case(examples_dir)
    typo["payer"]["memberid"] = "X1"
    paths = []
    for name, data in (("good.json", good), ("bad-dob.json", bad), ("typo.json", typo)):
        paths.append(tmp_path / name)
        paths[-1].write_text(json.dumps(data), encoding="utf-8")
    seen = click_in_next_dialog("OK")
    assert file_actions.import_case_files(window, paths) == 1
    assert "bad-dob.json" in seen["text"] and "patient.dob" in seen["text"]
    assert "typo.json" in seen["text"] and "payer.memberid" in seen["text"]
    assert window.page.current_case().patient.name == "Mei Ivanova"
    assert [s.patient_name for s in window.store.list_cases()] == ["Mei Ivanova"]


def test_export_case_file_round_trips(
    window: Any, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = examples_dir / "medicare-part-b-preauth.json"
    file_actions.import_case_files(window, [source])
    monkeypatch.setattr(export_flow, "ask_save_path",
                        lambda _p, _t, suggested, _f: tmp_path / suggested.name)
    saved = file_actions.export_case_file(window)
    assert saved is not None and saved.suffix == ".json"
    name = load_case(source).patient.name
    assert name.split()[0] not in saved.name  # no PHI in the file name
    assert load_case(saved) == load_case(source)


def test_exported_case_file_is_private_and_named_as_a_case(
    window: Any, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_actions.import_case_files(window, [examples_dir / "medicare-part-b-preauth.json"])
    offered: list[Path] = []

    def choose(_parent: Any, _title: str, suggested: Path, _fmt: str) -> Path:
        offered.append(suggested)
        return tmp_path / suggested.name

    monkeypatch.setattr(export_flow, "ask_save_path", choose)
    saved = file_actions.export_case_file(window)
    assert saved is not None
    assert offered[0].name.startswith("prior-auth-case-")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert window.statusBar().currentMessage() == f"Case file saved: {saved.name}"


def test_export_into_a_folder_that_is_gone_says_so(
    window: Any, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_actions.import_case_files(window, [examples_dir / "medicare-part-b-preauth.json"])
    monkeypatch.setattr(export_flow, "ask_save_path",
                        lambda *_args: tmp_path / "no-such-folder" / "case.json")
    seen = click_in_next_dialog("OK")
    assert file_actions.export_case_file(window) is None
    assert "could not be saved" in seen["text"] and "case.json" in seen["text"]
    assert "Traceback" not in seen["text"]


def test_a_giant_file_is_refused_and_the_rest_imported(
    window: Any, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app import limits

    good = examples_dir / "medicare-part-b-preauth.json"
    giant = tmp_path / "giant.json"
    limit = good.stat().st_size  # stands in for 5 MB, so the test writes little
    giant.write_bytes(b" " * (limit + 1))
    monkeypatch.setattr(limits, "CASE_FILE_BYTES", limit)
    seen = click_in_next_dialog("OK")
    assert file_actions.import_case_files(window, [giant, good]) == 1
    assert "giant.json" in seen["text"] and "too large" in seen["text"]


def test_app_starts_as_a_process_with_the_examples_and_reports_ready(tmp_path: Path) -> None:
    env = dict(os.environ, PA_LETTER_HOME=str(tmp_path), PA_LETTER_EXIT_WHEN_READY="1",
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "desktop_app.ui.app"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    ready = [line for line in done.stdout.splitlines() if line.startswith("ready:")]
    assert ready and " 0 cases listed" not in ready[0]


def test_ctrl_f_goes_to_search_and_inputs_have_accessible_names(window: Any, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.list_pane.search
    shell_inputs = [w for kind in (QLineEdit, QComboBox, QTableView)
                    for w in window.list_pane.findChildren(kind)]
    assert shell_inputs
    assert all(w.accessibleName() for w in shell_inputs)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Case", "&View", "Si&gn", "&Tools", "&Help"]
    shortcuts = {a.shortcut().toString() for a in (
        window.menu_actions.new, window.menu_actions.import_cases, window.menu_actions.export_pdf,
        window.menu_actions.export_docx, window.menu_actions.find, window.menu_actions.delete,
        window.menu_actions.undo_delete, window.menu_actions.refresh_preview)}
    assert shortcuts == {"Ctrl+N", "Ctrl+O", "Ctrl+E", "Ctrl+Shift+E", "Ctrl+F", "Del",
                         "Ctrl+Z", "F5"}
