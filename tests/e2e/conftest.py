"""Runs `pa-letter` as a separate process, the way staff and scripts do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str


def _command() -> list[str]:
    script = Path(sys.executable).parent / "pa-letter"
    if script.exists():
        return [str(script)]
    found = shutil.which("pa-letter")
    return [found] if found else [sys.executable, "-m", "desktop_app.cli"]


@pytest.fixture
def pa_letter(pa_letter_home: Path):  # type: ignore[no-untyped-def]
    def run(*args: str | Path, stdin: str | None = None, timeout: float = 120,
            env_extra: dict[str, str] | None = None) -> Result:
        env = dict(os.environ, PA_LETTER_HOME=str(pa_letter_home), **(env_extra or {}))
        proc = subprocess.run(
            [*_command(), *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            input=stdin,
            timeout=timeout,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run
