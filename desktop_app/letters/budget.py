"""A render budget: a template that loops forever or makes gigantic text stops with a clear message.

A letter template is a few kB and renders in milliseconds, so every limit here is far above any
real letter and far below what would freeze the app or exhaust memory. The sandbox charges the
budget on every loop item, every call, and on the operators and filters that can multiply text
(`*`, `**`, `%`, `+`, `~`, `center`, `indent`, `format`, `replace`, `join`); the render loop
charges the output and the clock. No `sys.settrace`: the checks sit where the work happens.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Any

from desktop_app.errors import TemplateError

MAX_LOOP_ITEMS = 100_000  # all {% for %} items in one letter, together
MAX_CALLS = 50_000  # macro, cite() and method calls in one letter
MAX_TEXT = 1_000_000  # characters (or list items) one value may hold
MAX_OUTPUT = 2_000_000  # characters of letter markup: hundreds of pages
MAX_SECONDS = 10.0  # wall clock for one render
MAX_POWER_BITS = 4_096  # `a ** b` beyond this is no letter's arithmetic

_PRINTF_WIDTH = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_WIDTH = re.compile(r"\d{7,}")


class RenderBudgetExceeded(TemplateError):
    """The template did more work than any letter needs; the message says which limit."""


@dataclass(slots=True)
class _Spent:
    deadline: float
    loop_items: int = 0
    calls: int = 0


_SPENT: contextvars.ContextVar[_Spent | None] = contextvars.ContextVar(
    "render_budget", default=None
)


@contextlib.contextmanager
def render_budget(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Charge everything rendered inside this block to one fresh budget."""
    token = _SPENT.set(_Spent(deadline=time.monotonic() + seconds))
    try:
        yield
    finally:
        _SPENT.reset(token)


def _check_clock(spent: _Spent) -> None:
    if time.monotonic() > spent.deadline:
        raise RenderBudgetExceeded(
            f"the template took longer than {MAX_SECONDS:g} seconds and was stopped "
            "(a loop that never ends?)",
            hint="look for a {% for %} loop or a macro that calls itself",
        )


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


def too_big(what: str) -> RenderBudgetExceeded:
    return RenderBudgetExceeded(
        f"the template tried to make {what} larger than {MAX_TEXT:,} characters or items; "
        "a letter never needs that much",
    )


def _size(value: object) -> int:
    return len(value) if isinstance(value, str | list | tuple | Sized) else 0


def check_binop(operator: str, left: object, right: object) -> None:
    """Refuse `*`, `**`, `%` and `+` whose result would be gigantic, before Python builds it."""
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            if not isinstance(seq, str | list | tuple) or not isinstance(count, int):
                continue
            if len(seq) * max(count, 0) > MAX_TEXT:
                raise too_big("text or a list")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        if abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS:
            raise too_big("a number")
    elif operator == "%" and isinstance(left, str):
        check_printf(left, right)
    elif operator == "+" and _size(left) + _size(right) > MAX_TEXT:
        raise too_big("text or a list")


def check_printf(pattern: str, values: object) -> None:
    """`'%9999999s' % x` pads to the width before anyone could look at the result."""
    args = values if isinstance(values, tuple) else (values,)
    star_args = [a for a in args if isinstance(a, int) and not isinstance(a, bool)]
    for match in _PRINTF_WIDTH.finditer(pattern):
        for group in match.groups():
            if group == "*" and any(abs(a) > MAX_TEXT for a in star_args):
                raise too_big("text")
            if group and group.isdigit() and int(group) > MAX_TEXT:
                raise too_big("text")


def check_text_call(method: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Guard the str methods that pad, repeat or join: center, ljust, join, replace, format."""
    method = getattr(method, "__wrapped__", method)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in ("center", "ljust", "rjust", "zfill", "expandtabs"):
        if any(isinstance(a, int) and a > MAX_TEXT for a in args):
            raise too_big("text")
    elif name == "join" and args:
        check_join(args[0], owner)
    elif name == "replace" and len(args) >= 2:
        check_replace(owner, args[0], args[1])
    elif name in ("format", "format_map") and _FORMAT_WIDTH.search(owner):
        raise too_big("text")


def check_join(items: object, separator: str) -> None:
    if isinstance(items, list | tuple):
        total = sum(len(str(i)) for i in items) + len(separator) * len(items)
        if total > MAX_TEXT:
            raise too_big("text")


def check_replace(text: str, old: object, new: object) -> None:
    if not (isinstance(old, str) and isinstance(new, str) and old):
        return
    if len(text) + text.count(old) * (len(new) - len(old)) > MAX_TEXT:
        raise too_big("text")


def check_concat(parts: Iterable[object]) -> None:
    if sum(len(p) for p in parts if isinstance(p, str)) > MAX_TEXT:
        raise too_big("text")


def collect_output(chunks: Iterable[str]) -> str:
    """Join the rendered pieces, stopping once the letter is absurdly long or slow."""
    pieces: list[str] = []
    length = 0
    for chunk in chunks:
        length += len(chunk)
        if length > MAX_OUTPUT:
            raise RenderBudgetExceeded(
                f"the template produced more than {MAX_OUTPUT:,} characters and was stopped "
                "(a letter is a few thousand)",
            )
        spent = _SPENT.get()
        if spent is not None:
            _check_clock(spent)
        pieces.append(chunk)
    return "".join(pieces)
