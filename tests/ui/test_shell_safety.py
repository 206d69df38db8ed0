"""Nothing lost: edits from two windows, a damaged database, and unexpected errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from desktop_app.services.cases import open_case_store
from desktop_app.storage.paths import data_home
from desktop_app.ui import app as app_module
from desktop_app.ui.crash import CrashHandler
from desktop_app.ui.damaged_db import QUIT, RESTORE
from desktop_app.ui.first_run import load_examples_if_first_run
from tests.ui.conftest import click_in_next_dialog, type_text

PATIENT = "Beatrice Adeyemi-Cole"


def _two_windows_on_one_case(store: Any, make_window: Any, qtbot: Any) -> tuple[Any, Any]:
    load_examples_if_first_run(store)
    case_id = next(s.id for s in store.list_cases() if s.patient_name == PATIENT)
    mine, theirs = make_window(store), make_window(open_case_store())
    for window in (mine, theirs):
        window.open_case(case_id)
    return mine, theirs


def _type_phone(window: Any, text: str, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    window.page.editor.focus_field("patient.phone")
    box = QApplication.focusWidget()
    box.selectAll()
    type_text(box, text)


def test_edit_conflict_banner_reload_theirs(store: Any, make_window: Any, qtbot: Any) -> None:
    mine, theirs = _two_windows_on_one_case(store, make_window, qtbot)
    _type_phone(theirs, "555-0101", qtbot)
    assert theirs.page.flush()
    _type_phone(mine, "555-0202", qtbot)
    assert not mine.page.flush()
    banner = mine.page.banner
    assert banner.isVisible() and "another window" in banner.text.text()
    assert QApplication.activeModalWidget() is None  # not modal: staff can still read the case
    banner.button("Reload theirs").click()
    assert mine.page.current_case().patient.phone == "555-0101"
    assert not banner.isVisible()
    _type_phone(mine, "555-0303", qtbot)  # saving works again after the reload
    assert mine.page.flush()


def test_edit_conflict_keep_mine_saves_a_copy(store: Any, make_window: Any, qtbot: Any) -> None:
    mine, theirs = _two_windows_on_one_case(store, make_window, qtbot)
    original = mine.page.case_id
    _type_phone(theirs, "555-0101", qtbot)
    theirs.page.flush()
    _type_phone(mine, "555-0202", qtbot)
    mine.page.flush()
    mine.page.banner.button("Keep mine (save as a copy)").click()
    assert mine.page.case_id != original
    assert mine.page.current_case().patient.phone == "555-0202"
    assert store.get_case(original).case.patient.phone == "555-0101"
    assert store.get_case(mine.page.case_id).parent_case_id == original


def _damage_database(with_backup: bool = True) -> Path:
    from desktop_app.services import audit
    from desktop_app.services.backups import daily_backup_if_due

    store = open_case_store()
    load_examples_if_first_run(store)
    if with_backup:
        daily_backup_if_due(store.database)
    store.close()
    audit.close()
    path = data_home() / "cases.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes\x00" * 200)
    return path


def test_damaged_database_names_the_newest_backup_and_restores_it(qapp: Any) -> None:
    path = _damage_database()
    # After the choice, a second message says what was restored and where the old file is.
    seen = click_in_next_dialog(RESTORE, then=["OK"])
    store = app_module.open_store()
    confirm = seen["then"][0]
    assert confirm.get("clicked") == "OK" and "Restored" in confirm["text"]
    assert "replaced database is kept" in confirm["text"]
    assert seen.get("clicked") == RESTORE
    assert "pa-letter backup restore" in seen["text"] and "nothing is deleted" in seen["text"]
    assert store is not None
    assert len(store.list_cases()) >= 5  # the examples are back
    store.close()
    kept = [p for p in (path.parent / "backups").iterdir() if "replaced" in p.name]
    assert kept, "the damaged file is kept among the backups"


def test_damaged_database_without_a_backup_is_never_replaced(qapp: Any) -> None:
    path = _damage_database(with_backup=False)
    damaged = path.read_bytes()
    seen = click_in_next_dialog(QUIT)
    assert app_module.open_store() is None
    assert seen.get("clicked") == QUIT
    assert "No good backup" in seen["text"]
    assert path.read_bytes() == damaged


def test_damaged_database_quit_leaves_the_file(qapp: Any) -> None:
    path = _damage_database()
    damaged = path.read_bytes()
    seen = click_in_next_dialog(QUIT)
    assert app_module.open_store() is None
    assert seen.get("clicked") == QUIT
    assert path.read_bytes() == damaged


def _raise_with_patient_data() -> None:
    patient_name = "Rosa Delgado-Ibarra"  # a local value: must not reach the report
    raise ValueError(f"cannot format letter for {patient_name}, DOB 1961-04-12")


def test_unexpected_error_saves_work_and_writes_a_report_without_phi(
    store: Any, make_window: Any, qtbot: Any
) -> None:
    load_examples_if_first_run(store)
    window = make_window(store)
    window.open_case(store.list_cases()[0].id)
    _type_phone(window, "555-0199", qtbot)
    assert window.page.autosave.pending
    handler = CrashHandler(window.flush, lambda: window)
    seen = click_in_next_dialog("OK")
    try:
        _raise_with_patient_data()
    except ValueError:
        handler(*sys.exc_info())
    assert "Your work is saved" in seen["text"]
    assert store.get_case(window.page.case_id).case.patient.phone == "555-0199"
    report = handler.last_report
    assert report is not None and report.parent == data_home() / "reports"
    text = report.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text
    assert "_raise_with_patient_data" in text
    for secret in ("Rosa", "Delgado", "1961", "555-0199", "patient_name"):
        assert secret not in text
    assert oct(report.stat().st_mode & 0o777) == "0o600"


def test_a_second_error_while_the_message_shows_does_not_stack_dialogs(qapp: Any) -> None:
    handler = CrashHandler(lambda: None, lambda: None)
    handler.showing = True
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        handler(*sys.exc_info())
    assert QApplication.activeModalWidget() is None
    assert handler.last_report is not None and handler.last_report.exists()


def test_handler_installs_and_restores_excepthook() -> None:
    before = sys.excepthook
    handler = CrashHandler(lambda: None, lambda: None)
    handler.install()
    assert sys.excepthook is handler
    handler.uninstall()
    assert sys.excepthook is before


def test_a_data_folder_that_cannot_be_used_is_said_in_a_dialog_and_nothing_starts(
    qapp: Any, monkeypatch: Any
) -> None:
    """PA_LETTER_HOME naming the top of a disk once ended in a traceback, after the app had
    made it readable by one user alone."""
    from desktop_app.storage import paths

    tried: list[object] = []
    monkeypatch.setattr(Path, "chmod", lambda self, mode: tried.append(self))
    monkeypatch.setattr(paths, "_tighten", {})
    monkeypatch.setenv("PA_LETTER_HOME", "/")
    seen = click_in_next_dialog("OK")
    assert app_module.main([]) == 1
    assert seen.get("clicked") == "OK"
    assert "PA Letter Studio cannot start: its data folder cannot be used" in seen["text"]
    assert "PA_LETTER_HOME names a folder that holds far more than this app's data" in seen["text"]
    assert tried == []
    assert QApplication.activeModalWidget() is None
