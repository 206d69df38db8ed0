"""Template resource bombs from the attack run are refused quickly, in words, with their line.

Each bomb once froze `templates validate`, `render` and the editor's live check, or ended in a
traceback. Now rendering and linting each stop within 2 seconds with a plain message naming
the template line.
"""

from __future__ import annotations

import time

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.lint import lint_template
from desktop_app.letters.samples import full_case
from tests.support.hang import HANG_SECONDS
from tests.unit.letters.helpers import FRONT, FRONT_LINES, render

BOMBS = [
    # (body line, words the admin must see)
    ("{% set a = range(99999)|list %}{{ [a] * 999999 }}", "billion characters"),
    ("{% set a = range(99999)|list %}{{ ([a] * 99999)|sum(start=[]) }}", "billion characters"),
    ("{% set a = range(9999)|list %}{{ ([a] * 99)|sum(start=[]) }}", "a template may build"),
    ("{{ '{:{}}'.format('x', 2000000000) }}", "2 billion characters"),
    ("{{ '{:.999999999f}'.format(1.5) }}", "widths and precisions"),
    ("{{ '%.999999999f' % 1.5 }}", "widths and precisions"),
    # Macro output is Markup, whose format is a Python method rather than str's built-in one.
    ("{% macro m() %}{:{}}{% endmacro %}{{ m().format('x', 2000000000) }}",
     "2 billion characters"),
    ("{{ 'x'.zfill(99999999) }}", "widths and precisions"),
    ("{% if true %}" * 300 + "x" + "{% endif %}" * 300, "more than 30 deep"),
    ("{{ " + "(" * 500 + "1" + ")" * 500 + " }}", "more than 20 deep"),
    ("{{ " + "+".join(["1"] * 2000) + " }}", "too long to follow"),
    ("{{ " + "not " * 900 + "x }}", "too long to follow"),
    ("{{ " + "-" * 900 + "1 }}", "too long to follow"),
    (
        "{% set ns = namespace(x=[]) %}{% for i in range(5000) %}{% set ns.x = [ns.x] %}"
        "{% endfor %}{{ ns.x }}",
        "nested more than 100 deep",
    ),
    (
        "{% set ns = namespace(x=2**4000) %}{% for i in range(40) %}"
        "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x > 1 }}",
        "a number",
    ),
    ("{% for i in range(100000) %}{% set b = 'x' * 999999 %}{% endfor %}", "in all"),
    ("{{ ('x' * 999999)|list }}", "a list"),
    ("{{ (range(99999)|list)|string }}", ""),
    ("{{ range(10**12) }}", "count through at most 100,000"),
    # batch pads its last group with `fill_with` up to the group size: 15 GB from one tag.
    ("{{ (1,)|batch(10**9, 'x')|list|length }}", "billion characters"),
]


def _body(line: str) -> str:
    return "<letter><p>\n" + line + "\n</p><signature/></letter>\n"


@pytest.mark.parametrize(("line", "words"), BOMBS)
def test_render_refuses_the_bomb_quickly_with_its_line(line: str, words: str) -> None:
    started = time.monotonic()
    try:
        document = render(full_case(), _body(line))
    except TemplateError as exc:
        assert words in exc.message
        assert exc.line == FRONT_LINES + 2
        assert "Traceback" not in str(exc) and "Error" not in exc.message
    else:  # only the harmless ones print at all, and then within the output limit
        assert words == ""
        assert len(document.plain_text()) < 2_000_000
    assert time.monotonic() - started < HANG_SECONDS


@pytest.mark.parametrize(("line", "words"), BOMBS)
def test_the_linter_reports_the_bomb_quickly_with_its_line(line: str, words: str) -> None:
    started = time.monotonic()
    problems = lint_template(FRONT + _body(line))
    assert time.monotonic() - started < HANG_SECONDS
    if words:
        assert [p.line for p in problems] == [FRONT_LINES + 2]
        assert words in problems[0].message


@pytest.mark.parametrize(
    "tag",
    [
        "{% include '/etc/passwd' %}",
        "{% import '/etc/passwd' as secrets %}",
        "{% from '/etc/passwd' import root %}",
        "{% extends '/etc/passwd' %}",
        "{% include 'offlabel-preauth' %}",
        "{% include case.patient.name %}",
    ],
)
def test_other_files_are_refused_saying_they_are_not_templates(tag: str) -> None:
    problems = lint_template(FRONT + _body(tag))
    assert [p.line for p in problems] == [FRONT_LINES + 2]
    assert "is not a template this letter can use" in problems[0].message
    assert "TypeError" not in problems[0].message
    with pytest.raises(TemplateError, match="is not a template this letter can use") as caught:
        render(full_case(), _body(tag))
    assert caught.value.line == FRONT_LINES + 2
    assert "root:" not in str(caught.value)


@pytest.mark.parametrize(
    "line",
    [
        "{% if true %}" * 30 + "deep" + "{% endif %}" * 30,
        "{{ " + "(" * 20 + "1" + ")" * 20 + " }}",
        "{{ " + " + ".join(["1"] * 90) + " }}",
        "{{ '{:>20}'.format('right') }} {{ '%-12s|' % 'left' }} {{ 'x'|center(40) }}",
        "{% set a = range(5000)|list %}{{ (a + a)|length }} {{ ([a] * 3)|sum(start=[])|length }}",
        "{{ [1, 2, 3]|sum }} {{ ['a', 'b']|join('-') }} {{ ('ab' * 3)|list|length }}",
        "{% for row in range(7)|batch(3, '-') %}{{ row|join(' ') }};{% endfor %}",
    ],
)
def test_templates_within_the_limits_render(line: str) -> None:
    assert render(full_case(), _body(line)).plain_text().strip()
