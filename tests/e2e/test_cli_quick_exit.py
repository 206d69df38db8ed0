"""A command that rendered skips Python's last collection at exit; a verify skips the teardown.

`pa-letter check`, `render` and `batch` freeze their objects before exiting (the collection
would only free memory the exit frees), closing the case database themselves first. Run as the
console script staff use: the data folder holds the same files as before (no SQLite side files
left behind), the audit log has every entry, the letter is whole, the exit codes are the same.
`pa-letter verify`, which holds nothing open, leaves without taking the interpreter apart.
"""

from __future__ import annotations

import marshal
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "medicare-part-b-preauth.json"


def _files(home: Path) -> set[str]:
    return {p.relative_to(home).as_posix() for p in home.rglob("*")}


def _actions(home: Path) -> list[str]:
    with sqlite3.connect(home / "cases.sqlite3") as conn:
        return [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]


def test_renders_leave_a_closed_database_and_every_entry(
    pa_letter, pa_letter_home: Path, tmp_path: Path
) -> None:
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        done = pa_letter("render", EXAMPLE, "-o", tmp_path / name)
        assert done.code == 0, done.err
        assert "Traceback" not in done.err
        # SQLite removes its -wal and -shm files when its last connection closes.
        assert not {f for f in _files(pa_letter_home) if f.endswith(("-wal", "-shm"))}
    assert _actions(pa_letter_home).count("letter.rendered") == 3
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "c.pdf").pages)
    assert "Harold T. Whitcombe" in text
    assert oct((tmp_path / "c.pdf").stat().st_mode & 0o777) == "0o600"


def test_a_check_and_a_refused_render_exit_as_before(
    pa_letter, pa_letter_home: Path, tmp_path: Path
) -> None:
    checked = pa_letter("check", EXAMPLES / "medicare-draft-needs-work.json")
    assert checked.code == 1  # errors stand
    assert "MUST FIX" in checked.out
    refused = pa_letter("render", EXAMPLES / "medicare-draft-needs-work.json", "-o",
                        tmp_path / "x.pdf")
    assert refused.code == 1
    assert "override" in refused.err
    assert not (tmp_path / "x.pdf").exists()
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{", encoding="utf-8")
    unusable = pa_letter("render", damaged, "-o", tmp_path / "y.pdf")
    assert unusable.code == 2
    assert "damaged.json" in unusable.err
    assert "Traceback" not in unusable.err
    assert not {f for f in _files(pa_letter_home) if f.endswith(("-wal", "-shm"))}


def test_a_batch_leaves_a_closed_database_and_one_entry_per_letter(
    pa_letter, pa_letter_home: Path, tmp_path: Path
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("a", "b", "c"):
        (cases / f"{name}.json").write_bytes(EXAMPLE.read_bytes())
    (cases / "d-refused.json").write_bytes(
        (EXAMPLES / "medicare-draft-needs-work.json").read_bytes())
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        done = pa_letter("batch", cases, "-o", out, "--jobs", jobs)
        assert done.code == 1, done.err  # the draft is refused: errors stand
        assert "Traceback" not in done.err
        assert "3 written" in done.out
        assert not {f for f in _files(pa_letter_home) if f.endswith(("-wal", "-shm"))}
        assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]
    assert _actions(pa_letter_home).count("letter.rendered") == 6


# Runs `pa-letter verify` as the console script does, noting whether it left by os._exit.
VERIFY_PROBE = """
import os, sys
real_exit = os._exit
def leave(code):
    print("left at once:", code, file=sys.stderr)
    sys.stderr.flush()
    real_exit(code)
os._exit = leave
sys.argv = ["pa-letter", *sys.argv[1:]]
from desktop_app.cli import run
run()
"""


def test_a_verify_leaves_at_once_with_its_whole_report_and_the_table_kept(
    pa_letter_home: Path, tmp_path: Path
) -> None:
    from desktop_app.export.signing import sign_pdf
    from tests.e2e.probes import run_probe
    from tests.support.certs import PASSWORD, SIGNER_NAME, certificates
    from tests.support.pdfs import letter_pdf

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(1), certificates().valid, PASSWORD))
    cache = tmp_path / "cache"
    done = run_probe(VERIFY_PROBE, "verify", signed, home=pa_letter_home,
                     PA_LETTER_CACHE=str(cache))
    assert done.returncode == 0, done.stderr
    assert "left at once: 0" in done.stderr  # no interpreter teardown after the report
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"INTACT: signed by {SIGNER_NAME}")
    assert lines[-1].startswith("  time: ")  # the report's last line reached the reader
    # The exit handlers still ran: the first run's generated code was written for the next.
    table = list(cache.glob("generated-code-*.marshal"))
    assert len(table) == 1 and len(marshal.loads(table[0].read_bytes())) > 100
    refused = run_probe(VERIFY_PROBE, "verify", signed, "--require-trusted",
                        home=pa_letter_home, PA_LETTER_CACHE=str(cache))
    assert refused.returncode == 1, refused.stderr  # the exit code is the command's own
    assert "left at once: 1" in refused.stderr
