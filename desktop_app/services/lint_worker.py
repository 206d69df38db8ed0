"""The template editor's live check, in a separate process that cannot freeze or sink the app.

The render budget (letters/budget.py, letters/sizes.py) stops every template bomb we know of
in well under a second. This is the last resort for one we do not: the check runs in a child
process whose address space is capped, answers within a time limit or is killed, and is
started again for the next check. Run as `python -m desktop_app.services.lint_worker`; it
reads one JSON line per template on stdin and writes one JSON line of problems on stdout.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from typing import IO, Any

from desktop_app.services.templates import TemplateProblemInfo, lint_template_text

LINT_SECONDS = 15.0  # two sample renders under a 10 s budget each finish long before this
MEMORY_LIMIT_BYTES = 2 * 1024**3  # address space of the child: the app itself needs ~0.5 GB
_TIMED_OUT = (
    "checking the template took longer than {seconds:g} seconds and was stopped "
    "(a loop that never ends, or text that grows without end?)"
)
_DIED = (
    "checking the template used more memory than a letter may and was stopped "
    "(text or lists that grow without end?)"
)


class LintWorker:
    """One child process at a time; `lint()` may be called from any thread."""

    def __init__(self, seconds: float = LINT_SECONDS) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[bytes] = queue.Queue()

    def lint(self, text: str) -> list[TemplateProblemInfo]:
        """The template's problems, or one problem saying why checking was stopped."""
        with self._lock:
            process = self._running()
            assert process.stdin is not None
            try:
                process.stdin.write(json.dumps({"text": text}).encode("utf-8") + b"\n")
                process.stdin.flush()
                answer = self._answers.get(timeout=self.seconds)
            except queue.Empty:
                self.stop()
                return [_problem(_TIMED_OUT.format(seconds=self.seconds))]
            except OSError:
                answer = b""
            if not answer:  # the child died: its memory cap, or killed from outside
                self.stop()
                return [_problem(_DIED)]
            return [TemplateProblemInfo(**p) for p in json.loads(answer)]

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._answers = queue.Queue()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "desktop_app.services.lint_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # never a traceback on the user's terminal
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        reader = threading.Thread(
            target=_read_answers, args=(self._process.stdout, self._answers), daemon=True
        )
        reader.start()
        return self._process

    def stop(self) -> None:
        """End the child process (it starts again on the next check)."""
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()


def _read_answers(stream: IO[bytes] | None, answers: queue.Queue[bytes]) -> None:
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        for line in stream:
            answers.put(line)
    answers.put(b"")  # end of file: the child is gone


def _problem(message: str) -> TemplateProblemInfo:
    return TemplateProblemInfo(None, message, "error")


_WORKER: LintWorker | None = None
_WORKER_LOCK = threading.Lock()


def lint_in_worker(text: str) -> list[TemplateProblemInfo]:
    """Lint `text` in the shared child process (started on first use)."""
    global _WORKER
    with _WORKER_LOCK:
        if _WORKER is None:
            _WORKER = LintWorker()
        worker = _WORKER
    return worker.lint(text)


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still holds
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MEMORY_LIMIT_BYTES if hard == resource.RLIM_INFINITY else min(hard, MEMORY_LIMIT_BYTES)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _answer(text: str) -> list[dict[str, Any]]:
    try:
        problems = lint_template_text(text)
    except MemoryError:
        return [{"line": None, "message": _DIED, "severity": "error"}]
    return [{"line": p.line, "message": p.message, "severity": p.severity} for p in problems]


def main() -> None:
    """The child's loop: one template in, its problems out, until stdin closes."""
    _limit_memory()
    for line in sys.stdin.buffer:
        request = json.loads(line)
        sys.stdout.write(json.dumps(_answer(str(request.get("text", "")))) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
