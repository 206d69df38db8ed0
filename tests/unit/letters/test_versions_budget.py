"""A template that loops forever or makes gigantic text is stopped, quickly, with a clear message.

(Named test_versions_* to sit in the template author's files; it tests letters/budget.py.)
"""

from __future__ import annotations

import time

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.budget import RenderBudgetExceeded
from desktop_app.letters.lint import lint_template
from desktop_app.letters.samples import full_case
from tests.support.hang import HANG_SECONDS
from tests.unit.letters.helpers import FRONT, FRONT_LINES, render

RUNAWAYS = [
    # (body line 2, words the user must see)
    (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "loops ran more than",
    ),
    (
        "{% set l = range(1000)|list %}{% for a in l %}{% for b in l %}{% for c in l %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "loops ran more than",
    ),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls a macro inside itself"),
    (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
        "calls and was stopped",
    ),
    ("{{ 'x' * 1000000000 }}", "larger than"),
    ("{{ ['x'] * 10**9 }}", "larger than"),
    ("{{ 10 ** 99999999 }}", "larger than"),
    ("{{ 9 ** 999999 }}", "larger than"),
    ("{{ '%999999999s' % 'x' }}", "larger than"),
    ("{{ '%*s' % (999999999, 'x') }}", "larger than"),
    ("{{ '%999999999s'|format('x') }}", "larger than"),
    ("{{ 'x'|center(999999999) }}", "larger than"),
    ("{{ 'x'.center(999999999) }}", "larger than"),
    ("{{ 'x'.ljust(999999999) }}", "larger than"),
    ("{{ '{:>999999999}'.format('x') }}", "larger than"),
    ("{{ 'a\\nb'|indent(999999999) }}", "larger than"),
    ("{% set a = 'x' * 999999 %}{{ a|replace('x', a) }}", "larger than"),
    ("{% set a = 'x' * 999999 %}{{ a.replace('x', a) }}", "larger than"),
    ("{% set a = 'x' * 999999 %}{{ a ~ a ~ a }}", "larger than"),
    ("{% set a = 'x' * 999999 %}{{ a + a }}", "larger than"),
    ("{% set a = 'x' * 999999 %}{{ [a, a, a]|join }}", "larger than"),
    ("{% set a = 'x' * 999999 %}{{ ''.join([a, a]) }}", "larger than"),
    ("{% for i in range(3000) %}{{ 'y' * 999 }}{% endfor %}", "produced more than"),
]


@pytest.mark.parametrize(("line", "words"), RUNAWAYS)
def test_runaway_template_is_stopped_with_words_and_its_line(line: str, words: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render(full_case(), "<letter><p>\n" + line + "\n</p></letter>\n")
    assert words in caught.value.message
    assert time.monotonic() - started < HANG_SECONDS
    assert "Traceback" not in str(caught.value)
    if words != "produced more than":  # output is measured as a whole, after the loop ran
        assert caught.value.line == FRONT_LINES + 2


def test_budget_errors_are_template_errors() -> None:
    assert issubclass(RenderBudgetExceeded, TemplateError)


def test_linter_reports_a_runaway_loop_with_its_line() -> None:
    text = (
        FRONT + "<letter><p>\n{% for a in range(99999) %}{% for b in range(99999) %}"
        "{% endfor %}{% endfor %}\n</p><signature/></letter>\n"
    )
    problems = lint_template(text)
    assert [(p.line, "loops ran more than" in p.message) for p in problems] == [
        (FRONT_LINES + 2, True)
    ]


@pytest.mark.parametrize(
    "line",
    [
        "{% for e in case.evidence %}{{ loop.index }}. {{ e.type }}{% if not loop.last %}, "
        "{% endif %}{% endfor %}",
        "{{ 'Dose: %s %s'|format(case.drug.dose.amount, case.drug.dose.unit) }}",
        "{{ '-' * 20 }} {{ 2 ** 10 }} {{ 'a' ~ 'b' }} {{ ['x', 'y']|join(', ') }}",
        "{% for i in range(50) %}{{ i }} {% endfor %}",
    ],
)
def test_ordinary_template_code_is_not_hindered(line: str) -> None:
    document = render(full_case(), "<letter><p>\n" + line + "\n</p></letter>\n")
    assert document.plain_text().strip()


def test_budget_is_fresh_for_every_letter() -> None:
    body = "<letter><p>{% for i in range(60000) %}{% endfor %}ok</p></letter>"
    for _ in range(3):  # 180,000 items in all, but 60,000 per letter
        assert render(full_case(), body).plain_text() == "ok"
