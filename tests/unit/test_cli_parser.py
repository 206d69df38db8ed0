"""The command line set up for one command reads exactly as the whole command line does.

`pa-letter render ...` builds only the render command's arguments (argparse sets up every
parser it is given at once). Staff must not see the difference: the same help, usage errors
and parsed options, and the whole list of commands for anything that is no command.
"""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.cli_parser import EXIT_UNUSABLE, parser_for


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


ALL = sorted(_commands(parser_for()))


def _outcome(parser: argparse.ArgumentParser, args: list[str]) -> tuple[object, str, str]:
    """What staff see: the options parsed (or the exit code), and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = sorted(vars(parser.parse_args(args)).items(), key=lambda i: i[0])
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, out.getvalue(), err.getvalue()


def test_every_command_is_known_by_its_name_and_set_up_alone() -> None:
    assert {"check", "render", "batch", "audit", "backup", "db", "people", "sign"} <= set(ALL)
    for name in ALL:
        alone = _commands(parser_for(name))
        assert name in alone
        assert len(alone) <= 2  # itself (audit and backup are set up together)


@pytest.mark.parametrize("name", ALL)
def test_a_commands_help_is_the_same_set_up_alone(name: str) -> None:
    assert _outcome(parser_for(name), [name, "--help"]) == _outcome(parser_for(), [name, "--help"])


@pytest.mark.parametrize(
    "args",
    [
        ["render", "case.json", "-o", "out.pdf"],
        ["render", "case.json", "-o", "out.pdf", "--template", "offlabel-appeal"],
        ["render", "case.json"],  # -o missing
        ["render", "case.json", "-o", "out.pdf", "--tem", "x"],  # an abbreviated option
        ["render", "case.json", "-o", "out.pdf", "--nope"],
        ["check", "case.json", "--format", "json"],
        ["check", "case.json", "--format", "yaml"],
        ["check"],
        ["batch", "cases", "-o", "out", "--jobs", "two"],
        ["templates"],
        ["templates", "show", "offlabel-preauth"],
        ["audit", "verify"],
        ["backup", "restore"],
        ["db"],
        ["people", "add"],
    ],
)
def test_a_command_parses_and_refuses_the_same_set_up_alone(args: list[str]) -> None:
    assert _outcome(parser_for(args[0]), args) == _outcome(parser_for(), args)


@pytest.mark.parametrize("first", ["--help", "-h", "rendr", "", "--version", "<b>render</b>"])
def test_anything_but_a_command_gets_the_whole_list(first: str) -> None:
    whole = _outcome(parser_for(), [first])
    assert _outcome(parser_for(first), [first]) == whole
    if first not in ("--help", "-h"):
        assert whole[0] == ("exit", EXIT_UNUSABLE)
    if not first.startswith("-"):
        assert "render" in whole[2]  # "invalid choice", with every command listed


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(ALL),
    st.lists(st.sampled_from(["x.json", "-o", "a.pdf", "--format", "json", "--template", "-h",
                              "list", "show", "add", "--jobs", "3", "--", "é"]), max_size=6),
)
def test_any_command_line_reads_the_same_either_way(name: str, rest: list[str]) -> None:
    args = [name, *rest]
    assert _outcome(parser_for(name), args) == _outcome(parser_for(), args)


@pytest.mark.parametrize("columns", ["40", "80", "132", "", "not a number"])
def test_help_is_as_wide_as_argparse_makes_it_without_shutil(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The formatter finds the width itself (argparse's own imports shutil, with bz2 and lzma).
    monkeypatch.setenv("COLUMNS", columns)
    ours = {name: parser.format_help() for name, parser in _commands(parser_for()).items()}
    for name, parser in _commands(parser_for()).items():
        for each in (parser, *_commands_or_none(parser).values()):
            each.formatter_class = argparse.HelpFormatter
        assert parser.format_help() == ours[name], name
    whole = parser_for()
    ours_whole = whole.format_help()
    whole.formatter_class = argparse.HelpFormatter
    assert whole.format_help() == ours_whole


def _commands_or_none(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return _commands(parser) if any(
        isinstance(a, argparse._SubParsersAction) for a in parser._actions) else {}


def test_the_whole_help_still_says_what_pa_letter_is_and_how_it_exits() -> None:
    # The words above the command list were cli.py's docstring before the parser moved out.
    _, out, _ = _outcome(parser_for(), ["--help"])
    words = " ".join(out.split())
    assert ("The `pa-letter` command: the desktop app with no arguments, headless commands "
            "otherwise. Exit codes follow the case format (docs/case-format.md") in words
    assert "Imports" not in words  # a note for the product's engineers, not its users
