"""Settings > Database as an admin uses it, and a desk whose server goes away for a while."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from desktop_app.services.cases import open_case_store
from desktop_app.ui import autosave
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.support.postgres_server import PostgresServer, prepare_template, start_server
from tests.ui.conftest import click_in_next_dialog, type_text
from tests.unit.storage.sample import sample_case


def _fill(dialog: SettingsDialog, url: str, password: str = "") -> Any:
    tab = dialog.database_tab
    dialog.tabs.setCurrentWidget(tab)
    parsed = make_url(url)
    tab.shared.click()
    for box, text in ((tab.host, parsed.host), (tab.database, parsed.database),
                      (tab.user, parsed.username), (tab.password, password)):
        box.clear()
        type_text(box, text or "")
    tab.port.setValue(parsed.port or 5432)
    tab.tls.setCurrentIndex(tab.tls.findData("disable"))  # the test server has no TLS
    return tab


def test_test_connection_gives_a_verdict_and_save_keeps_no_password(
    qtbot: Any, postgres_url: str, pa_letter_home: Path
) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    tab = _fill(dialog, postgres_url, password="s3cret")
    assert "no keyring" in tab.note.text()  # headless: said before anyone types a password
    tab.test_button.click()
    qtbot.waitUntil(lambda: tab.verdict.text().startswith(("✔", "✘")), timeout=15000)
    assert tab.verdict.text().startswith("✔ Connected to PostgreSQL"), tab.verdict.text()
    seen = click_in_next_dialog("OK")
    dialog.save()
    qtbot.waitUntil(lambda: "clicked" in seen, timeout=5000)
    assert "~/.pgpass" in seen["text"]  # where to keep the password on this computer
    saved = json.loads((pa_letter_home / "settings.json").read_text("utf-8"))
    assert saved["database"]["host"] == "127.0.0.1" and saved["database"]["tls_mode"] == "disable"
    assert "s3cret" not in (pa_letter_home / "settings.json").read_text("utf-8")


def test_a_missing_server_name_is_said_before_saving(qtbot: Any, pa_letter_home: Path) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.database_tab
    tab.shared.click()
    tab.run_test()
    assert "the server is missing" in tab.verdict.text()
    dialog.save()
    assert dialog.isVisible() and "Database: the server is missing" in dialog.problems.text()
    assert not (pa_letter_home / "settings.json").exists()


def test_the_solo_office_default_is_this_computer(qtbot: Any) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    tab = dialog.database_tab
    assert tab.local.isChecked() and not tab.host.isEnabled()
    assert "cases.sqlite3" in tab.local.text()
    assert dialog.settings().database is None


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of this test's own, so it can be stopped without stopping anyone else's."""
    server = start_server()
    prepare_template(server)
    yield server
    server.stop()


def test_an_unreachable_server_is_said_in_a_banner_and_the_typing_saved_when_it_returns(
    own_server: PostgresServer, make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
    pa_letter_home: Path,
) -> None:
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(autosave, "RETRY_DELAY_MS", 500)
    url = own_server.url(own_server.create_database()) + "?connect_timeout=2"
    monkeypatch.setenv("PA_LETTER_DB_URL", url)
    store = open_case_store()
    case_id = store.create_case(sample_case()).id
    window = make_window(store)
    window.open_case(case_id)
    own_server.pause()
    try:
        with qtbot.waitActive(window):
            window.activateWindow()
        window.page.editor.focus_field("patient.phone")
        box = QApplication.focusWidget()
        box.selectAll()
        type_text(box, "207-555-0199")
        assert not window.page.flush()
        banner = window.page.banner
        assert banner.isVisible() and banner.kind == "error"
        assert "shared database server cannot be reached" in banner.text.text()
        kept = pa_letter_home / "recovery" / f"{case_id}.json"
        assert "207-555-0199" in kept.read_text("utf-8")
    finally:
        own_server.resume()
    qtbot.waitUntil(lambda: not window.page.autosave.pending, timeout=20000)
    assert store.get_case(case_id).case.patient.phone == "207-555-0199"
    assert not kept.exists() and not banner.isVisible()
    window._list_timer.stop()
    store.close()


def test_settings_another_admin_changed_meanwhile_are_named_and_the_typing_stays(
    qtbot: Any, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services.settings import (
        PracticeLetterhead,
        load_practice_settings,
        save_practice_settings,
    )

    monkeypatch.setenv("PA_LETTER_DB_URL", postgres_url)
    first = load_practice_settings()
    save_practice_settings(first.model_copy(update={
        "letterhead": PracticeLetterhead(name="Coastal Oncology Fictional")}))
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    opened = load_practice_settings()  # another admin's desk saves while this dialog is open
    save_practice_settings(opened.model_copy(update={
        "letterhead": PracticeLetterhead(name="Coastal Oncology, by the other desk")}), opened)
    dialog.letterhead_tab.practice_name.clear()
    type_text(dialog.letterhead_tab.practice_name, "Coastal Oncology, typed here")
    dialog.save()
    assert dialog.isVisible()
    assert "another desk changed the practice's letterhead meanwhile" in dialog.problems.text()
    assert dialog.letterhead_tab.practice_name.text() == "Coastal Oncology, typed here"
    assert load_practice_settings().letterhead.name == "Coastal Oncology, by the other desk"
