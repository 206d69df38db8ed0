"""The `pa-letter` command: the desktop app with no arguments, headless commands otherwise.

Exit codes follow spec/case-format.md. Imports stay inside each command so that `check`
starts fast (no Qt, no reportlab).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from typing import Any

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
    parser = _parser(args[0])
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


class _Help(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal, found as argparse finds it.

    argparse makes a formatter for every argument it is given (to check its metavar), and
    each imports `shutil` for the terminal's width: and with shutil the bz2 and lzma modules
    and their libraries, which no command uses. The width comes from the same place as
    `shutil.get_terminal_size`: COLUMNS, else the terminal on standard output, else 80.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        # Two columns short of the terminal's, as argparse leaves when it finds the width.
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)


def _columns() -> int:
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    if sys.__stdout__ is None:
        return 80
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (ValueError, OSError):  # not a terminal, or closed or detached
        return 80


class _Parser(argparse.ArgumentParser):
    """Usage mistakes exit 2 with one line, like unusable input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_UNUSABLE, f"pa-letter: {message} (see pa-letter --help)\n")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the command being run, only that command's arguments
    are set up: argparse builds every parser it is given at once, which for all of them took
    about a tenth of a whole `pa-letter check`. That command's usage, help and errors read as
    with the whole parser; any other first word (`--help`, a typo) gets the whole parser."""
    parser = _Parser(prog="pa-letter", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    chosen = [add for names, add in _COMMANDS if command in names]
    for add in chosen or [add for _, add in _COMMANDS]:
        add(sub)
    return parser


def _add_evidence(sub: Any) -> None:
    from desktop_app.cli_reference import add_evidence

    add_evidence(sub, _Parser)


def _add_schema(sub: Any) -> None:
    from desktop_app.cli_reference import add_schema

    add_schema(sub, _Parser)


def _add_rules(sub: Any) -> None:
    from desktop_app.cli_reference import add_rules

    add_rules(sub, _Parser)


def _add_drugs(sub: Any) -> None:
    from desktop_app.cli_reference import add_drugs

    add_drugs(sub, _Parser)


def _add_check(sub: Any) -> None:
    from desktop_app.cli_letters import add_check

    add_check(sub, _Parser)


def _add_render(sub: Any) -> None:
    from desktop_app.cli_letters import add_render

    add_render(sub, _Parser)


def _add_batch(sub: Any) -> None:
    from desktop_app.cli_letters import add_batch

    add_batch(sub, _Parser)


def _add_templates(sub: Any) -> None:
    from desktop_app.cli_templates import add_templates

    add_templates(sub, _Parser)


def _add_sign(sub: Any) -> None:
    from desktop_app.cli_signing import add_sign

    add_sign(sub, _Parser)


def _add_verify(sub: Any) -> None:
    from desktop_app.cli_signing import add_verify

    add_verify(sub, _Parser)


def _add_deadlines(sub: Any) -> None:
    from desktop_app.cli_deadlines import add_deadlines

    add_deadlines(sub, _Parser)


def _add_records(sub: Any) -> None:
    from desktop_app.cli_records import add_commands

    add_commands(sub, _Parser)


def _add_db(sub: Any) -> None:
    from desktop_app.cli_db import add_commands

    add_commands(sub, _Parser)


def _add_people(sub: Any) -> None:
    from desktop_app.cli_people import add_commands

    add_commands(sub, _Parser)


# Each command's name(s) and what sets up its arguments, in the order --help lists them. Each
# group of commands is its own cli_*.py module, read only when one of its commands runs.
_COMMANDS: tuple[tuple[frozenset[str], Callable[[Any], None]], ...] = (
    (frozenset({"check"}), _add_check),
    (frozenset({"render"}), _add_render),
    (frozenset({"batch"}), _add_batch),
    (frozenset({"templates"}), _add_templates),
    (frozenset({"evidence"}), _add_evidence),
    (frozenset({"schema"}), _add_schema),
    (frozenset({"rules"}), _add_rules),
    (frozenset({"drugs"}), _add_drugs),
    (frozenset({"sign"}), _add_sign),
    (frozenset({"deadlines"}), _add_deadlines),
    (frozenset({"verify"}), _add_verify),
    (frozenset({"audit", "backup"}), _add_records),
    (frozenset({"db"}), _add_db),
    (frozenset({"people"}), _add_people),
)


_COMMAND_NAMES = frozenset().union(*(names for names, _add in _COMMANDS))


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
    install(sys.argv[1] if sys.argv[1:2] and sys.argv[1] in _COMMAND_NAMES else None)
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
