"""A template cannot reach Python internals or change data: each attempt is a TemplateError."""

from __future__ import annotations

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.samples import full_case
from tests.unit.letters.helpers import FRONT_LINES, render

PAYLOADS = [
    ("''.__class__.__mro__[1].__subclasses__()", "may not use"),
    ("().__class__.__base__.__subclasses__()", "may not use"),
    ("cycler.__init__.__globals__", "may not use"),
    ("self._TemplateReference__context", "may not use"),
    ("lipsum.__globals__", "'lipsum' is undefined"),
    ("config", "'config' is undefined"),
    ("joiner", "'joiner' is undefined"),
    ("case.__class__", "may not use"),
    ("case.patient.name.__class__", "may not use"),
    ("case|attr('__class__')", "may not use"),
    ("cite.__globals__", "may not use"),
    ("namespace.__init__", "may not use"),
    ("case.model_dump()", "may not use"),
    ("case.model_copy(update={'patient': 1})", "may not use"),
    ("case.evidence.append(1)", "may not use"),
    ("'{0.__class__}'.format(case)", "may not use"),
    ("range(10**9)|list", "too large"),
]


@pytest.mark.parametrize(("payload", "message"), PAYLOADS)
def test_escape_attempt_is_refused_with_the_line(payload: str, message: str) -> None:
    body = "<letter>\n<p>\n{{ " + payload + " }}</p></letter>\n"
    with pytest.raises(TemplateError) as caught:
        render(full_case(), body)
    assert message in caught.value.message
    assert caught.value.line == FRONT_LINES + 3
    assert "Traceback" not in str(caught.value)


def test_data_that_looks_like_code_is_never_run() -> None:
    case = full_case()
    case.patient.name = "{{ ''.__class__.__mro__ }}"
    document = render(case, "<letter><p>{{ case.patient.name }}</p></letter>")
    assert document.plain_text() == "{{ ''.__class__.__mro__ }}"


def test_safe_filter_is_removed_so_data_cannot_become_markup() -> None:
    case = full_case()
    case.patient.name = "<b>x</b>"
    with pytest.raises(TemplateError, match="safe"):
        render(case, "<letter><p>{{ case.patient.name|safe }}</p></letter>")


def test_escape_filter_does_not_double_escape() -> None:
    case = full_case()
    case.patient.name = "A & B"
    document = render(case, "<letter><p>{{ case.patient.name|e }}</p></letter>")
    assert document.plain_text() == "A & B"


def test_a_python_error_in_a_template_does_not_leak_the_value() -> None:
    case = full_case()
    case.patient.name = "Secret Name"
    with pytest.raises(TemplateError) as caught:
        render(case, "<letter><p>{{ case.patient.name|int(base=2)|string + 1 }}</p></letter>")
    assert "Secret" not in str(caught.value)


def test_an_allowed_read_does_not_open_other_names_or_other_kinds_of_object() -> None:
    """The sandbox remembers its answer per kind of object and name: reading a field first
    must not let a method of the same model, or a list's append, through afterwards."""
    body = (
        "<letter><p>{{ case.patient.name }} {{ case.evidence|length }}"
        " {{ case.patient.model_dump() }}</p></letter>"
    )
    for _ in range(2):  # the second time, every allowed read is already remembered
        with pytest.raises(TemplateError, match="may not use"):
            render(full_case(), body)
    document = render(full_case(), "<letter><p>{{ case.patient.name }}</p></letter>")
    assert document.plain_text() == full_case().patient.name
    with pytest.raises(TemplateError, match="may not use"):
        render(full_case(), "<letter><p>{{ case.evidence.append(1) }}</p></letter>")


def test_a_template_reading_thousands_of_names_keeps_a_bounded_memory_and_every_check() -> None:
    from types import SimpleNamespace

    from desktop_app.letters import environment

    many = SimpleNamespace(**{f"n{i}": i for i in range(10_000)})
    for i in range(10_000):
        assert environment.ENVIRONMENT.is_safe_attribute(many, f"n{i}", i)
        assert not environment.ENVIRONMENT.is_safe_attribute(many, f"_n{i}", i)
    assert len(environment._SAFE_ATTRIBUTES) <= environment._SAFE_ATTRIBUTES_KEPT
    with pytest.raises(TemplateError, match="may not use"):
        render(full_case(), "<letter><p>{{ case.model_copy() }}</p></letter>")
