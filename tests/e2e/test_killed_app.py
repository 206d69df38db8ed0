"""Kill the real app while someone types: at most the last second of typing is lost.

The app runs as its own process (offscreen Qt), a new case gets a patient name typed into it,
and the process is killed with SIGKILL, as a power cut or a crash would. The database, opened
afterwards, holds what was typed up to about a second before the kill.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

TYPIST = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop_app.ui.app import application
    from desktop_app.services.cases import open_case_store
    from desktop_app.ui.main_window import MainWindow
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = application([])
    window = MainWindow(open_case_store())
    window.show()
    window.load_cases()
    window.new_case()
    window.activateWindow()

    def pump(seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)

    pump(0.3)
    field = QApplication.focusWidget()
    QTest.keyClicks(field, "Ada Lovelace")
    print("TYPED-FIRST", flush=True)
    pump(float(sys.argv[1]))
    QTest.keyClicks(field, " Byron")
    print("TYPED-MORE", flush=True)
    pump(3600)
    """
)


def _run_and_kill(home: Path, pause: float, wait_after_typing: float) -> str:
    env = dict(os.environ, PA_LETTER_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        for marker in ("TYPED-FIRST", "TYPED-MORE"):
            line = proc.stdout.readline().strip()
            assert line == marker, proc.stderr.read() if proc.stderr else line
        time.sleep(wait_after_typing)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    from desktop_app.services.cases import open_case_store

    store = open_case_store()
    try:
        names = [s.patient_name for s in store.list_cases()]
    finally:
        store.close()
    assert len(names) == 1, names
    return names[0]


@pytest.mark.slow
def test_a_second_after_typing_everything_typed_is_saved(pa_letter_home: Path) -> None:
    assert _run_and_kill(pa_letter_home, pause=1.2, wait_after_typing=1.0) == "Ada Lovelace Byron"


@pytest.mark.slow
def test_killed_mid_typing_loses_only_the_last_moment(pa_letter_home: Path) -> None:
    # Killed the instant " Byron" was typed: the name typed 1.2 s earlier is safe.
    name = _run_and_kill(pa_letter_home, pause=1.2, wait_after_typing=0.0)
    assert name in ("Ada Lovelace", "Ada Lovelace Byron")
