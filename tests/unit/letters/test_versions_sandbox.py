"""More known Jinja sandbox escapes, each refused in words with its line, and no file is read.

(Kept beside the versioning tests, the files this work owns; test_sandbox.py has the first set.)
"""

from __future__ import annotations

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.samples import full_case
from tests.unit.letters.helpers import FRONT_LINES, render

PAYLOADS = [
    "self.__init__.__globals__",
    "self._TemplateReference__context.environment",
    "namespace.__init__.__globals__['os']",
    "range.__self__.__import__('os')",
    "cite.__closure__",
    "cite.__code__.co_consts",
    "case.__dict__",
    "case.__init__.__globals__",
    "facts.__class__.__init__.__globals__",
    "facts.practice.__class__",
    "citations.__class__.__base__.__subclasses__()",
    "''.format.__globals__",
    "'{0.__class__.__init__.__globals__}'.format(case)",
    "'{0.__class__}'.format_map({'x': case})",
    "''.__class__.__mro__[-1].__subclasses__()[0].__init__.__globals__",
    "case.patient.name.__class__.__base__",
    "(case|attr('__class__'))",
    "[].__class__.__base__.__subclasses__()",
    "(1).__class__.__base__",
    "case.model_construct()",
    "case.model_validate_json('{}')",
    "facts.evidence.pop()",
    "case.drug.combination_with.clear()",
    "loop",
    "request",
    "__builtins__",
    "environment",
    "os",
    "dict(a=1).update(b=2)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_is_refused_in_words_with_its_line(payload: str) -> None:
    body = "<letter>\n<p>\n{{ " + payload + " }}</p></letter>\n"
    with pytest.raises(TemplateError) as caught:
        render(full_case(), body)
    assert caught.value.line == FRONT_LINES + 3
    assert "Traceback" not in str(caught.value)
    assert "object at 0x" not in str(caught.value)


@pytest.mark.parametrize(
    "statement",
    [
        "{% include '/etc/passwd' %}",
        "{% import 'os' as os %}",
        "{% from '/etc/hosts' import x %}",
        "{% extends '/etc/passwd' %}",
    ],
)
def test_templates_cannot_open_files(statement: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render(full_case(), "<letter><p>\n" + statement + "\n</p></letter>\n")
    assert "root:" not in str(caught.value)
    assert "localhost" not in str(caught.value)


def test_a_case_value_holding_jinja_stays_text() -> None:
    case = full_case()
    case.off_label.rationale = "{% for i in range(10**9) %}x{% endfor %}{{ 10 ** 99999999 }}"
    document = render(case, "<letter><p>{{ case.off_label.rationale }}</p></letter>")
    assert document.plain_text() == case.off_label.rationale
