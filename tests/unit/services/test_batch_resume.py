"""Long batches: stopped with Ctrl+C they keep whole letters only, and `skip_existing` finishes
them; every letter of one batch uses the template as it was when the batch began; the
terminal shows the time left."""

from __future__ import annotations

import io
import os
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli_output import BatchProgress, batch_summary, time_left
from desktop_app.services import audit, batch, batch_pool
from desktop_app.services.batch import BatchInterrupted, BatchItem, render_batch
from desktop_app.storage.part_files import PENDING_DIR

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "commercial-preauth.json"


@pytest.fixture(autouse=True)
def _release_connections() -> Any:
    yield
    audit.close()


def _cases(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(count):
        path = folder / f"case-{number:02}.json"
        shutil.copy(EXAMPLE, path)
        paths.append(path)
    return paths


def _rendered_entries() -> list[Any]:
    return [e for e in audit.entries(500) if e.action == "letter.rendered"]


def _assert_whole_and_audited(out: Path, home: Path) -> None:
    letters = sorted(out.glob("*.pdf"))
    assert all(p.read_bytes().rstrip().endswith(b"%%EOF") for p in letters)
    assert not list(out.glob(".part-*")), "a half-written letter was left behind"
    assert not list((home / PENDING_DIR).glob("*.json"))
    import hashlib

    audited = {e.detail["sha256"] for e in _rendered_entries()}
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in letters} <= audited


