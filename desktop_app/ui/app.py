"""Starting the desktop app: Qt application, case database, first-run examples, main window.

`PA_LETTER_EXIT_WHEN_READY=1` prints how long the start took and quits once the window is shown
and the case list loaded (bench/bench_ui.py uses it).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.errors import AppError, DatabaseUnusable

READY_ENV = "PA_LETTER_EXIT_WHEN_READY"
# How long quitting waits for background work before leaving it behind.
QUIT_WAIT_MS = 5000
_MAIN_STARTED = time.perf_counter()


def process_age() -> float | None:
    """Seconds since this process started (Linux), so the interpreter's start is counted too."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
    except (OSError, IndexError, ValueError):
        return None
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, in ticks
    return now - started


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, created if needed, in the Fusion style."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        list(argv if argv is not None else sys.argv)
    )
    app.setApplicationName("PA Letter Studio")
    app.setStyle("Fusion")
    from desktop_app.ui.input_guard import install_input_guard

    install_input_guard()
    return app


def open_store(ask: Any = None) -> Any:
    """The case store, or None when the database cannot be used and the user chose to quit.

    A damaged, emptied or missing database is never replaced by an empty one: the dialog names
    the newest good backup and the command that restores it, and restores it if asked. At most
    one restore is tried; a second failure is reported and the app quits, never looping.
    """
    from desktop_app.services.backups import newest_good_backup, restore_backup
    from desktop_app.services.cases import open_case_store
    from desktop_app.services.desk_connection import connect_practice_database
    from desktop_app.ui.damaged_db import ask_damaged_database

    asker = ask or ask_damaged_database
    shared = connect_practice_database()
    while shared is not None:
        # A server that is not answering is not a damaged file: no backup to restore here.
        try:
            return open_case_store()
        except DatabaseUnusable as exc:
            if not _retry_server(shared, str(exc)):
                return None
    try:
        return open_case_store()
    except DatabaseUnusable as exc:
        try:
            backup = newest_good_backup()
        except AppError:
            backup = None
        if not asker(str(exc), backup):
            return None
    try:
        done = restore_backup(backup)
        store = open_case_store()
    except AppError as exc:
        QMessageBox.critical(
            None, "PA Letter Studio",
            f"The case database still cannot be opened.\n\n{exc}\n\n"
            "Ask whoever looks after this computer to check the data folder.",
        )
        return None
    QMessageBox.information(None, "PA Letter Studio", done.message)
    return store


