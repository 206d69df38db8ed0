"""Word runs written directly come out as python-docx's own API writes them.

Whatever staff type (markup-like text, XML specials, tabs, line breaks, edge spaces, Chinese
and Korean) must reach Word as the same elements, in the same order, with the same styling.
"""

from __future__ import annotations

import docx
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from desktop_app.export import docx_xml
from desktop_app.export.base import clean_text, has_east_asian
from desktop_app.export.docx_text import add_runs
from desktop_app.letters.document import Run

_PIECES = st.sampled_from([
    "a", "Pembrolizumab", " ", "  ", "\t", "\n", "\r", "\r\n", "\xa0", "<w:t>", "&amp;", "&",
    "<", ">", '"', "'", "]]>", "李", "한국어", "ễ", "😀", "\u200b", "\x0b", "NCCN 2A", "x" * 40,
])
_RUNS = st.lists(
    st.builds(Run, st.lists(_PIECES, max_size=10).map("".join), st.booleans(), st.booleans(),
              st.booleans()),
    max_size=6,
)


def _through_python_docx(paragraph: object, runs: list[Run], bold: bool) -> None:
    """What add_runs did with python-docx's run API (the reference)."""
    for run in runs:
        text = clean_text(run.text)
        if not text:
            continue
        added = paragraph.add_run(text)  # type: ignore[attr-defined]
        if run.bold or bold:
            added.bold = True
        if run.italic:
            added.italic = True
        if run.underline:
            added.underline = True
        if has_east_asian(text):
            docx_xml.set_east_asian_font(added._r)


def _xml(paragraph: object) -> bytes:
    return etree.tostring(paragraph._p)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(runs=_RUNS, bold=st.booleans())
def test_runs_are_the_elements_python_docx_writes(runs: list[Run], bold: bool) -> None:
    word = docx.Document()
    expected, made = word.add_paragraph(), word.add_paragraph()
    _through_python_docx(expected, runs, bold)
    add_runs(made, runs, bold=bold)
    assert _xml(made) == _xml(expected)


def test_typed_markup_stays_text_and_reads_back() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph()
    add_runs(paragraph, [Run("Ng <b>&amp; ", bold=True), Run("李\tMei\nline two", italic=True)])
    assert paragraph.text == "Ng <b>&amp; 李\tMei\nline two"
    assert [r.bold for r in paragraph.runs] == [True, None]
    assert [r.italic for r in paragraph.runs] == [None, True]
