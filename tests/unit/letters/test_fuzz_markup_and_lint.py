"""Property tests: random letter markup and random Jinja fragments never crash or hang.

The markup parser gives blocks or a TemplateError with words; the linter gives a list of
problems, each with a message, within its time. Inputs that once failed are kept in
tests/corpus/templates and checked by test_the_template_corpus_is_refused_in_words.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.errors import TemplateError
from desktop_app.letters.document import SignatureBlock
from desktop_app.letters.lint import lint_template
from desktop_app.letters.markup import parse_letter_markup
from tests.support.hang import HANG_SECONDS
from tests.unit.letters.helpers import FRONT

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "templates"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_TAGS = ["letter", "p", "h1", "h2", "b", "i", "u", "br", "ul", "ol", "li", "table", "tr",
         "td", "th", "signature", "pagebreak", "references", "banner", "user-text", "script"]
_markup_piece = st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"<{t}/>"),
    st.sampled_from(['<p style="quote">', '<table widths="1,x">', "<?pa-line 7?>",
                     "&amp;", "&bogus;", "<!DOCTYPE x>", "<!ENTITY e 'x'>", "<![CDATA[x]]>"]),
    st.text(max_size=20),
)


@FUZZ
@given(st.lists(_markup_piece, max_size=40).map("".join))
def test_any_markup_parses_to_blocks_or_says_what_is_wrong(markup: str) -> None:
    started = time.monotonic()
    try:
        blocks = parse_letter_markup(markup, [], SignatureBlock(name="Dr Example"))
    except TemplateError as error:
        assert error.message and "Traceback" not in str(error)
    else:
        assert isinstance(blocks, list)
    assert time.monotonic() - started < HANG_SECONDS


_JINJA_PIECES = [
    "{{ ", " }}", "{% ", " %}", "{# ", " #}", "if ", "for x in ", "endif", "endfor",
    "macro m()", "endmacro", "set a = ", "case.patient.name", "case.evidence", "range(",
    "99999", "10**9", ")", "(", "[", "]", "|list", "|join", "|sum(start=[])", "|center(",
    "|format(", "'{:{}}'.format('x', ", "* ", "+ ", "~ ", "'x'", "[a]", "include ",
    "'/etc/passwd'", "import ", "extends ", "loop.index", "cite(", "namespace(", "\n",
    "<p>", "</p>", "<letter>", "</letter>", "not ", "-",
]


@FUZZ
@given(st.lists(st.sampled_from(_JINJA_PIECES) | st.text(max_size=8), max_size=40))
def test_any_jinja_fragment_is_linted_within_its_time(pieces: list[str]) -> None:
    text = FRONT + "<letter><p>" + "".join(pieces) + "</p><signature/></letter>\n"
    started = time.monotonic()
    problems = lint_template(text)
    assert time.monotonic() - started < HANG_SECONDS
    for problem in problems:
        assert problem.message
        assert "Traceback" not in problem.message


def test_the_corpus_is_there() -> None:
    assert len(sorted(CORPUS.glob("*.letter"))) >= 10


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.letter")), ids=lambda p: p.stem)
def test_the_template_corpus_is_refused_in_words(path: Path) -> None:
    started = time.monotonic()
    problems = lint_template(path.read_text("utf-8"))
    assert time.monotonic() - started < HANG_SECONDS
    errors = [p for p in problems if p.severity == "error"]
    assert errors, "each of these once crashed, hung or was accepted"
    for problem in errors:
        assert problem.line is not None
        assert "TypeError" not in problem.message and "Traceback" not in problem.message
