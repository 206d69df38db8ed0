"""The letter sandbox's short ways (attributes already known safe, plain text printed) answer
exactly as Jinja's own checks and the general way of printing a value do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.runtime import Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from desktop_app.letters import environment, sizes
from desktop_app.letters.environment import (
    ENVIRONMENT,
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
