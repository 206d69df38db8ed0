"""Jinja's syntax errors, as a template admin reads them: what is wrong and what to type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import TemplateSyntaxError

from desktop_app.letters.environment import ENVIRONMENT
from desktop_app.letters.syntax_words import syntax_words


def _jinja_message(source: str) -> str:
    with pytest.raises(TemplateSyntaxError) as caught:
        ENVIRONMENT.parse(source)
    return caught.value.message or ""


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% if a %}x", "the {% if %} block that starts here is never closed: add {% endif %}"),
        ("{% for a in b %}x", "{% for %} block that starts here is never closed: add {% endfor %}"),
        ("{% if a %}{% endfor %}", "{% endfor %} cannot close the {% if %} block that is still "
                                   "open; close it first with {% endif %}"),
        ("x{% endif %}", "{% endif %} has no {% if %} before it to close"),
        ("x{% else %}", "{% else %} must be inside an {% if %}"),
        ("{% fi a %}", "'fi' is not a template tag"),
        ("{% if %}x{% endif %}", "{% if %} with no condition"),
        ("{{ }}", "{{ }} is empty"),
        ("{{ case.patient name }}", "'name' is not expected here: is a '}}' or a '|' missing"),
        ("{% if a b %}{% endif %}", "'b' is not expected here: is a '%}' missing"),
        ("{{ a }", "unexpected '}': is a '{{' or '{%' not closed"),
        ("{{ a | }}", "a '|' must be followed by a filter name"),
        ("{{ a.}}", "a '.' must be followed by a field name"),
        ("{{ 'abc }}", "the text in quotes starting with ' is never closed"),
        ("{# note", "a comment '{#' is never closed"),
    ],
)
def test_common_mistakes_are_said_in_words(source: str, words: str) -> None:
    assert words in syntax_words(_jinja_message(source))


def test_an_unrecognised_message_is_shown_as_jinja_wrote_it() -> None:
    assert syntax_words("something new in a later Jinja") == "something new in a later Jinja"
    assert syntax_words(None) == "the template cannot be read"


@given(st.text(max_size=200))
def test_any_message_gives_words_and_never_raises(message: str) -> None:
    assert syntax_words(message)
