"""Running slow work (rendering, exporting) off the GUI thread, with results back as signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    """`done(result)` or `failed(exception)`, delivered on the GUI thread (queued connection)."""

    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Calls `work()` on a pool thread. The caller must keep `signals` connected to live slots."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # noqa: BLE001  handed to the GUI thread, which decides
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[Task] = set()
# Reads that change nothing and that nobody needs once the app is quitting (the deadlines
# notice on start): their own pool, which quitting does not wait for.
_reads_pool: QThreadPool | None = None


def _pool_for_reads() -> QThreadPool:
    global _reads_pool
    if _reads_pool is None:
        _reads_pool = QThreadPool(QCoreApplication.instance())
        _reads_pool.setMaxThreadCount(1)
    return _reads_pool


def start_task(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    *,
    owner: QObject | None = None,
    wait_at_quit: bool = True,
) -> Task:
    """Start `work` in the global pool; exactly one of the callbacks runs on the GUI thread.

    If `owner` (by default the object of a bound-method `on_done`, such as a dialog) is gone
    by the time the work ends, because the user closed it, the result is dropped quietly
    instead of reaching a deleted widget. `wait_at_quit=False` is for a read that writes
    nothing and shows something only while the window is open: quitting does not wait for it
    (finish_all_tasks then says work is left running, and the app leaves without Qt's
    teardown, as after any work it leaves behind).
    """
    task = Task(work)
    task.setAutoDelete(False)
    _running.add(task)
    if owner is None and isinstance(getattr(on_done, "__self__", None), QObject):
        owner = on_done.__self__  # type: ignore[attr-defined]

    def owner_gone() -> bool:
        return owner is not None and not shiboken6.isValid(owner)

    def finish_ok(result: Any) -> None:
        _running.discard(task)
        if not owner_gone():
            on_done(result)

    def finish_failed(exc: Any) -> None:
        _running.discard(task)
        if not owner_gone():
            on_failed(exc)

    task.signals.done.connect(finish_ok)
    task.signals.failed.connect(finish_failed)
    (QThreadPool.globalInstance() if wait_at_quit else _pool_for_reads()).start(task)
    return task


def running_tasks() -> int:
    """Pool work started whose result has not reached the GUI thread yet."""
    return len(_running)


def wait_for_tasks(msecs: int = 5000, *, reads: bool = False) -> bool:
    """Wait for pool work to finish (closing, and tests); with `reads`, also for the reads
    quitting does not wait for (tests)."""
    done = QThreadPool.globalInstance().waitForDone(msecs)
    if reads and _reads_pool is not None:
        done = _reads_pool.waitForDone(msecs) and done
    return done


def finish_all_tasks(msecs: int = 120_000) -> bool:
    """At quit: drop work not started yet, wait for the rest, and deliver (or drop) their
    results while the widgets still exist. False if some work is still running after `msecs`.

    A pool thread that outlived the app would emit from a signal object Python has already
    freed, or run into widgets being deleted: the crash at quit.
    """
    pool = QThreadPool.globalInstance()
    pool.clear()
    if _reads_pool is not None:
        _reads_pool.clear()  # a read not started yet is not started now
    finished = pool.waitForDone(msecs)
    app = QCoreApplication.instance()
    if app is not None:
        app.processEvents()  # the queued done/failed signals: delivered or dropped now
    return finished and not _running
