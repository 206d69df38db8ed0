"""Where a batch's letters are made: in this process for one job, else in worker processes.

Workers get a few letters at a time (never the whole list), so a batch of 5,000 holds no
more in memory than one of 50. Letters that finish together are recorded together
(batch.finish_items). A worker that dies (killed for memory, a crash in a C library) takes
only the letters it had in hand: those are tried again each in a process of its own, and the
rest go on in a new pool. Ctrl+C: no new letter starts, the ones in hand are finished and
kept, and any `.part-` file this batch left is removed before the batch stops.

Ctrl+C is taken as a request (a flag, see _StopRequest) and acted on between letters: as an
exception it could land inside concurrent.futures while that holds a future's lock, and the
batch then waited for that lock for ever instead of stopping.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from desktop_app.services import batch
from desktop_app.services.batch import BatchItem, BatchSetup, finish_items
from desktop_app.services.render import Format

Report = Callable[[list[BatchItem]], None]
IN_FLIGHT_PER_WORKER = 4  # enough that no worker waits for the next letter
GROUP_SECONDS = 0.25  # letters are recorded together at most this often
GROUP_LETTERS = 16
STOP_WAIT_S = 30.0  # at Ctrl+C, how long the letters in hand may take to finish
POLL_S = 0.2  # how often the pool loop looks for a Ctrl+C while letters are being made


class _StopRequest:
    """Counts Ctrl+C presses while the batch runs, instead of raising where they land."""

    def __init__(self) -> None:
        self.pressed = 0
        self._previous: object = None
        self._installed = False

    def __enter__(self) -> _StopRequest:
        # Only the main thread may set a signal handler (and only it gets KeyboardInterrupt).
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._press)
            self._installed = True
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _press(self, _signum: int, _frame: object) -> None:
        self.pressed += 1

    def stop_here(self) -> None:
        """Called between letters: stop the batch now if Ctrl+C was pressed."""
        if self.pressed:
            raise KeyboardInterrupt


def run(todo: list[Path], out_dir: Path, fmt: Format, workers: int, report: Report) -> None:
    """Render `todo` into `out_dir`, reporting finished items as they come."""
    from desktop_app.services.render import prepare_rendering
    from desktop_app.storage.part_files import discard_abandoned

    if not todo:
        return
    with _Loading() as loading:
        setup = BatchSetup.read()
        prepare_rendering(fmt)  # forked workers start with it loaded
        try:
            with _StopRequest() as stop:
                if workers <= 1:
                    _in_this_process(todo, out_dir, fmt, setup, report, stop, loading)
                else:
                    _in_workers(todo, out_dir, fmt, workers, setup, report, stop, loading)
        except KeyboardInterrupt:
            discard_abandoned(out_dir, os.getpid())
            raise


class _Loading:
    """Python's cycle collector paused while the batch loads what every letter needs.

    Loading (the render stack's ~570 modules, fonts, templates, the first letter's data) makes
    objects that live as long as the process, and the collector walked them again and again
    to free almost nothing. When loading is done they are frozen (gc.freeze): left out of
    every later collection, in this process and in the workers forked from it. A worker's
    collections then walk only its own letter's objects; before, each full collection also
    walked, and so wrote to, every page it had inherited, which the kernel then copied.
    The collector runs again for the letters themselves: memory stays flat over thousands.
    """

    def __enter__(self) -> _Loading:
        self._collecting = gc.isenabled()
        self._frozen_before = gc.get_freeze_count()
        self._loaded = False
        gc.disable()
        return self

    def done(self) -> None:
        """What is loaded now stays for the batch: freeze it, collect the rest as before."""
        if self._loaded:
            return
        self._loaded = True
        gc.freeze()
        if self._collecting:
            gc.enable()

    def __exit__(self, *_exc: object) -> None:
        self.done()
        if not self._frozen_before:  # a process that goes on (the tests) can free them again
            gc.unfreeze()


def _in_this_process(
    todo: list[Path], out_dir: Path, fmt: Format, setup: BatchSetup, report: Report,
    stop: _StopRequest, loading: _Loading,
) -> None:
    previous, batch._setup = batch._setup, setup
    group: list[BatchItem] = []
    started = time.monotonic()
    try:
        for source in todo:
            group.append(batch.render_one(source, out_dir, fmt))
            loading.done()  # the first letter loaded what the others use
            if (stop.pressed or len(group) >= GROUP_LETTERS
                    or time.monotonic() - started >= GROUP_SECONDS):
                report(finish_items(group))
                group, started = [], time.monotonic()
            stop.stop_here()  # the letter just made is written and recorded
        report(finish_items(group))
        group = []
    finally:
        batch._setup = previous


# The shipped fictional sample a batch rehearses on (services.examples.example_case_paths).
WARM_UP_CASE = "medicare-part-b-preauth.json"


def warm_up(setup: BatchSetup, fmt: Format) -> None:
    """Make one throw-away letter from a shipped fictional sample, so that forked workers
    start with everything a letter loads on first use already loaded.

    A worker's first letter took 1.7 s of processor time against 52 ms for the next (the
    payer directory and its database code, the templates compiled, the drug catalog and
    label data, the rules' patterns); each worker paid it again. The sample's letter is
    kept nowhere and recorded nowhere. If it cannot be made, each worker loads what it
    needs as before: a warm-up never stops a batch.
    """
    from desktop_app.domain.casefile import load_case
    from desktop_app.letters.render import compile_template
    from desktop_app.services.examples import example_case_paths
    from desktop_app.services.render import render_letter

    try:
        for template in setup.templates.values():
            compile_template(template)  # each kind's, not only the sample's
        sample = next((p for p in example_case_paths() if p.name == WARM_UP_CASE), None)
        if sample is None or setup.settings_problem is not None:
            return
        case = load_case(sample)
        render_letter(case, fmt=fmt, template=setup.templates.get(case.letter.kind or "preauth"),
                      settings=setup.settings, override_reason="warm-up, not kept")
    except Exception:  # noqa: BLE001  a warm-up only saves time; the letters report
        return


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Fork where the platform has it: workers start with the render stack already loaded."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _in_workers(
    todo: list[Path], out_dir: Path, fmt: Format, workers: int, setup: BatchSetup,
    report: Report, stop: _StopRequest, loading: _Loading,
) -> None:
    if _fork_context() is not None:
        warm_up(setup, fmt)  # a Ctrl+C meanwhile is acted on before any letter starts
        stop.stop_here()
    loading.done()  # before the first fork: the workers inherit it frozen
    remaining = todo
    while remaining:
        in_hand_when_it_died: list[Path] = []
        remaining = _one_pool(remaining, out_dir, fmt, workers, setup, report,
                              in_hand_when_it_died, stop)
        for source in in_hand_when_it_died:
            stop.stop_here()
            report(finish_items([_render_alone(source, out_dir, fmt, setup)]))


def _one_pool(
    sources: list[Path], out_dir: Path, fmt: Format, workers: int, setup: BatchSetup,
    report: Report, died: list[Path], stop: _StopRequest,
) -> list[Path]:
    """Render with one pool until done or a worker dies; returns the letters not started."""
    owner = os.getpid()
    queue = deque(sources)
    in_flight: dict[Future[BatchItem], Path] = {}
    broken = False
    with ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context(),
                             initializer=batch.start_worker, initargs=(setup,)) as pool:

        def top_up() -> None:
            nonlocal broken
            while not broken and queue and len(in_flight) < workers * IN_FLIGHT_PER_WORKER:
                source = queue.popleft()
                try:
                    in_flight[pool.submit(batch.render_one, source, out_dir, fmt, owner)] = source
                except BrokenProcessPool:
                    queue.appendleft(source)
                    broken = True

        # Letters made but not yet recorded: recorded together, as in one process. One
        # transaction per letter took this process about 2 ms of a core each, taken from
        # the workers; a letter waits in its `.part-` file a quarter of a second at most.
        group: list[BatchItem] = []
        due = 0.0  # when the group's first letter has waited long enough
        top_up()
        while in_flight:
            if stop.pressed:
                _finish_in_hand(in_flight, report, group)
                stop.stop_here()
            timeout = min(POLL_S, max(0.0, due - time.monotonic())) if group else POLL_S
            done, _ = wait(in_flight, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in done:
                source = in_flight.pop(future)
                try:
                    item = future.result()
                except Exception:  # noqa: BLE001  its worker died: tried again alone
                    broken = True
                    died.append(source)
                    continue
                if not group:
                    due = time.monotonic() + GROUP_SECONDS
                group.append(item)
            if not stop.pressed:
                top_up()  # the workers go on while this process records
            if group and (len(group) >= GROUP_LETTERS or not in_flight or broken
                          or stop.pressed or time.monotonic() >= due):
                report(finish_items(group))
                group = []
    return list(queue)


def _finish_in_hand(
    in_flight: dict[Future[BatchItem], Path], report: Report, made: list[BatchItem]
) -> None:
    """Ctrl+C: the letters not started are dropped; those in a worker's hands are finished
    (the workers ignore Ctrl+C), kept and recorded with those already `made`, however often
    Ctrl+C is pressed: a letter a worker writes is one the audit log must list."""
    for future in in_flight:
        future.cancel()
    pending = set(in_flight)
    deadline = time.monotonic() + STOP_WAIT_S
    finished: list[Future[BatchItem]] = []
    while pending and time.monotonic() < deadline:
        done, pending = wait(pending, timeout=POLL_S)
        finished.extend(done)
    rendered = [f.result() for f in finished if not f.cancelled() and f.exception() is None]
    report(finish_items([*made, *rendered]))


def _render_alone(source: Path, out_dir: Path, fmt: Format, setup: BatchSetup) -> BatchItem:
    with ProcessPoolExecutor(max_workers=1, mp_context=_fork_context(),
                             initializer=batch.start_worker, initargs=(setup,)) as pool:
        try:
            return pool.submit(batch.render_one, source, out_dir, fmt, os.getpid()).result()
        except Exception:  # noqa: BLE001  this case kills the process that renders it
            return BatchItem(
                source, None, "unusable", "could not be rendered: its process stopped"
            )
