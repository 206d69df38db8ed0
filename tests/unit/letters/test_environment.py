"""The letter sandbox's short ways (attributes already known safe, plain text printed) answer
exactly as Jinja's own checks and the general way of printing a value do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.runtime import Context, Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from desktop_app.letters import budget, environment, sizes
from desktop_app.letters.environment import (
    ENVIRONMENT,
    LetterSandbox,
    clean_text,
    finalize,
    format_date,
    format_number,
)
from desktop_app.letters.samples import full_case

CASE = full_case()
SUBJECTS: list[Any] = [CASE, CASE.patient, CASE.drug, CASE.drug.dose, CASE.payer,
                       "text {0}", Markup("<b>{0}</b>"), {"name": "a key"}, [1, 2], 3]
ATTRIBUTES = ["name", "patient", "drug", "dose", "amount", "payer", "generic_name", "evidence",
              "model_copy", "model_dump", "model_fields", "__class__", "_private", "format",
              "format_map", "upper", "strip", "append", "missing", "real", "items", "keys"]


def _same(fast: Any, slow: Any) -> bool:
    if isinstance(slow, Undefined):
        return type(fast) is type(slow) and fast._undefined_message == slow._undefined_message
    if getattr(slow, "__name__", None) in ("format", "format_map") and slow != fast:
        # The bounded str.format, made afresh on every read.
        return _outcome(fast) == _outcome(slow)
    return bool(fast == slow) and type(fast) is type(slow)


def _outcome(format_text: Any) -> str:
    try:
        return str(format_text({"a": 1}))
    except Exception as exc:  # noqa: BLE001  the refusal is compared too
        return type(exc).__name__


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydantic: model_fields, read
@settings(deadline=None, max_examples=60)
@given(st.permutations([(s, a) for s in range(len(SUBJECTS)) for a in ATTRIBUTES]))
def test_attributes_read_as_jinja_s_sandbox_reads_them(order: list[tuple[int, str]]) -> None:
    # In any order, so the answers kept for (type, name) are sometimes there and sometimes not.
    environment._SAFE_ATTRIBUTES.clear()
    for index, name in order:
        subject = SUBJECTS[index]
        slow = SandboxedEnvironment.getattr(ENVIRONMENT, subject, name)
        fast = ENVIRONMENT.getattr(subject, name)
        assert _same(fast, slow), (type(subject).__name__, name)


def _printed_the_general_way(value: object) -> object:
    """finalize as it was before plain text took its own way."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    sizes.check_printed(value)
    if isinstance(value, dt.date):
        text = format_date(value)
    elif isinstance(value, float):
        text = format_number(value)
    else:
        text = str(value)
    text = clean_text(text)
    if not text:
        return Markup("")
    return Markup("".join(("<user-text>", escape(text), "</user-text>")))


class _Named(str):
    """A str of another type: printed the general way."""


_VALUES = st.one_of(
    st.text(), st.text().map(Markup), st.text().map(_Named), st.none(), st.integers(),
    st.floats(allow_nan=True), st.dates(), st.lists(st.text(), max_size=3),
    st.sampled_from(["<b>&amp; {{x}} **y**", "a\x00b\r\nc\u2028d", "", "'\"<>&"]),
)


@settings(deadline=None, max_examples=300)
@given(_VALUES)
def test_every_value_prints_as_the_general_way_prints_it(value: object) -> None:
    fast, slow = finalize(value), _printed_the_general_way(value)
    assert fast == slow and type(fast) is type(slow)


_CALLING = (
    "{% macro row(label, value) %}<p>{{ label }}: {{ value }}</p>{% endmacro %}"
    "{% for item in items %}{{ row('Item', item ~ '!') }}{{ item.upper() }}{% endfor %}"
    "{{ ', '.join(items) }}{{ 'x'.center(5) }}"
)


def _calls_charged(template_text: str, items: list[str]) -> tuple[str, int]:
    with budget.render_budget():
        text = ENVIRONMENT.from_string(template_text).render(items=items)
        spent = budget._SPENT.get()
        assert spent is not None
        return text, spent.calls


def _checked_the_jinja_way(
    __self: Any, __context: Context, __obj: Any, *args: Any, **kwargs: Any
) -> Any:
    budget.charge_call()
    sizes.check_text_call(__obj, args)
    return SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)


@settings(deadline=None, max_examples=30)
@given(st.lists(st.text(alphabet="ab<&", max_size=4), max_size=4))
def test_macro_and_budget_calls_render_and_are_charged_as_jinja_s_checks_do(
    items: list[str],
) -> None:
    fast = _calls_charged(_CALLING, items)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LetterSandbox, "call", _checked_the_jinja_way)
        slow = _calls_charged(_CALLING, items)
    assert fast == slow
