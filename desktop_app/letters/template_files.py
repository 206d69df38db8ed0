"""What a template may reach beyond itself: no other file, and str.format only within limits.

A letter template is one file. `{% include %}`, `{% import %}` and `{% extends %}` would read
other files (`/etc/passwd`, another practice's letter), so the environment's loader refuses
every name with words that say exactly that, instead of Jinja's "no loader" TypeError.
"""

from __future__ import annotations

import types
from functools import update_wrapper
from typing import Any

from jinja2 import BaseLoader, Environment
from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

from desktop_app.errors import TemplateError
from desktop_app.letters import sizes

SHOWN_NAME = 80  # characters of the name a template asked for, in the message


def not_a_template(name: object) -> TemplateError:
    shown = str(name)
    shown = shown if len(shown) <= SHOWN_NAME else shown[:SHOWN_NAME] + "…"
    return TemplateError(
        f"'{shown}' is not a template this letter can use: a letter template cannot include, "
        "import or extend another file or template",
        hint="copy the text you need into this template",
    )


class NoOtherTemplates(BaseLoader):
    """The loader of the letter environment: every name is refused, in words."""

    def get_source(self, environment: Environment, template: str) -> Any:
        raise not_a_template(template)


class _BoundedFormatting:
    """Checks each field of str.format before it is formatted (width, precision, size)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        sizes.check_format_field(value, format_spec)
        return super().format_field(value, format_spec)  # type: ignore[misc]


class _Formatter(_BoundedFormatting, SandboxedFormatter):
    pass


class _EscapeFormatter(_BoundedFormatting, SandboxedEscapeFormatter):
    pass


# str.format is a built-in method, a str subclass's own format a Python one (as Jinja checks).
_METHODS = (types.MethodType, types.BuiltinMethodType)


def bounded_str_format(environment: Any, value: Any) -> Any:
    """Jinja's sandboxed str.format / format_map, with every field checked; None otherwise."""
    if not isinstance(value, _METHODS):  # asked of every attribute a letter reads
        return None
    name = getattr(value, "__name__", None)
    owner = getattr(value, "__self__", None)
    if name not in ("format", "format_map") or not isinstance(owner, str):
        return None
    formatter: SandboxedFormatter
    if isinstance(owner, Markup):
        formatter = _EscapeFormatter(environment, escape=owner.escape)
    else:
        formatter = _Formatter(environment)
    text_type = type(owner)

    def wrapper(*args: Any, **kwargs: Any) -> str:
        if name == "format_map":
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            kwargs, args = args[0], ()
        return text_type(formatter.vformat(owner, args, kwargs))

    return update_wrapper(wrapper, value)