def test_letters_already_written_are_left_as_they_are(tmp_path: Path) -> None:
    files = _cases(tmp_path / "cases", 4)
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "case-01.pdf"
    kept.write_bytes(b"%PDF-1.4 the letter staff already sent\n%%EOF\n")
    results = render_batch(files, out, "pdf", jobs=1, skip_existing=True)
    assert [r.status for r in results] == ["written", "skipped", "written", "written"]
    assert kept.read_bytes().startswith(b"%PDF-1.4 the letter staff already sent")
    assert len(_rendered_entries()) == 3
    assert batch_summary(results, 4) == (
        "3 written, 1 already there (skipped), 0 refused or unusable"
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_keeps_the_finished_letters_and_the_rest_can_be_finished(
    tmp_path: Path, pa_letter_home: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Letters recorded two at a time and handed to each worker one at a time, so that Ctrl+C
    # lands mid-batch however fast they are made: in quarter-second groups a quick machine
    # made all 12 before the press, and with four in each worker's hands a loaded one did.
    monkeypatch.setattr(batch_pool, "GROUP_LETTERS", 2)
    monkeypatch.setattr(batch_pool, "IN_FLIGHT_PER_WORKER", 1)
    files = _cases(tmp_path / "cases", 12)
    out = tmp_path / "out"
    presses = []

    def press_ctrl_c_after_four(done: int, total: int, item: BatchItem) -> None:
        if done >= 4 and not presses:
            presses.append(done)
            os.kill(os.getpid(), signal.SIGINT)  # as the terminal sends it

    with pytest.raises(BatchInterrupted) as stopped:
        render_batch(files, out, "pdf", jobs=jobs, progress=press_ctrl_c_after_four)
    written = [r for r in stopped.value.results if r.status == "written"]
    assert 4 <= len(written) < 12
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(r.output.name for r in written
                                                               if r.output)
    _assert_whole_and_audited(out, pa_letter_home)
    assert "run the same command with --skip-existing" in batch_summary(
        stopped.value.results, stopped.value.total
    )
    results = render_batch(files, out, "pdf", jobs=jobs, skip_existing=True)
    assert {r.status for r in results} == {"written", "skipped"}
    assert len(list(out.glob("*.pdf"))) == 12
    assert len(_rendered_entries()) == 12  # each letter recorded once, none twice
    _assert_whole_and_audited(out, pa_letter_home)
    assert audit.verify_chain().ok


def test_ctrl_c_while_a_letter_is_half_made_leaves_no_part_of_it(
    tmp_path: Path, pa_letter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _cases(tmp_path / "cases", 3)
    out = tmp_path / "out"
    real = batch.render_one

    def interrupted_after_writing(source: Path, *args: Any) -> BatchItem:
        item = real(source, *args)
        if source.name == "case-01.json":
            raise KeyboardInterrupt  # its .part- file is on disk, not yet recorded
        return item

    monkeypatch.setattr(batch, "render_one", interrupted_after_writing)
    with pytest.raises(BatchInterrupted):
        render_batch(files, out, "pdf", jobs=1)
    assert not (out / "case-01.pdf").exists()
    _assert_whole_and_audited(out, pa_letter_home)


def test_a_template_edited_during_a_batch_changes_none_of_its_letters(
    tmp_path: Path, pa_letter_home: Path
) -> None:
    from desktop_app.letters.templates import builtin_templates_dir

    own = pa_letter_home / "templates"
    own.mkdir()
    custom = own / "offlabel-preauth.letter"
    shutil.copy(builtin_templates_dir() / "offlabel-preauth.letter", custom)
    files = _cases(tmp_path / "cases", 4)

    def admin_edits_the_template(done: int, total: int, item: BatchItem) -> None:
        if done == 1:
            custom.write_text(custom.read_text("utf-8") + "\nAn added closing line.\n", "utf-8")

    render_batch(files, tmp_path / "out", "pdf", jobs=1, progress=admin_edits_the_template)
    hashes = {e.detail["template_hash"] for e in _rendered_entries()}
    assert len(hashes) == 1  # as the batch began, for every letter


def test_the_default_job_count_is_one_per_core() -> None:
    from desktop_app.cli_parser import parser_for

    options = parser_for().parse_args(["batch", "cases", "-o", "out"])
    assert options.jobs is None
    assert batch.default_jobs() == len(os.sched_getaffinity(0))


def test_a_process_confined_to_one_core_renders_with_one_job(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})  # taskset -c 0, say
    assert batch.default_jobs() == 1
    started: list[int] = []
    monkeypatch.setattr(batch_pool, "_in_workers", lambda *a: started.append(a[3]))
    files = [tmp_path / f"{n}.json" for n in "abc"]
    for file in files:
        shutil.copy(EXAMPLE, file)
    results = render_batch(files, tmp_path / "out", "pdf", jobs=4)
    assert started == []  # no worker processes: the letters were made here
    assert [r.status for r in results] == ["written"] * 3


def test_a_few_letters_are_made_in_this_process_unless_jobs_are_asked_for(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    monkeypatch.setattr(batch, "IN_THIS_PROCESS_UP_TO", 2)
    started: list[int] = []
    real = batch_pool._in_workers
    monkeypatch.setattr(batch_pool, "_in_workers", lambda *a: (started.append(a[3]), real(*a)))
    files = []
    for name in "abc":
        files.append(tmp_path / f"{name}.json")
        shutil.copy(EXAMPLE, files[-1])
    assert [r.status for r in render_batch(files[:2], tmp_path / "few", "pdf")] == ["written"] * 2
    assert started == []  # two letters: no worker was started for them
    assert [r.status for r in render_batch(files[:2], tmp_path / "asked", "pdf", jobs=2)] == [
        "written"] * 2
    assert [r.status for r in render_batch(files, tmp_path / "more", "pdf")] == ["written"] * 3
    assert started == [2, 2]  # --jobs 2 given, or more letters than the few: two workers
    assert len(_rendered_entries()) == 7


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_shows_progress_and_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 10.0, 20.0, 30.0])
    monkeypatch.setattr("desktop_app.cli_output.time.monotonic", lambda: next(clock))
    screen = _Terminal()
    progress = BatchProgress(screen)
    item = BatchItem(Path("a.json"), None, "written")
    progress(100, 5000, item)  # 100 were already there: they do not set the pace
    progress(110, 5000, item)
    progress(120, 5000, item)
    progress.finish()
    shown = screen.getvalue()
    assert "120/5,000" in shown
    assert "about 1 h 21 min left" in shown  # 20 letters in 20 s, 4,880 to go


def test_redirected_output_shows_no_progress_line() -> None:
    quiet = io.StringIO()
    progress = BatchProgress(quiet)
    progress(1, 2, BatchItem(Path("a.json"), None, "written"))
    progress.finish()
    assert quiet.getvalue() == ""


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(None, "working out the time left"), (4.4, "about 4 s left"), (200, "about 3 min 20 s left"),
     (3900, "about 1 h 05 min left")],
)
def test_time_left_reads_as_staff_say_it(seconds: float | None, words: str) -> None:
    assert time_left(seconds) == words
