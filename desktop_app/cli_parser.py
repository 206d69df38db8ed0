"""The command line's parser: each command's arguments, its help and its usage errors.

Apart from cli.py (which runs a command and ends the process) because setting up arguments
is its own job with its own cost: only the command being run is set up, each command group's
cli_*.py module is read only then, and help is laid out without argparse's imports.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

EXIT_UNUSABLE = 2

# What `pa-letter --help` says above the commands: cli.py's docstring, as it always printed.
WHAT_PA_LETTER_DOES = (
    "The `pa-letter` command: the desktop app with no arguments, headless commands otherwise.\n"
    "\n"
    "Exit codes follow the case format (docs/case-format.md, \"Command line\"): 0 done;\n"
    "1 refused, or found what needs a person (errors, an altered or unsigned PDF, newer\n"
    "labels); 2 when its input or its arguments could not be used.\n"
)


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


class CommandParser(argparse.ArgumentParser):
    """Usage mistakes exit 2 with one line, like unusable input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_UNUSABLE, f"pa-letter: {message} (see pa-letter --help)\n")


def parser_for(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the command being run, only that command's arguments
    are set up: argparse builds every parser it is given at once, which for all of them took
    about a tenth of a whole `pa-letter check`. That command's usage, help and errors read as
    with the whole parser; any other first word (`--help`, a typo) gets the whole parser."""
    parser = CommandParser(prog="pa-letter", description=WHAT_PA_LETTER_DOES)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=CommandParser)
    chosen = [add for names, add in _COMMANDS if command in names]
    for add in chosen or [add for _, add in _COMMANDS]:
        add(sub)
    return parser


def _add_evidence(sub: Any) -> None:
    from desktop_app.cli_reference import add_evidence

    add_evidence(sub, CommandParser)


def _add_schema(sub: Any) -> None:
    from desktop_app.cli_reference import add_schema

    add_schema(sub, CommandParser)


def _add_rules(sub: Any) -> None:
    from desktop_app.cli_reference import add_rules

    add_rules(sub, CommandParser)


def _add_drugs(sub: Any) -> None:
    from desktop_app.cli_reference import add_drugs

    add_drugs(sub, CommandParser)


def _add_check(sub: Any) -> None:
    from desktop_app.cli_letters import add_check

    add_check(sub, CommandParser)


def _add_render(sub: Any) -> None:
    from desktop_app.cli_letters import add_render

    add_render(sub, CommandParser)


def _add_batch(sub: Any) -> None:
    from desktop_app.cli_letters import add_batch

    add_batch(sub, CommandParser)


def _add_templates(sub: Any) -> None:
    from desktop_app.cli_templates import add_templates

    add_templates(sub, CommandParser)


def _add_sign(sub: Any) -> None:
    from desktop_app.cli_signing import add_sign

    add_sign(sub, CommandParser)


def _add_verify(sub: Any) -> None:
    from desktop_app.cli_signing import add_verify

    add_verify(sub, CommandParser)


def _add_deadlines(sub: Any) -> None:
    from desktop_app.cli_deadlines import add_deadlines

    add_deadlines(sub, CommandParser)


def _add_records(sub: Any) -> None:
    from desktop_app.cli_records import add_commands

    add_commands(sub, CommandParser)


def _add_db(sub: Any) -> None:
    from desktop_app.cli_db import add_commands

    add_commands(sub, CommandParser)


def _add_people(sub: Any) -> None:
    from desktop_app.cli_people import add_commands

    add_commands(sub, CommandParser)


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

# Every command's name: cli.run chooses the command's generated-code table by it.
COMMAND_NAMES = frozenset().union(*(names for names, _add in _COMMANDS))
