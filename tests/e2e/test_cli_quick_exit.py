"""A command that rendered skips Python's last collection at exit and leaves what it always left.

`pa-letter check`, `render` and `batch` freeze their objects before exiting (the collection
would only free memory the exit frees), closing the case database themselves first. Run as the
console script staff use: the data folder holds the same files as before (no SQLite side files
left behind), the audit log has every entry, the letter is whole, the exit codes are the same.
"""

from __future__ import annotations

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
