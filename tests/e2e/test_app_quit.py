"""Quitting the real app while background work runs ends cleanly: no thread outlives it.

Before: the ICD-10-CM warm-up or a letter preview still running on a pool thread at quit
emitted from a signal object Python had already freed ("Signal source has been deleted"),
and depending on timing Qt printed "QObject: shared QObject was deleted directly" and the
process died with a segmentation fault.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DRIVER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    import desktop_app.ui.app as app_module
    from desktop_app.ui.main_window import MainWindow

    # On a loaded machine the warm-up can outlast the 5 s the app waits at quit, and the app
    # then leaves by os._exit, which skips the QUIT line below; here the work must finish and
    # Qt tear down in order.
    app_module.QUIT_WAIT_MS = 120_000
    # Quitting does not wait for the deadlines notice read at start (it writes nothing), and
    # on a loaded machine it can still be running then, which also means os._exit. Wait for
    # it here so the test sees the full teardown.
    import desktop_app.ui.workers as workers
    finish_all_tasks = workers.finish_all_tasks

    def finish_reads_first(msecs):
        if workers._reads_pool is not None:
            workers._reads_pool.waitForDone(120_000)
        return finish_all_tasks(msecs)

    workers.finish_all_tasks = finish_reads_first

    original = MainWindow.__init__

    def init(self, store):
        original(self, store)
        QTimer.singleShot(200, lambda: work(self))

    def work(window):
        for summary in window.store.list_cases()[:3]:
            window.open_case(summary.id)
            window.page.refresh_preview()  # a render on a pool thread
        window.more_menus.show_audit()  # a tool window left open
        window.close()  # quit at once, work still running

    MainWindow.__init__ = init
    code = app_module.main([])
    print("QUIT", code, flush=True)
    sys.exit(code)
    """
)


@pytest.mark.slow
def test_quitting_with_work_running_exits_cleanly(pa_letter_home: Path) -> None:
    env = dict(os.environ, PA_LETTER_HOME=str(pa_letter_home), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", DRIVER], env=env, capture_output=True,
                          text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QUIT 0" in done.stdout
    for bad in ("Signal source has been deleted", "shared QObject", "Traceback",
                "Segmentation", "event dispatcher"):
        assert bad not in done.stderr, done.stderr[-2000:]
