"""What users type is data: it prints exactly as typed and is never read as markup or code."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.casefile import load_case
from desktop_app.letters.document import Paragraph, Run
from desktop_app.letters.environment import clean_text
from desktop_app.letters.render import render_document
from desktop_app.letters.samples import minimal_case
from desktop_app.letters.templates import get_template
from desktop_app.storage.settings import PracticeSettings
from tests.unit.letters.helpers import render

HOSTILE = [
    "Zoë <b>Ng&amp;uyễn</b> {{ 7*7 }} **Bold** #1",
    "<b>&amp; {{x}} **y**",
    "]]> <![CDATA[x]]> </p></letter><letter>",
    "</p><signature/><p>",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'boom'>]>&e;",
    "{% for i in range(9) %}loop{% endfor %} {# comment #}",
    "<?pa-line 99?> <user-text>fake</user-text>",
    "مرحبا بالعالم \u202eevil\u202c עברית",
    "🧬💊 👩🏽‍⚕️ 李小龍",
    "&lt;already escaped&gt; &#60; &nbsp;",
]


def _paragraph_text(case_name: str) -> str:
    case = minimal_case()
    case.patient.name = case_name
    document = render(case, "<letter><p>[{{ case.patient.name }}]</p></letter>")
    block = document.blocks[0]
    assert isinstance(block, Paragraph)
    return "".join(run.text for run in block.runs)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_prints_verbatim(text: str) -> None:
    assert _paragraph_text(text) == f"[{text}]"


def test_typed_text_is_one_plain_run() -> None:
    case = minimal_case()
    case.patient.name = HOSTILE[0]
    document = render(case, "<letter><p>{{ case.patient.name }}</p></letter>")
    assert document.blocks == [Paragraph([Run(HOSTILE[0])])]


def test_newlines_become_line_breaks_and_spacing_is_kept() -> None:
    case = minimal_case()
    case.off_label.rationale = "Line  one\n\n  indented\ttab\r\nlast"
    document = render(case, "<letter><p>{{ case.off_label.rationale }}</p></letter>")
    runs = document.blocks[0].runs  # type: ignore[union-attr]
    assert [r.text for r in runs] == ["Line  one", "\n", "\n", "  indented\ttab", "\n", "last"]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("bell\x07 null\x00 esc\x1b del\x7f", "bell null esc del"),  # XML cannot carry them
        ("Word\x0bsoft break", "Word\nsoft break"),  # Word pastes \x0b for a manual break
        ("form\x0cfeed", "form\nfeed"),
        ("nel\x85line\u2028sep", "nel\nline\nsep"),
    ],
)
def test_control_characters_are_dropped_or_become_breaks(typed: str, printed: str) -> None:
    assert _paragraph_text(typed) == f"[{printed}]"


def test_ten_kilobyte_rationale_is_complete() -> None:
    case = minimal_case()
    case.off_label.rationale = ("Evidence <b>&amp; {{x}} " * 500)[:10_240]
    document = render_document(case, get_template("offlabel-preauth"), settings=PracticeSettings())
    assert case.off_label.rationale.strip() in document.plain_text()


def test_hostile_example_case_renders_with_every_template(examples_dir: Path) -> None:
    case = load_case(examples_dir / "hostile-strings.json")
    for template_id in ("offlabel-preauth", "offlabel-appeal", "fax-cover"):
        plain = render_document(
            case, get_template(template_id), settings=PracticeSettings()
        ).plain_text()
        assert "Zoë <b>Ng&amp;uyễn</b> {{ 7*7 }} **Bold** #1" in plain
        assert "49" not in plain.replace("0409", "")  # {{ 7*7 }} in data is never evaluated
        assert "Acme & Sons <Health> Plan {{ config }}" in plain


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_round_trips(text: str) -> None:
    # Line breaks are "\n" runs, so joining the runs gives back the cleaned text exactly.
    assert _paragraph_text(text) == f"[{clean_text(text)}]"


def test_join_nonempty_drops_empty_values_and_repeats() -> None:
    from desktop_app.letters.environment import join_nonempty

    assert join_nonempty(["Medicare Part B", "medicare  part b"], " – ") == "Medicare Part B"
    assert join_nonempty(["Acme", None, " ", "Medicare Part B"], " – ") == "Acme – Medicare Part B"


@settings(deadline=None, max_examples=300)
@given(st.text(st.sampled_from("ab \t\n\r\x00\x07\x0b\x0c\x1f\x7f\x85\x9f\xa0\u2028\u2029\ufffe"
                               "\uffff\ud800"), max_size=12))
def test_clean_text_skips_only_text_with_nothing_to_clean(typed: str) -> None:
    # Text with no control character is returned as it is, unchanged by the full cleaning.
    lines = typed.replace("\r\n", "\n")
    for mark in "\r\x0b\x0c\x85\u2028\u2029":
        lines = lines.replace(mark, "\n")
    expected = "".join(c for c in lines if not (
        c <= "\x08" or "\x0e" <= c <= "\x1f" or "\x7f" <= c <= "\x9f"
        or "\ud800" <= c <= "\udfff" or c in "\ufffe\uffff"))
    assert clean_text(typed) == expected
