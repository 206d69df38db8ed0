"""Screenshots of the real window for the README, taken on a virtual screen.

Run with `make screenshots` (xvfb-run supplies the screen). It uses a fresh data folder with
the example cases only, so no real patient can appear in a picture.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1440, 900)


def main() -> int:
    os.environ["PA_LETTER_HOME"] = tempfile.mkdtemp(prefix="pa-letter-shots-")
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.app import application, open_store
    from desktop_app.ui.first_run import load_examples_if_first_run
    from desktop_app.ui.main_window import MainWindow

    app = application([])
    store = open_store()
    if store is None:
        return 1
    load_examples_if_first_run(store)
    window = MainWindow(store)
    window.setGeometry(0, 0, *SIZE)
    window.show()
    window.load_cases()

    def settle(seconds: float, until: object = None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            if callable(until) and until():
                break
            time.sleep(0.02)

    def open_patient(name: str) -> None:
        case_id = next(s.id for s in store.list_cases() if s.patient_name.startswith(name))
        window.open_case(case_id)
        settle(1.0)

    def shoot(target: Path) -> None:
        settle(0.5)
        screen = QApplication.primaryScreen()
        screen.grabWindow(0, 0, 0, *SIZE).save(str(target))
        print(f"Wrote {target.relative_to(ROOT)}")

    # The letter beside the form: the Medicare Part B example, regimen section.
    open_patient("Harold")
    page = window.page
    page.editor.show_section("drug")
    page.side.setCurrentIndex(1)
    settle(15.0, until=lambda: page.preview.last is not None and not page.preview.busy)
    shoot(ROOT / "docs" / "screenshot-app.png")

    # The live checks on a draft that still needs work.
    open_patient("Beatrice")
    page.side.setCurrentIndex(0)
    settle(5.0, until=lambda: page.findings_panel.isVisible())
    shoot(ROOT / "docs" / "screenshot-checks.png")

    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
