"""A long batch run from a terminal: Ctrl+C stops it with whole letters only, and running the
same command with --skip-existing finishes it."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "commercial-preauth.json"
LETTERS = 40


def _command() -> list[str]:
    script = Path(sys.executable).parent / "pa-letter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop_app.cli"]


def _audited(home: Path) -> int:
    with sqlite3.connect(home / "cases.sqlite3") as db:
        found = db.execute("SELECT count(*) FROM audit_log WHERE action = 'letter.rendered'")
        return int(found.fetchone()[0])


@pytest.mark.slow
def test_ctrl_c_then_skip_existing_gives_every_letter_once(
    tmp_path: Path, pa_letter_home: Path
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for number in range(LETTERS):
        shutil.copy(EXAMPLE, cases / f"case-{number:03}.json")
    out = tmp_path / "out"
    env = dict(os.environ, PA_LETTER_HOME=str(pa_letter_home))
    command = [*_command(), "batch", str(cases), "-o", str(out), "--jobs", "2"]
    # Its own process group, as a terminal's foreground job: Ctrl+C reaches every process.
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.pdf"))) < 5 and run.poll() is None:
        assert time.monotonic() < deadline, "the batch wrote nothing in two minutes"
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)
    _out, err = run.communicate(timeout=120)
    letters = sorted(out.glob("*.pdf"))
    if run.returncode == 0:
        pytest.skip("the batch finished before Ctrl+C reached it")
    assert run.returncode == 130
    assert "--skip-existing" in err and "Traceback" not in err
    assert not list(out.glob(".part-*"))
    assert all(p.read_bytes().rstrip().endswith(b"%%EOF") for p in letters)
    assert _audited(pa_letter_home) == len(letters) < LETTERS

    resumed = subprocess.run([*command, "--skip-existing"], env=env, capture_output=True,
                             text=True, timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(letters)} already there (skipped)" in resumed.stdout
    assert len(list(out.glob("*.pdf"))) == LETTERS
    assert _audited(pa_letter_home) == LETTERS
