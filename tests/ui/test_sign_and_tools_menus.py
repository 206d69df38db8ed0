"""The Sign and Tools menus reach the signing screens and the template manager from the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app.services.cases import open_case_store
from desktop_app.ui.main_window import MainWindow
from tests.conftest import EXAMPLES


def _window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    store = open_case_store()
    store.import_examples([EXAMPLES / "commercial-preauth.json"])
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.load_cases()
    window.open_case(store.list_cases()[0].id)
    return window


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_sign_and_tools_menus_sit_before_help(qtbot) -> None:
    window = _window(qtbot)
    titles = _menu_titles(window)
    assert titles.index("Si&gn") < titles.index("&Help")
    assert titles.index("&Tools") < titles.index("&Help")
    assert titles[-1] == "&Help"


def test_sign_is_enabled_only_for_a_letter_ready_for_signature(qtbot) -> None:
    window = _window(qtbot)
    menus = window.more_menus
    assert not menus.sign.isEnabled()
    window.menu_actions.moves["ready_for_signature"].trigger()
    assert window.page.stored.status == "ready_for_signature"
    assert menus.sign.isEnabled()


def test_history_and_templates_open_from_the_menus(qtbot) -> None:
    window = _window(qtbot)
    window.more_menus.history.trigger()
    window.more_menus.templates.trigger()
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert any("ersion" in t for t in titles), titles
    assert any("emplate" in t for t in titles), titles
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()


def test_audit_log_opens_and_checks_the_chain(qtbot, pa_letter_home: Path) -> None:
    window = _window(qtbot)
    window.more_menus.audit.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if "udit" in w.windowTitle()]
    assert dialogs and dialogs[0].isVisible()
    dialogs[0].close()
