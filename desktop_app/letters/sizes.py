"""Size checks for the template operations that can multiply text or lists (letters/budget.py).

Each check works out, before Python builds anything, about how many characters the result
would print as (`printed_size`: a list counts its items as they would print, so `[a] * 999999`
of a 100,000-item list is 100 billion, not 999,999) and refuses it past the budget's limit.
What is built is charged to the letter's total, so repeating an allowed operation in a loop
cannot exhaust memory either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from desktop_app.letters.budget import (
    MAX_FORMAT_WIDTH,
    MAX_POWER_BITS,
    MAX_RANGE,
    MAX_TEXT,
    RenderBudgetExceeded,
    amount_words,
    charge_built,
    too_big,
)

MAX_NESTING = 100  # lists inside lists: printing one deeper would exhaust Python's stack
MAX_NUMBER_BITS = 100_000  # a product of two numbers: about 30,000 digits
_PRINTF_WIDTH = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")
_CONTAINERS = (list, tuple, set, frozenset, dict)


def printed_size(value: object, limit: int = MAX_TEXT) -> int:
    """About how many characters `value` prints as; counting stops soon after `limit`."""
    total = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, _CONTAINERS):
            if depth >= MAX_NESTING:
                raise RenderBudgetExceeded(
                    f"the template built lists nested more than {MAX_NESTING} deep; "
                    "a letter never needs that"
                )
            total += 2 + 2 * len(item)
            if total > limit:
                return total
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
        elif isinstance(item, int):
            total += item.bit_length() * 10 // 33 + 1  # decimal digits, near enough
        else:
            total += 8
        if total > limit:
            return total
    return total


def _what(value: object) -> str:
    return "text" if isinstance(value, str) else "a list"


def _within(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise too_big(what, size)
    charge_built(size)


def check_binop(operator: str, left: object, right: object) -> None:
    """Refuse `*`, `**`, `%` and `+` whose result would be gigantic, before Python builds it."""
    if operator == "*":
        _check_product(left, right)
    elif operator == "**":
        base, power = _whole(left), _whole(right)
        if base is not None and power is not None and abs(base) > 1 and (
            abs(base).bit_length() * max(power, 0) > MAX_POWER_BITS
        ):
            raise too_big("a number")
    elif operator == "%" and isinstance(left, str):
        check_printf(left, right)
    elif operator == "+" and isinstance(left, str | list | tuple):
        _within(printed_size(left) + printed_size(right), _what(left))


def _whole(value: object) -> int | None:
    """The value if it is a whole number (True and False are not)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_product(left: object, right: object) -> None:
    for seq, count in ((left, right), (right, left)):
        times = _whole(count)
        if isinstance(seq, str | list | tuple) and times is not None:
            _within(printed_size(seq) * max(times, 0), _what(seq))
            return
    first, second = _whole(left), _whole(right)
    if first is not None and second is not None and (
        abs(first).bit_length() + abs(second).bit_length() > MAX_NUMBER_BITS
    ):
        raise too_big("a number")


def _check_width(width: int) -> None:
    if abs(width) > MAX_FORMAT_WIDTH:
        raise RenderBudgetExceeded(
            f"this would pad or format a value to {amount_words(abs(width))} characters, "
            f"larger than the widths and precisions of up to {MAX_FORMAT_WIDTH:,} a template "
            "may use (a letter line holds about 80 characters)",
        )


def check_printf(pattern: str, values: object) -> None:
    """`'%9999999s' % x` pads to the width before anyone could look at the result."""
    args = values if isinstance(values, tuple) else (values,)
    star_args = [n for n in (_whole(a) for a in args) if n is not None]
    for match in _PRINTF_WIDTH.finditer(pattern):
        for group in match.groups():
            if group == "*":
                for number in star_args:
                    _check_width(number)
            elif group and group.isdigit():
                _check_width(int(group))
    _within(len(pattern) + printed_size(values), "text")


def check_format_field(value: object, spec: str) -> None:
    """One `{...}` of str.format: its width and precision (nested ones already filled in)."""
    for digits in _DIGITS.findall(spec):
        _check_width(int(digits) if len(digits) < 12 else MAX_FORMAT_WIDTH + 1)
    _within(printed_size(value), "text")


def check_text_call(method: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Guard the str methods that pad, repeat or join: center, ljust, rjust, zfill, join ..."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in ("center", "ljust", "rjust", "zfill", "expandtabs"):
        for number in (_whole(a) for a in args):
            if number is not None:
                _check_width(number)
    elif name == "join" and args:
        check_join(args[0], owner)
    elif name == "replace" and len(args) >= 2:
        check_replace(owner, args[0], args[1])


def check_join(items: object, separator: str) -> None:
    if isinstance(items, list | tuple):
        total = sum(printed_size(i) for i in items) + len(separator) * len(items)
        _within(total, "text")


def check_replace(text: str, old: object, new: object) -> None:
    if not (isinstance(old, str) and isinstance(new, str) and old):
        return
    _within(len(text) + text.count(old) * max(len(new) - len(old), 0), "text")


def check_concat(parts: Iterable[object]) -> None:
    _within(sum(printed_size(p) for p in parts), "text")


def check_printed(value: object) -> None:
    """A value about to be printed with str(): a list of lists can print as gigabytes."""
    if not isinstance(value, str):
        _within(printed_size(value), "text")


def check_sum(items: list[Any], start: object) -> None:
    """`sum(start=[])` joins lists: as large as all of them together."""
    if isinstance(start, str | list | tuple):
        _within(printed_size(start) + sum(printed_size(i) for i in items), _what(start))


def bounded_list(value: Iterable[Any]) -> list[Any]:
    """`|list`, stopping as soon as the list would be larger than a template may build."""
    items: list[Any] = []
    size = 0
    for item in value:
        size += printed_size(item) + 2
        if size > MAX_TEXT:
            raise too_big("a list", size)
        items.append(item)
    charge_built(size)
    return items


def bounded_range(*args: int) -> range:
    """range() with the sandbox's limit, refused in words."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise RenderBudgetExceeded(
            f"this range is too large: it would count through {amount_words(len(numbers))} "
            f"numbers; a template may count through at most {MAX_RANGE:,}",
        )
    return numbers
