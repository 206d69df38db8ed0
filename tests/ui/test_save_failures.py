"""A save that fails is never shown as done: the window says so, keeps the typing, retries."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.domain.case import Case, Letter
from desktop_app.services import audit
from desktop_app.services.cases import open_case_store
from desktop_app.storage import database_connections
from desktop_app.ui import autosave
from tests.ui.conftest import type_text


@pytest.fixture
def busy_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A store that gives up waiting for another program's write lock after 50 ms."""
    monkeypatch.setattr(database_connections, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(autosave, "RETRY_DELAY_MS", 300)
    opened = open_case_store()
    yield opened
    opened.close()
    audit.close()


def _stored_name(home: Path, case_id: str) -> str:
    conn = sqlite3.connect(home / "cases.sqlite3")
    try:
        data = conn.execute("SELECT data FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    finally:
        conn.close()
    return str(json.loads(data)["patient"]["name"])


def _lock(home: Path) -> sqlite3.Connection:
    other = sqlite3.connect(home / "cases.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a long write
    return other


def _type_name(window: Any, text: str, qtbot: Any) -> None:
    # Activation is asynchronous: typed before it lands, the keys would go to whichever
    # window Qt still counts as active.
    with qtbot.waitActive(window):
        window.activateWindow()
    window.page.editor.focus_field("patient.name")
    box = QApplication.focusWidget()
    assert box is not None and box.window() is window
    type_text(box, text)


def test_a_busy_database_is_shown_kept_on_disk_and_retried(
    busy_store: Any, make_window: Any, qtbot: Any, pa_letter_home: Path
) -> None:
    case_id = busy_store.create_case(Case(letter=Letter(kind="preauth"))).id
    window = make_window(busy_store)
    window.open_case(case_id)
    other = _lock(pa_letter_home)
    _type_name(window, "Ada Lovelace", qtbot)
    banner = window.page.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.kind == "error", timeout=5000)
    assert "Not saved yet" in banner.text.text() and "busy" in banner.text.text()
    assert window.page.autosave.pending
    kept = pa_letter_home / "recovery" / f"{case_id}.json"
    assert json.loads(kept.read_text())["case"]["patient"]["name"] == "Ada Lovelace"
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert _stored_name(pa_letter_home, case_id) == ""
    other.rollback()
    other.close()
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=5000)
    assert not banner.isVisible()
    assert _stored_name(pa_letter_home, case_id) == "Ada Lovelace"
    assert not kept.exists()


def test_typing_kept_at_close_is_offered_back_when_the_case_opens(
    busy_store: Any, make_window: Any, qtbot: Any, pa_letter_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = busy_store.create_case(Case(letter=Letter(kind="preauth"))).id
    window = make_window(busy_store)
    window.open_case(case_id)
    other = _lock(pa_letter_home)
    _type_name(window, "Grace Hopper", qtbot)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    window.close()
    other.rollback()
    other.close()
    assert warned and "kept on this computer" in warned[0]
    assert _stored_name(pa_letter_home, case_id) == ""
    with open_case_store() as fresh:  # the next start of the app
        again = make_window(fresh)
        again.open_case(case_id)
        banner = again.page.banner
        assert banner.isVisible() and "could not be saved then" in banner.text.text()
        assert again.page.current_case().patient.name == ""
        banner.button("Restore my changes").click()
        qtbot.waitUntil(lambda: not again.page.autosave.pending, timeout=5000)
        assert again.page.current_case().patient.name == "Grace Hopper"
        assert _stored_name(pa_letter_home, case_id) == "Grace Hopper"
        assert not (pa_letter_home / "recovery" / f"{case_id}.json").exists()
        again.close()
