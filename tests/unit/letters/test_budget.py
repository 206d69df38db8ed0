"""The render loop's own charges: the letter's length and the clock, checked piece by piece."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.letters.budget import (
    MAX_OUTPUT,
    RenderBudgetExceeded,
    collect_output,
    render_budget,
)


def test_pieces_are_joined_inside_and_outside_a_budget() -> None:
    assert collect_output(iter(["Dear ", "Dr Lee"])) == "Dear Dr Lee"
    with render_budget():
        assert collect_output(iter(["Dear ", "Dr Lee"])) == "Dear Dr Lee"


def test_a_render_past_its_time_stops_at_the_next_piece() -> None:
    made: list[str] = []

    def pieces() -> Iterator[str]:
        for piece in ("a", "b", "c"):
            made.append(piece)
            yield piece

    with render_budget(seconds=-1.0), pytest.raises(RenderBudgetExceeded, match="longer than"):
        collect_output(pieces())
    assert made == ["a"]


def test_a_letter_too_long_is_stopped() -> None:
    with pytest.raises(RenderBudgetExceeded, match="characters and was stopped"):
        collect_output(iter(["x" * MAX_OUTPUT, "y"]))
