"""Jinja's own filters that can multiply text or build lists, behind the size checks.

Each checks (letters/sizes.py) what it would build before it builds it; the rest of Jinja's
filters return at most what they were given.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_environment, pass_eval_context
from jinja2.filters import (
    do_batch,
    do_center,
    do_format,
    do_indent,
    do_join,
    do_pprint,
    do_replace,
    do_sum,
)
from jinja2.nodes import EvalContext

from desktop_app.letters import budget, sizes


def _center(value: str, width: int = 80) -> str:
    if isinstance(width, int):
        sizes.check_text_call(str(value).center, (width,))
    return do_center(value, width)


def _indent(value: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = str(value)
    pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    sizes.check_text_call(text.ljust, (pad,))
    sizes.check_replace(text, "\n", "\n" + " " * min(pad, budget.MAX_FORMAT_WIDTH))
    return do_indent(value, width, first, blank)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    sizes.check_printf(str(value), kwargs or args)
    return do_format(value, *args, **kwargs)


@pass_eval_context
def _replace(
    eval_ctx: EvalContext, value: str, old: str, new: str, count: int | None = None
) -> str:
    sizes.check_replace(str(value), str(old), str(new))
    return do_replace(eval_ctx, value, old, new, count)


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Any, d: str = "", attribute: Any = None) -> str:
    items = list(budget.charge_loop(value))
    sizes.check_join(items, str(d))
    return str(do_join(eval_ctx, items, d, attribute))


def _batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
    # The last group is padded with `fill_with` up to `linecount` items before anyone sees it:
    # `batch(10**9, 'x')` of one item would build a billion-item list.
    if fill_with is not None and isinstance(linecount, int):
        sizes.check_binop("*", [fill_with], linecount)
    return do_batch(value, linecount, fill_with)


def _list(value: Any) -> list[Any]:
    return sizes.bounded_list(value)


@pass_environment
def _sum(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    items = list(budget.charge_loop(iterable))
    if attribute is None:
        sizes.check_sum(items, start)
    return do_sum(environment, items, attribute, start)


def _string(value: Any) -> str:
    sizes.check_printed(value)
    return str(value)


def _pprint(value: Any) -> str:
    sizes.check_printed(value)
    return do_pprint(value)


# Jinja's own filters that can multiply text, behind the render budget's size checks.
BUDGETED_FILTERS: dict[str, Any] = {
    "batch": _batch,
    "center": _center,
    "indent": _indent,
    "format": _format,
    "replace": _replace,
    "join": _join,
    "list": _list,
    "sum": _sum,
    "string": _string,
    "pprint": _pprint,
}
