"""Goal 6, scale: a 5,000-letter batch in flat memory, with progress, Ctrl+C and a resume.

1. `pa-letter batch` over 5,000 case files on a terminal (a pseudo-terminal here), its
   memory (the batch and its workers together) sampled as it goes: flat means the peak in
   the last fifth of the run is within 10% of the peak in the second fifth. The terminal
   must show progress with a time left.
2. A batch of a fifth as many stopped with Ctrl+C (SIGINT to its process group, as a
   terminal sends it) partway: every file left must be a whole letter with its audit entry,
   no half-written `.part-` file may remain, and `--skip-existing` must finish the rest.
PA_BENCH_SCALE_LETTERS changes the 5,000. Run alone: `.venv/bin/python bench/bench_scale.py`.
"""

from __future__ import annotations

import os
import pty
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAMPLE, bench_env, copies, pa_letter, save_results, verdict

LETTERS = int(os.environ.get("PA_BENCH_SCALE_LETTERS", "5000"))
FLAT = 1.10


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(stat[1])
            except (OSError, IndexError, ValueError):
                continue
    family, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        family.update(children)
        frontier.extend(children)
    total = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total


class TerminalRun:
    """A CLI run with a pseudo-terminal for its output, read as it comes."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, args=(master,), daemon=True)
        self._reader.start()

    def _read(self, master: int) -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.output.extend(chunk)
        os.close(master)

    def interrupt(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)

    def wait(self, timeout: float) -> int:
        code = self.process.wait(timeout)
        self._reader.join(5)
        return code

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


def letters_in(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*.pdf") if not p.name.startswith(".")] if folder.is_dir() \
        else []


def big_batch(work: Path, env: dict[str, str], results: dict[str, object]) -> None:
    cases = work / "cases"
    copies(SAMPLE, cases, LETTERS)
    out = work / "out"
    started = time.perf_counter()
    run = TerminalRun([*pa_letter(), "batch", str(cases), "-o", str(out)], env)
    samples: list[tuple[float, int]] = []  # (fraction done, KiB)
    while run.process.poll() is None:
        samples.append((len(letters_in(out)) / LETTERS, tree_rss_kib(run.process.pid)))
        time.sleep(0.5)
    code = run.wait(60)
    elapsed = time.perf_counter() - started
    second = [kib for done, kib in samples if 0.2 <= done < 0.4]
    last = [kib for done, kib in samples if done >= 0.8]
    growth = max(last) / max(second) if second and last else float("nan")
    progress = [line for line in re.split(r"[\r\n]", run.text()) if "left" in line]
    written = len(letters_in(out))
    print(f"batch of {LETTERS:,}: exit {code}, {written:,} written in {elapsed:.0f} s "
          f"({elapsed / max(written, 1) * 1000:.1f} ms per letter)")
    print(f"memory, batch and workers: peak {max(second, default=0) / 1024:.0f} MiB in the "
          f"second fifth, {max(last, default=0) / 1024:.0f} MiB in the last")
    print(f"GOAL 6 memory: the last fifth's peak is {growth:.2f}x the second fifth's "
          f"({verdict(growth <= FLAT)} flat, within {FLAT:.2f}x)")
    print(f"progress on the terminal: {len(progress)} updates with a time left; the last: "
          f"{progress[-1].strip() if progress else 'none shown'!r}")
    results.update(scale_letters=LETTERS, scale_written=written, scale_seconds=elapsed,
                   scale_memory_growth=growth, scale_progress_updates=len(progress))


def audited_letters(home: Path) -> int:
    with sqlite3.connect(home / "cases.sqlite3") as db:
        row = db.execute("SELECT count(*) FROM audit_log WHERE action = 'letter.rendered'")
        return int(row.fetchone()[0])


def interrupted_batch(work: Path, results: dict[str, object]) -> None:
    count = max(20, LETTERS // 5)
    home = work / "home-stop"
    env = bench_env(home)
    cases = work / "cases-stop"
    copies(SAMPLE, cases, count)
    out = work / "out-stop"
    command = [*pa_letter(), "batch", str(cases), "-o", str(out)]
    run = TerminalRun(command, env)
    while len(letters_in(out)) < count * 0.4 and run.process.poll() is None:
        time.sleep(0.05)
    run.interrupt()
    code = run.wait(120)
    finished = letters_in(out)
    parts = [p for p in out.glob(".part-*")] if out.is_dir() else []
    whole = sum(1 for p in finished if p.read_bytes()[-1024:].rstrip().endswith(b"%%EOF"))
    audited = audited_letters(home)
    print(f"Ctrl+C after {len(finished)} of {count}: exit {code}; {whole} whole letters, "
          f"{len(parts)} half-written files left, {audited} audit entries")
    started = time.perf_counter()
    resumed = TerminalRun([*command, "--skip-existing"], env)
    resume_code = resumed.wait(3600)
    took = time.perf_counter() - started
    done = len(letters_in(out))
    summary = [line for line in resumed.text().splitlines() if "written" in line]
    print(f"--skip-existing: exit {resume_code} in {took:.1f} s, {done} of {count} letters "
          f"now; it said {summary[-1].strip() if summary else resumed.text()[-200:]!r}")
    ok = (whole == len(finished) and not parts and audited >= len(finished)
          and resume_code == 0 and done == count and audited_letters(home) == count)
    print(f"GOAL 6 interrupt and resume: {verdict(ok)} (whole letters only, none unaudited, "
          f"none half-written, all {count} after the resume, each audited once)")
    results.update(stop_finished=len(finished), stop_half_written=len(parts),
                   stop_resume_ok=ok)


def main() -> int:
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pa-bench-scale-") as tmp:
        work = Path(tmp)
        big_batch(work, bench_env(work / "home"), results)
        interrupted_batch(work, results)
    save_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
