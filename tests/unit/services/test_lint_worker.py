"""The editor's live check runs in a child process: a bomb cannot freeze the app, and a stuck or
dead check says so in words and the next check works again."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.lint_worker import LintWorker
from tests.support.hang import HANG_SECONDS
from tests.unit.letters.helpers import FRONT, FRONT_LINES

SLOW = FRONT + (
    "<letter><p>{% for a in range(300) %}{% for b in range(300) %}{{ (a * b)|string|length }}"
    "{% endfor %}{% endfor %}</p><signature/></letter>"
)
GOOD = Path(__file__).resolve().parents[3] / "templates" / "offlabel-preauth.letter"


@pytest.fixture
def worker() -> Iterator[LintWorker]:
    started = LintWorker()
    yield started
    started.stop()


def test_the_child_reports_the_same_problems_as_the_linter(worker: LintWorker) -> None:
    assert worker.lint(GOOD.read_text("utf-8")) == []
    bomb = FRONT + "<letter><p>\n{% set a = range(99999)|list %}{{ [a] * 999999 }}\n</p></letter>"
    started = time.monotonic()
    problems = worker.lint(bomb)
    assert time.monotonic() - started < HANG_SECONDS
    assert [p.line for p in problems] == [FRONT_LINES + 2]
    assert "larger than the 1,000,000 a template may build" in problems[0].message


def test_a_check_that_runs_too_long_is_stopped_and_the_next_one_works(
    worker: LintWorker,
) -> None:
    worker.lint(GOOD.read_text("utf-8"))  # the child is up
    worker.seconds = 0.3
    problems = worker.lint(SLOW)
    assert len(problems) == 1 and "took longer than 0.3 seconds" in problems[0].message
    worker.seconds = 30
    assert worker.lint(GOOD.read_text("utf-8")) == []


def test_a_child_that_dies_mid_check_is_reported_and_replaced(worker: LintWorker) -> None:
    worker.lint(GOOD.read_text("utf-8"))
    process = worker._process
    assert process is not None
    # As the memory cap would: the child is killed while it checks.
    threading.Timer(0.3, process.kill).start()
    problems = worker.lint(SLOW)
    assert len(problems) == 1 and "was stopped" in problems[0].message
    assert worker.lint(GOOD.read_text("utf-8")) == []
