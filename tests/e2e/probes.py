"""Runs a piece of Python (a probe) in a fresh interpreter, as staff start the app.

The probes of the start-up guards import the app, run a command or the window, and print on
stderr what the process loaded or read: behaviour, not timings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Ends a probe of the desktop app: `report()` (defined by the probe) runs on the way out,
# whether the app returns or leaves by os._exit while a read it need not wait for still runs.
APP_PROBE_TAIL = """
real_exit = os._exit
os._exit = lambda code: (report(), sys.stderr.flush(), real_exit(code))
from desktop_app.ui.app import main
code = main([])
report()
sys.exit(code)
"""


def run_probe(
    probe: str, *args: str | Path, home: Path, **env_extra: str
) -> subprocess.CompletedProcess[str]:
    """`probe` run with `args` on the data folder `home`, from the project root, with no
    shared database named in the environment and pydantic's plugins looked up as a user's
    start does (this test process turned them off)."""
    env = dict(os.environ, PA_LETTER_HOME=str(home), **env_extra)
    env.pop("PA_LETTER_DB_URL", None)
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-c", probe, *map(str, args)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
