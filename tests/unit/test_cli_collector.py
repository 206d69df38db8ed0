"""A check or render of one case runs without Python's cycle collector, and gives it back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from desktop_app import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-part-b-preauth.json"


@pytest.fixture
def collecting_while_run(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []
    real = cli._run

    def run(options: object) -> int:
        seen.append(gc.isenabled())
        return real(options)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_run", run)
    return seen


def test_a_check_runs_without_the_collector_and_turns_it_back_on(
    collecting_while_run: list[bool], capsys: pytest.CaptureFixture[str]
) -> None:
    assert gc.isenabled()
    assert cli.main(["check", str(EXAMPLE)]) in (cli.EXIT_OK, cli.EXIT_FAIL)
    out = capsys.readouterr().out
    assert "MUST FIX" in out or "SHOULD REVIEW" in out  # the checklist printed
    assert collecting_while_run == [False]
    assert gc.isenabled()  # this process goes on: it collects again


def test_a_failed_render_turns_it_back_on_too(
    collecting_while_run: list[bool], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "case.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert cli.main(["render", str(damaged), "-o", str(tmp_path / "x.pdf")]) == cli.EXIT_UNUSABLE
    assert "case.json" in capsys.readouterr().err  # the file is named, no traceback
    assert collecting_while_run == [False]
    assert gc.isenabled()


def test_a_process_that_had_it_off_keeps_it_off(
    collecting_while_run: list[bool], capsys: pytest.CaptureFixture[str]
) -> None:
    gc.disable()
    try:
        cli.main(["check", str(EXAMPLE)])
        assert not gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()


@pytest.mark.parametrize("args", [["templates", "list"], ["rules"], ["schema"]])
def test_other_commands_keep_collecting(
    collecting_while_run: list[bool], args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(args)
    capsys.readouterr()
    assert collecting_while_run == [True]  # as a batch does: thousands of letters, flat memory
