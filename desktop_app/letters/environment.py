"""The one Jinja2 environment letters render in: sandboxed, strict, and escaping all data.

Every value a template prints is XML-escaped and wrapped in a <user-text> element, so text that
users type stays data (a patient named `<b>&amp; {{x}}` prints exactly that) and keeps its own
spacing and line breaks. Line markers (`<?pa-line n?>`) placed in the template's own text let
the markup parser name the template line of any mistake.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import Context, Macro, markup_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape
from pydantic import BaseModel

from desktop_app.letters import budget, sizes
from desktop_app.letters.bounded_filters import BUDGETED_FILTERS
from desktop_app.letters.template_files import NoOtherTemplates, bounded_str_format

USER_TEXT_TAG = "user-text"
LINE_MARKER = "pa-line"
# XML 1.0 cannot carry C0/C1 controls, and neither DOCX nor PDF shows them; Word pastes \x0b
# as a manual line break, so line-like controls become newlines and the rest are dropped.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Filters that could let data become markup, or that make markup out of text.
_REMOVED_FILTERS = ("safe", "urlize", "xmlattr", "tojson")


# Any character either of the two above would change: most printed values have none.
_TO_CLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text as typed, minus what XML cannot hold; line-like controls become newlines."""
    if _TO_CLEAN.search(text) is None:
        return text
    return _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text))


# Written out, not from the locale: a letter reads the same on every computer.
_SPANISH_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                   "septiembre", "octubre", "noviembre", "diciembre")


def format_date(value: object, style: str = "long") -> str:
    """'November 28, 2026' (long, the letter's style), '11/28/2026' (short) or
    '28 de noviembre de 2026' (es, for letters in Spanish)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return str(value)
    if style == "short":
        return f"{value.month:02d}/{value.day:02d}/{value.year}"
    if style == "es":
        return f"{value.day} de {_SPANISH_MONTHS[value.month - 1]} de {value.year}"
    return f"{value:%B} {value.day}, {value.year}"


def format_money(value: object) -> str:
    """'$1,234.50'; empty for no value."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not amount.is_finite():
        return ""  # "$NaN" must never print; the checker reports the field (number.not_finite)
    return f"${amount:,.2f}"


def format_number(value: object) -> str:
    """15.0 prints as 15, 2.5 as 2.5: doses read as a clinician writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def join_nonempty(values: Iterable[object], separator: str = ", ") -> str:
    """The non-empty values joined with `separator` (', ' unless given): no stray commas, and
    no value twice ("Medicare Part B – Medicare Part B" when the payer is named after the plan).
    """
    kept: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = "" if value is None else str(value).strip()
        key = " ".join(text.casefold().split())
        if text and key not in seen:
            seen.add(key)
            kept.append(text)
    return separator.join(kept)


def and_list(values: Iterable[object] | None) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(v).strip() for v in values or () if v is not None and str(v).strip()]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plain(value: object) -> str:
    """`|e` and friends return plain text here: printing escapes it anyway, exactly once."""
    return "" if value is None else str(value)


_USER_TEXT_OPEN, _USER_TEXT_CLOSE = f"<{USER_TEXT_TAG}>", f"</{USER_TEXT_TAG}>"
_NOTHING = Markup("")


def finalize(value: object) -> object:
    """Wrap every printed value as escaped user text; macro output (Markup) passes through."""
    if type(value) is str:  # most printed values: a plain str has no size to check
        text = value
    elif isinstance(value, Markup):
        return value
    elif value is None:
        return _NOTHING
    else:
        text = _printed_text(value)
    text = clean_text(text)
    if not text:
        return _NOTHING
    # Joined as plain text and marked safe once: the escaped text is all that is data. The
    # joined text is a plain str, so Markup's own __new__ (which asks for __html__) would do
    # just this.
    return str.__new__(Markup, "".join((_USER_TEXT_OPEN, escape(text), _USER_TEXT_CLOSE)))


def _printed_text(value: object) -> str:
    """Any other value as it prints: a date in the letter's style, 15.0 as 15."""
    sizes.check_printed(value)  # a list of lists can print as gigabytes
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


class LineMarkers(Extension):
    """Put `<?pa-line n?>` before each line of template text that is outside an XML tag."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        inside_tag = False
        for token in stream:
            if token.type != "data":
                yield token
                continue
            pieces: list[str] = []
            for offset, part in enumerate(token.value.split("\n")):
                if offset:
                    pieces.append("\n")
                if not inside_tag:
                    pieces.append(f"<?{LINE_MARKER} {token.lineno + offset}?>")
                pieces.append(part)
                opened, closed = part.rfind("<"), part.rfind(">")
                if opened != closed:
                    inside_tag = opened > closed
            yield Token(token.lineno, "data", "".join(pieces))


class _ChargeTheBudget(NodeTransformer):
    """Route every loop and every `~` join through the render budget (letters/budget.py)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        iterable = node.iter
        assert isinstance(iterable, nodes.Expr)
        node.iter = _budget_call("budget_loop", [iterable], iterable.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _budget_call("budget_concat", list(node.nodes), node.lineno)


def _budget_call(name: str, args: list[nodes.Expr], lineno: int) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute(name), args, [], None, None, lineno=lineno)


class LetterSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, and on the case model only its data fields and properties.

    Pydantic's own methods (model_copy, model_validate, model_rebuild ...) are not for letters.
    Loops, calls and the operators that multiply text are charged to a render budget, so a
    template that never ends or grows without bound stops with a clear message.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        sizes.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget.charge_call()
        if type(__obj) is Macro or (
            type(__obj) is types.MethodType and __obj.__self__ is __self
            and __obj.__func__ in _BUDGET_HOOKS
        ):
            # The template's own macro, or the budget's hook around a loop or a join: no str
            # method to size, and nothing a template can mark unsafe (it sets no attributes),
            # so Jinja's checks would find nothing. A letter makes a few dozen such calls.
            return __context.call(__obj, *args, **kwargs)
        sizes.check_text_call(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        # str.format and format_map, with every field's width and size checked.
        return bounded_str_format(self, value)

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        # Only compiled code is rewritten: parse() (and so the linter) sees the template as typed.
        budgeted = _ChargeTheBudget().visit(source)
        budgeted.set_environment(self)
        return str(super()._generate(budgeted, name, filename, defer_init))

    def budget_loop(self, iterable: Any) -> Any:
        return budget.charge_loop(iterable)

    def budget_concat(self, *parts: Any) -> Any:
        sizes.check_concat(parts)
        return markup_join(parts)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Jinja's sandboxed getattr, with the answer for data already known to be safe given
        # at once: a letter reads a few hundred attributes. A method (str.format among them)
        # still goes through Jinja's checks and the bounded str.format.
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)
        if not isinstance(value, _METHODS) and _SAFE_ATTRIBUTES.get((type(obj), attribute)):
            return value
        fmt = self.wrap_str_format(value)
        if fmt is not None:
            return fmt
        if self.is_safe_attribute(obj, attribute, value):
            return value
        return self.unsafe_undefined(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # A letter reads a few dozen attributes thousands of times; the answer depends only on
        # the object's type and the attribute's name (Jinja's own checks and ours look at
        # nothing else), so it is worked out once per pair rather than on every read.
        key = (type(obj), attr)
        known = _SAFE_ATTRIBUTES.get(key)
        if known is None:
            known = self._attribute_allowed(obj, attr, value)
            if len(_SAFE_ATTRIBUTES) >= _SAFE_ATTRIBUTES_KEPT:
                _SAFE_ATTRIBUTES.clear()  # bounds the memory a template with odd names can take
            _SAFE_ATTRIBUTES[key] = known
        return known

    def _attribute_allowed(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel):
            cls = type(obj)
            if attr not in cls.model_fields and not isinstance(getattr(cls, attr, None), property):
                return False
        return bool(super().is_safe_attribute(obj, attr, value))


_BUDGET_HOOKS = (LetterSandbox.budget_loop, LetterSandbox.budget_concat)
_SAFE_ATTRIBUTES: dict[tuple[type, str], bool] = {}
# What Jinja treats as a method that str.format could be (letters/template_files.py).
_METHODS = (types.MethodType, types.BuiltinMethodType)
_SAFE_ATTRIBUTES_KEPT = 4096


def create_environment() -> ImmutableSandboxedEnvironment:
    """The sandbox: no Python internals, no mutation, undefined names are errors."""
    env = LetterSandbox(
        # {% include %}, {% import %} and {% extends %} reach no file: each says so in words.
        loader=NoOtherTemplates(),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=finalize,
        # No trim_blocks/lstrip_blocks: the markup collapses whitespace itself, and trimming
        # would glue words together around tags ("of{% endif %}\n{% if %}your").
        extensions=[LineMarkers],
    )
    for name in _REMOVED_FILTERS:
        env.filters.pop(name, None)
    for name in ("e", "escape", "forceescape"):
        env.filters[name] = _plain
    env.filters.update(BUDGETED_FILTERS)
    env.filters.update(
        date=format_date,
        money=format_money,
        number=format_number,
        join_nonempty=join_nonempty,
        and_list=and_list,
    )
    # Only harmless globals: cycler, joiner and lipsum are gone so they cannot be probed.
    env.globals.clear()
    env.globals.update(range=sizes.bounded_range, namespace=Namespace)
    return env


ENVIRONMENT = create_environment()
