"""The installed package, not the checkout: build the wheel, install it apart, render a letter.

Catches templates, fonts, examples or migrations that would be missing from a real install.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = """
import io, sys
from pathlib import Path
import desktop_app
from desktop_app.domain.casefile import load_case
from desktop_app.services.render import render_letter
from desktop_app.services.cases import open_case_store, example_case_paths
assert desktop_app.__file__.startswith(sys.argv[1]), desktop_app.__file__
examples = example_case_paths()
assert examples and all(str(p).startswith(sys.argv[1]) for p in examples), examples
case = load_case(next(p for p in examples if p.name == "commercial-appeal.json"))
pdf = render_letter(case, fmt="pdf").data
docx = render_letter(case, fmt="docx").data
store = open_case_store()
print(len(pdf) > 10000, docx[:2] == b"PK", store.import_examples(examples))
"""


@pytest.mark.slow
def test_wheel_installs_and_renders_outside_the_checkout(tmp_path: Path, pa_letter_home) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("pa_letter_studio-*.whl"))
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    env = dict(os.environ, PYTHONPATH=str(target), PA_LETTER_HOME=str(pa_letter_home))
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=tmp_path,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "True", "7"]