def _retry_server(address: str, problem: str) -> bool:
    answer = QMessageBox.warning(
        None, "PA Letter Studio",
        f"The practice's shared database cannot be reached.\n\n{problem}\n\nServer: {address}"
        "\n\nCheck the network and that the server is running, then try again. (Settings > "
        "Database, or PA_LETTER_DB_URL, names the server.)",
        QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close,
        QMessageBox.StandardButton.Retry,
    )
    return answer == QMessageBox.StandardButton.Retry


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app until its window closes; returns the process exit code."""
    from desktop_app.services.housekeeping import remove_leftover_parts
    from desktop_app.ui.crash import CrashHandler
    from desktop_app.ui.main_window import MainWindow

    app = application(argv)
    if not _data_folder_usable():
        return 1
    first = _first_screen()
    if first is not None:
        # Nothing to migrate, back up, sign in or import: the store opens when first used.
        from desktop_app.services.first_screen import StoreOnFirstUse

        remove_leftover_parts()
        store: Any = StoreOnFirstUse()
        backup_problem = None
    else:
        store, backup_problem = _full_start()
        if store is None:
            return 1
    window = MainWindow(store)
    handler = CrashHandler(window.flush, lambda: window)
    handler.install()
    window.show()
    window.load_cases(first.summaries if first is not None else None)
    if backup_problem:
        window.statusBar().showMessage(backup_problem, 15000)
    if first is not None:
        window.records.announce_when_read(first.read_deadlines)  # the list is usable meanwhile
    else:
        window.records.announce_from_store()
    if os.environ.get(READY_ENV):
        QTimer.singleShot(0, lambda: _report_ready(app, window))
    else:
        _warm_up_in_background()
    try:
        code = int(app.exec())
    finally:
        handler.uninstall()
        finished = _shut_down(app, window, store)
    if not finished:
        # Work still running (the reference warm-up, a long render, the deadlines notice being
        # read, which quitting does not wait for): its thread would outlive the objects it
        # reports to. Everything is saved and the database closed; leave without tearing Qt
        # down under it. A half-written letter stays a .part file, removed
        # at the next start, and has no record, so no letter goes out unrecorded.
        sys.stderr.flush()
        os._exit(code)
    # The window is gone, the case saved and the database closed: what is left is Python's
    # own teardown, whose cycle collections over every object the session made are most of
    # it. Frozen objects are still freed, files closed and exit handlers run; only the cycle
    # search is skipped (the process ends next: main() is its last work).
    gc.freeze()
    return code


def _data_folder_usable() -> bool:
    """Say in a dialog, not a traceback, why the data folder cannot be used (False then)."""
    from desktop_app.services.data_folder import check_data_folder

    try:
        check_data_folder()
    except AppError as exc:
        QMessageBox.critical(
            None, "PA Letter Studio",
            f"PA Letter Studio cannot start: its data folder cannot be used.\n\n{exc}\n\n"
            "Nothing was changed. Start the app again once the data folder is set right "
            "(PA_LETTER_HOME names it).",
        )
        return False
    return True


def _first_screen() -> Any:
    """The list and deadlines read without opening the store, or None for the full start."""
    from desktop_app.services.desk_connection import connect_practice_database
    from desktop_app.services.first_screen import first_screen

    if connect_practice_database() is not None:
        return None  # a shared server: the full start, with its retry dialog
    return first_screen()


def _full_start() -> tuple[Any, str | None]:
    """The store opened the full way (restore offer, sign-in, the day's backup, first-run
    examples) and any backup problem to show; (None, None) when the user chose to quit."""
    from desktop_app.services.housekeeping import start_of_day
    from desktop_app.ui.first_run import load_examples_if_first_run
    from desktop_app.ui.sign_in_dialog import ask_who_is_here

    store = open_store()
    if store is None:
        return None, None
    if not ask_who_is_here(store):
        store.close()
        return None, None
    backup_problem = start_of_day(store)
    try:
        load_examples_if_first_run(store)
    except AppError as exc:
        # The app still works without the samples; say why they are missing.
        QMessageBox.warning(
            None, "PA Letter Studio", f"The example cases were not loaded.\n\n{exc}"
        )
    return store, backup_problem


def _shut_down(app: QApplication, window: Any, store: Any) -> bool:
    """In order: background work ends (or is dropped), the window is deleted by Qt while the
    application exists, then the database is closed. True when no thread is left running."""
    from desktop_app.ui.workers import finish_all_tasks

    finished = finish_all_tasks(QUIT_WAIT_MS)
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    store.close()
    # The audit log holds a database only once something was recorded, which imported it.
    audit = sys.modules.get("desktop_app.services.audit")
    if audit is not None:
        audit.close()
    return finished


def _warm_up_in_background() -> None:
    """Load the ICD-10-CM index on a pool thread while staff look at the list, then (at most
    once a day) remove the caches older app versions left behind."""
    from desktop_app.services.reference import warm_up
    from desktop_app.ui.workers import start_task

    def tidy_caches(_outcome: object) -> None:
        from desktop_app.services.old_caches import remove_old_caches

        # After the warm-up, so the two never share the start's CPU. Nothing to tell staff
        # either way: a cache left in place costs disk space, nothing more.
        start_task(remove_old_caches, lambda _result: None, lambda _exc: None)

    # A failure here only means the first check loads the index itself and reports any problem.
    start_task(warm_up, tidy_caches, tidy_caches)


def _report_ready(app: QApplication, window: Any) -> None:
    age = process_age()
    main_part = time.perf_counter() - _MAIN_STARTED
    shown = window.list_pane.model.rowCount()
    whole = f"{age:.3f}" if age is not None else "unknown"
    print(f"ready: process {whole} s, after imports {main_part:.3f} s, {shown} cases listed",
          flush=True)
    window.close()
    app.quit()


if __name__ == "__main__":
    sys.exit(main())
