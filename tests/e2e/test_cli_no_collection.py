"""A check or a render of one case, or a verify of one signed letter, started as staff start
it, runs no cycle collection at all: not while it works, and not between its work and the
exit (cli.run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.e2e.probes import run_probe

EXAMPLE = EXAMPLES / "medicare-part-b-preauth.json"

# Counts the collections that start once the command itself (cli.main) begins; printed at
# exit (atexit handlers run before Python's own last collection, which frozen objects skip).
# The few small ones while Python and the entry point's first modules load are left out.
PROBE = """
import atexit, gc, sys
started, working = [], []
gc.callbacks.append(
    lambda phase, info: phase == "start" and working and started.append(info["generation"]))
atexit.register(lambda: print(f"collections: {started}", file=sys.stderr))
from desktop_app import cli
command = cli.main
cli.main = lambda *a: (working.append(True), command(*a))[1]
sys.argv = ["pa-letter", *sys.argv[1:]]
cli.run()
"""


def _signed_letter(folder: Path) -> Path:
    from desktop_app.export.signing import sign_pdf
    from tests.support.certs import PASSWORD, certificates
    from tests.support.pdfs import letter_pdf

    signed = folder / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(2), certificates().valid, PASSWORD))
    return signed


@pytest.mark.parametrize("command", ["check", "render", "verify"])
def test_a_one_file_command_never_collects(command: str, tmp_path: Path) -> None:
    args: list[str | Path] = {
        "check": [command, EXAMPLE],
        "render": [command, EXAMPLE, "-o", tmp_path / "letter.pdf"],
        "verify": [command, _signed_letter(tmp_path)],
    }[command]
    run_probe(PROBE, *args, home=tmp_path / "home")  # the database and caches exist
    done = run_probe(PROBE, *args, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert "collections: []" in done.stderr, done.stderr[-2000:]


def test_a_batch_still_collects(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "a.json").write_bytes(EXAMPLE.read_bytes())
    done = run_probe(PROBE, "batch", cases, "-o", tmp_path / "out", "--jobs", "1",
                     home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert "collections: []" not in done.stderr  # thousands of letters in flat memory
