"""Paragraphs made from runs directly lay out exactly as the markup they replace did.

The letter's text reaches reportlab as fragments built from runs (export/pdf_frags.py) rather
than as markup reportlab parses again. Whatever staff type (markup-like text, spaces, tabs,
line breaks, non-breaking spaces, scripts the body font lacks) must come out in the same
fonts, on the same lines, as before.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from desktop_app.export import pdf_styles as look
from desktop_app.export.pdf_frags import paragraph_from_runs, runs_fragments
from desktop_app.export.pdf_text import runs_markup
from desktop_app.letters.document import Run

_PIECES = st.sampled_from([
    "a", "Pembrolizumab", " ", "  ", "\t", "\n", "\xa0", "\u2003", "\u3000", "<b>", "&amp;",
    "&", "<", ">", '"', "'", "{{x}}", "**y**", "李", "한국어", "ễ", "😀", "\u200b", "-", ".",
    "\r\n", "\x0b", "%", "NCCN 2A", "x" * 90,
])
_TEXT = st.lists(_PIECES, max_size=12).map("".join)
_RUNS = st.lists(
    st.builds(Run, _TEXT, st.booleans(), st.booleans(), st.booleans()), max_size=6
)


def _merged(frags: list[Any]) -> list[tuple[str, dict[str, Any]]]:
    """Fragments as (text, style); neighbours in the same style joined (the markup path splits
    text at every entity such as &amp;)."""
    out: list[tuple[str, dict[str, Any]]] = []
    for frag in frags:
        style = {k: v for k, v in vars(frag).items() if k != "text"}
        text = getattr(frag, "text", "")
        if out and out[-1][1] == style and not style.get("lineBreak"):
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def _lines(paragraph: Paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _extra, words in lines]
    return ["".join(getattr(w, "text", "") for w in line.words) for line in lines]


@settings(max_examples=300, deadline=None)
@given(runs=_RUNS)
def test_fragments_from_runs_match_the_markup_path(runs: list[Run]) -> None:
    style = look.styles()["body"]
    expected = Paragraph(runs_markup(runs), style).frags
    assert _merged(runs_fragments(runs, style)) == _merged(expected)


@settings(max_examples=120, deadline=None)
@given(runs=_RUNS, width=st.sampled_from([40.0, 120.0, look.FRAME_WIDTH]))
def test_paragraphs_from_runs_break_into_the_same_lines(runs: list[Run], width: float) -> None:
    style = look.styles()["body"]
    before = Paragraph(runs_markup(runs), style)
    after = paragraph_from_runs(Paragraph, runs, style)
    assert after.wrap(width, 10_000) == before.wrap(width, 10_000)
    assert _lines(after, width) == _lines(before, width)


@pytest.mark.parametrize(
    "runs",
    [
        [Run("Patient <b>&amp; {{x}} **y**", bold=True)],
        [Run("  leading and trailing  "), Run(" spaced ", italic=True), Run("\n")],
        [Run("李 Mei\xa0\xa0Nguyễn\tTran", underline=True)],
        [],
    ],
)
def test_typed_markup_prints_as_typed(runs: list[Run]) -> None:
    style = look.styles()["body"]
    expected = Paragraph(runs_markup(runs), style)
    made = paragraph_from_runs(Paragraph, runs, style)
    assert _merged(made.frags) == _merged(expected.frags)
    assert made.getPlainText() == expected.getPlainText()


_SPACING = st.lists(
    st.sampled_from(["a", "Bb", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f",
                     "\x00", "\xa0", "\u2003", "\x85", "é", "-"]),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_SPACING)
def test_white_space_is_tidied_exactly_as_reportlab_tidies_it(text: str) -> None:
    """The shortcut for text that needs no tidying gives reportlab's answer for any text:
    lines break where they broke before, whatever spacing staff typed."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    from desktop_app.export.pdf_frags import tidy

    assert tidy(text) == cleanBlockQuotedText(text)
