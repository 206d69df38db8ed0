"""The app survives a long session: PySide6 6.12 on Python 3.11 drops a None reference per call."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONG_SESSION = """
import desktop_app.ui
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(120_000):  # more void Qt calls than None has references at start
    label.setText("x")
print("still running")
"""


def test_a_long_session_of_qt_calls_does_not_abort() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", LONG_SESSION], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert "none_dealloc" not in done.stderr
    assert done.returncode == 0
    assert done.stdout.strip() == "still running"
