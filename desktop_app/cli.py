"""The `pa-letter` command: the desktop app with no arguments, headless commands otherwise.

Runs the command cli_parser.py set up, turns what went wrong into one line and an exit code
(spec/case-format.md), and ends the process without needless work. Imports stay inside each
command so that `check` starts fast (no Qt, no reportlab).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from desktop_app.cli_parser import COMMAND_NAMES, parser_for
from desktop_app.errors import (
    AppError,
    CaseFileError,
    DatabaseUnusable,
    LabelFileError,
    SigningFileUnreadable,
    TemplateError,
)

EXIT_OK, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        from desktop_app.ui.app import main as run_app

        return run_app()
    parser = parser_for(args[0])
    options = parser.parse_args(args)
    if options.command not in _ONE_FILE_COMMANDS:
        return _run(options)
    # A check or a render reads one case, a verify one signed letter, and then the process
    # ends. Meanwhile Python's cycle collector walked the objects of the ~570 modules it
    # imports, again and again, to free almost nothing: about 50 ms, a tenth of a render.
    # Without it the cycles a letter leaves wait for the exit: 1 MB more at most for the
    # examples, 4.5 MB for a case at every limit, 0.3 MB to verify a signed 300-page letter.
    # A batch (thousands of letters in flat memory) and the app keep collecting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(options)
    finally:
        if collecting:  # main() called in a process that goes on (tests, scripts)
            gc.enable()


def _run(options: argparse.Namespace) -> int:
    try:
        if options.command in _WRITING_COMMANDS:
            _use_the_desks_database()
            _clean_up_after_killed_runs()
            _say_if_others_may_change_the_data_folder()
        code: int = options.handler(options)
        if options.command in _WRITING_COMMANDS:
            _tidy_old_caches()
    except DatabaseUnusable as exc:
        from desktop_app.cli_records import unusable_message

        _error(unusable_message(str(exc)))
        return EXIT_UNUSABLE
    except CaseFileError as exc:
        _error(str(exc))
        return EXIT_UNUSABLE
    except (TemplateError, LabelFileError, SigningFileUnreadable) as exc:
        _error(str(exc))
        return EXIT_UNUSABLE
    except AppError as exc:
        _error(str(exc))
        return EXIT_FAIL
    except KeyboardInterrupt:
        _error("stopped")
        return 130
    except BrokenPipeError:
        # The reader went away (`pa-letter check ... | head`): stop quietly, like other tools.
        _silence_stdout()
        return EXIT_OK
    except (MemoryError, RecursionError) as exc:
        # Past every limit (limits.py) still too large or deep: unusable input, in words.
        _error(f"the input is too large or too deeply nested to work with ({type(exc).__name__})")
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001  no traceback reaches a user
        # The type only: an exception's text may quote what the case holds (patient data).
        _error(
            f"an unexpected problem ({type(exc).__name__}) stopped the command; "
            "please report it to support"
        )
        return EXIT_FAIL
    return code


# Commands that work on one file (a case; a signed letter) and end.
_ONE_FILE_COMMANDS = frozenset({"check", "render", "verify"})
# Commands that write files or records: each first removes what killed runs left behind.
_WRITING_COMMANDS = frozenset({"render", "batch", "backup", "audit", "sign", "db", "people"})


def _use_the_desks_database() -> None:
    """The shared database in this desk's settings, as the app uses it (else the SQLite file)."""
    from desktop_app.services.desk_connection import connect_practice_database

    connect_practice_database()


def _say_if_others_may_change_the_data_folder() -> None:
    # The window keeps a standing note (ui/folder_notes.py); a command says it once, before
    # it writes there.
    from desktop_app.services.data_folder import data_folder_problem

    problem = data_folder_problem()
    if problem:
        print(f"pa-letter: warning: {problem}", file=sys.stderr)


def _clean_up_after_killed_runs() -> None:
    from desktop_app.services.housekeeping import remove_leftover_parts

    remove_leftover_parts()


def _tidy_old_caches() -> None:
    # After the command's work, at most once a day (one stat otherwise): never in its way.
    from desktop_app.services.old_caches import remove_old_caches

    remove_old_caches()


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _error(message: str) -> None:
    print(f"pa-letter: {message}", file=sys.stderr)


def run() -> None:
    """Console-script entry point."""
    # Before any dataclass is defined: their generated methods come compiled from the last run.
    if sys.argv[1:2] == ["verify"]:
        # Before install(): it imports dataclasses, and with it inspect, which binds these.
        from desktop_app.export.signing_imports import (
            defer_pythons_own_modules_checks_never_use,
        )

        defer_pythons_own_modules_checks_never_use()
    from desktop_app.storage.generated_code import install

    # Each command its own table: a verify reads what a verify compiles, not a render's too.
    install(sys.argv[1] if sys.argv[1:2] and sys.argv[1] in COMMAND_NAMES else None)
    one_file = bool(sys.argv[1:2]) and sys.argv[1] in _ONE_FILE_COMMANDS
    if one_file:
        # Off until the exit, not only while main() runs: main() turns the collector back on
        # when it found it on, and its first allocation then started one full collection
        # over everything the command loaded (about 45 ms of a render) that
        # _before_a_quick_exit is there to spare.
        gc.disable()
    code = main()
    command = sys.argv[1] if sys.argv[1:2] else None
    if command in _LEAVE_AT_ONCE_COMMANDS:
        _leave_at_once(code)
    if command in _QUICK_EXIT_COMMANDS:
        _before_a_quick_exit()
    sys.exit(code)


# Commands whose process ends with much loaded: a check, a render, a verify, a batch (whose
# workers are gone by then; its own process made the warm-up letter or every letter).
_QUICK_EXIT_COMMANDS = _ONE_FILE_COMMANDS | {"batch"}


# Commands that read and write nothing of the desk's (a verify reads one file and prints).
_LEAVE_AT_ONCE_COMMANDS = frozenset({"verify"})


def _leave_at_once(code: int) -> None:
    """End a verify as soon as its report is out, without taking the interpreter apart.

    Python's own exit frees, one by one, every object of the ~400 modules a verify loaded
    (pyHanko, cryptography, asyncio): about 5 ms of the command, for memory the exit frees
    anyway. A verify holds no open database or file to close, so once the exit handlers have
    run (the generated-code table is saved by one) and the report is flushed, nothing is left
    to do. With another thread still running, it exits as usual instead.
    """
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # the reader went away (`pa-letter verify x.pdf | head -1`): as _run does
    os._exit(code)


def _before_a_quick_exit() -> None:
    """Spare the exit of a command that rendered Python's last collection.

    At exit Python collects once more, walking every object of the ~540 modules a render
    loaded (about 60 ms of a render, 40 to 80 ms of a batch's own process) to free memory the
    exit frees anyway. Objects frozen (gc.freeze) are left out of it. The one thing that
    collection did that counts is closing the case database, whose connection sits in a
    reference cycle (SQLite then writes its WAL back and removes the side files): that is done
    here first, plainly.
    """
    audit = sys.modules.get("desktop_app.services.audit")
    if audit is not None:
        audit.close()
    gc.freeze()


if __name__ == "__main__":
    run()
