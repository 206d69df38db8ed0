"""Screenshots of two desks on one PostgreSQL server: the conflict dialog and Settings > Database.

Run with `xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/practice_screenshots.py`.
It starts a throwaway server like the tests do (tests/support/postgres_server.py), opens two
windows on one fictional case, lets both desks type, and saves docs/screenshot-two-desks.png,
docs/screenshot-conflict.png and docs/screenshot-database-settings.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs"


def main() -> int:
    os.environ["PA_LETTER_HOME"] = tempfile.mkdtemp(prefix="pa-letter-desks-")
    from tests.support.postgres_server import prepare_template, start_server

    server = start_server()
    try:
        prepare_template(server)
        url = server.url(server.create_database())
        os.environ["PA_LETTER_DB_URL"] = url
        return _shoot(url)
    finally:
        server.stop()


def _shoot(url: str) -> int:
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.cases import open_case_store
    from desktop_app.ui.app import application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings_dialog import SettingsDialog
    from tests.unit.storage.sample import sample_case

    app = application([])

    def settle(seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str) -> None:
        settle()
        screen = app.primaryScreen()
        screen.grabWindow(0).save(str(DOCS / name))
        print("saved", DOCS / name)

    case_id = open_case_store().create_case(sample_case()).id
    desks = []
    for n, title in enumerate(("Front desk", "Infusion suite")):
        window = MainWindow(open_case_store())
        window.setWindowTitle(f"PA Letter Studio — {title}")
        window.setGeometry(n * 720, 0, 720, 900)
        window.show()
        window.load_cases()
        window.open_case(case_id)
        desks.append(window)
    settle(1.5)

    def type_into(window: MainWindow, field: str, text: str) -> None:
        window.activateWindow()
        settle(0.2)
        window.page.editor.focus_field(field)
        box = QApplication.focusWidget()
        if hasattr(box, "lineEdit"):
            box = box.lineEdit()
        box.selectAll()
        QTest.keyClicks(box, text)

    front, infusion = desks
    type_into(front, "patient.phone", "207-555-0101")
    type_into(front, "drug.frequency", "every 6 weeks")
    front.page.flush()
    type_into(infusion, "patient.phone", "207-555-0202")
    type_into(infusion, "drug.route", "subcutaneous")
    infusion.page.flush()
    shot("screenshot-two-desks.png")
    infusion.page.banner.button("Compare and merge…").click()
    dialog = infusion.page.outcomes.conflict_dialog
    dialog.move(QPoint(260, 200))
    shot("screenshot-conflict.png")
    dialog.merge_button.click()
    settle()

    settings = SettingsDialog(front)
    settings.tabs.setCurrentWidget(settings.database_tab)
    tab = settings.database_tab
    tab.shared.click()
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    tab.host.setText(parsed.host or "")
    tab.port.setValue(parsed.port or 5432)
    tab.database.setText(parsed.database or "")
    tab.user.setText(parsed.username or "")
    tab.tls.setCurrentIndex(tab.tls.findData("disable"))
    settings.show()
    settings.move(QPoint(300, 150))
    tab.run_test()
    end = time.monotonic() + 15
    while not tab.verdict.text().startswith(("✔", "✘")) and time.monotonic() < end:
        settle(0.2)
    shot("screenshot-database-settings.png")
    settings.done(0)
    for window in desks:
        window.close()
    settle()
    return 0


if __name__ == "__main__":
    sys.exit(main())
