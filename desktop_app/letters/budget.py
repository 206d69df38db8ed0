"""A render budget: a template that loops forever or makes gigantic text stops with a clear message.

A letter template is a few kB and renders in milliseconds, so every limit here is far above any
real letter and far below what would freeze the app or exhaust memory. The sandbox charges the
budget on every loop item and call, and the size checks (letters/sizes.py) refuse an operation
whose result would be too large before Python builds it, and charge what it does build to a
total for the letter. The render loop charges the output and the clock. The exporters lay the
letter out under a budget of their own with the same clock (`check_clock`). No
`sys.settrace`: the checks sit where the work happens.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from desktop_app.errors import TemplateError

MAX_LOOP_ITEMS = 100_000  # all {% for %} items in one letter, together
MAX_CALLS = 50_000  # macro, cite() and method calls in one letter
MAX_TEXT = 1_000_000  # characters one value may hold, counting a list as it would print
MAX_ALLOCATED = 20_000_000  # characters of text and lists built in one letter, all together
MAX_OUTPUT = 2_000_000  # characters of letter markup: hundreds of pages
MAX_SECONDS = 10.0  # wall clock for one render, and again for laying out one file
MAX_POWER_BITS = 4_096  # `a ** b` beyond this is no letter's arithmetic
MAX_FORMAT_WIDTH = 10_000  # padding or precision in '%9s', '{:>9}', center(9): a letter needs 80
MAX_RANGE = 100_000  # range(n): numbers a loop may count through


class RenderBudgetExceeded(TemplateError):
    """The template did more work than any letter needs; the message says which limit."""


@dataclass(slots=True)
class _Spent:
    deadline: float
    seconds: float
    loop_items: int = 0
    calls: int = 0
    allocated: int = 0


_SPENT: contextvars.ContextVar[_Spent | None] = contextvars.ContextVar(
    "render_budget", default=None
)


@contextlib.contextmanager
def render_budget(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Charge everything rendered (or laid out) inside this block to one fresh budget."""
    token = _SPENT.set(_Spent(deadline=time.monotonic() + seconds, seconds=seconds))
    try:
        yield
    finally:
        _SPENT.reset(token)


def _check_clock(spent: _Spent) -> None:
    if time.monotonic() > spent.deadline:
        raise RenderBudgetExceeded(
            f"the template took longer than {spent.seconds:g} seconds and was stopped "
            "(a loop that never ends?)",
            hint="look for a {% for %} loop or a macro that calls itself",
        )


def check_clock() -> bool:
    """False once the current budget's time is up (True outside any budget).

    For the exporters, which word their own message: they know the letter, not the template.
    """
    spent = _SPENT.get()
    return spent is None or time.monotonic() <= spent.deadline


def charge_loop(iterable: Iterable[Any]) -> Iterator[Any]:
    """Iterate, counting every item of every loop against the letter's budget."""
    for item in iterable:
        spent = _SPENT.get()
        if spent is not None:
            spent.loop_items += 1
            if spent.loop_items > MAX_LOOP_ITEMS:
                raise RenderBudgetExceeded(
                    f"the template's loops ran more than {MAX_LOOP_ITEMS:,} times and were "
                    "stopped (a loop that never ends, or loops inside loops?)",
                    hint="a letter loops over a few evidence items or therapies, not thousands",
                )
            if spent.loop_items % 1000 == 0:
                _check_clock(spent)
        yield item


def charge_call() -> None:
    spent = _SPENT.get()
    if spent is None:
        return
    spent.calls += 1
    if spent.calls > MAX_CALLS:
        raise RenderBudgetExceeded(
            f"the template made more than {MAX_CALLS:,} calls and was stopped "
            "(a macro that calls itself?)"
        )
    if spent.calls % 1000 == 0:
        _check_clock(spent)


def charge_built(size: int) -> None:
    """Count `size` characters of text or list built, against the letter's total."""
    spent = _SPENT.get()
    if spent is None or size <= 0:
        return
    spent.allocated += size
    if spent.allocated > MAX_ALLOCATED:
        raise RenderBudgetExceeded(
            f"the template built more than {MAX_ALLOCATED:,} characters of text and lists in "
            "all and was stopped; a letter builds a few thousand",
            hint="look for text or a list built again and again inside a loop",
        )


def amount_words(number: int) -> str:
    """'99 billion', '4.6 million', '12,500': a size the reader can take in."""
    if number < 10**6:
        return f"{number:,}"
    for scale, word in ((10**6, "million"), (10**9, "billion"), (10**12, "trillion")):
        shown = round(number / scale, 1)
        if shown < 1000:
            return f"{shown:g} {word}"
    return f"{number:.1e}"


def too_big(what: str, size: int | None = None, limit: int = MAX_TEXT) -> RenderBudgetExceeded:
    """The refusal of one operation: what it would build, how large, and the limit."""
    if size is None:
        return RenderBudgetExceeded(
            f"the template tried to make {what} larger than {limit:,} characters or items; "
            "a letter never needs that much",
        )
    return RenderBudgetExceeded(
        f"this would build {what} that prints as about {amount_words(size)} characters, "
        f"larger than the {limit:,} a template may build (a letter never needs that much)",
    )


def collect_output(chunks: Iterable[str]) -> str:
    """Join the rendered pieces, stopping once the letter is absurdly long or slow."""
    pieces: list[str] = []
    length = 0
    spent = _SPENT.get()  # the budget the render runs under; a template cannot change it
    # The clock is read at every piece, as _check_clock reads it, without a call for each of
    # a letter's few hundred pieces.
    clock = time.monotonic
    for chunk in chunks:
        length += len(chunk)
        if length > MAX_OUTPUT:
            raise RenderBudgetExceeded(
                f"the template produced more than {MAX_OUTPUT:,} characters and was stopped "
                "(a letter is a few thousand)",
            )
        if spent is not None and clock() > spent.deadline:
            _check_clock(spent)  # says how long, and raises
        pieces.append(chunk)
    return "".join(pieces)
