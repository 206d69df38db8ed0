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
