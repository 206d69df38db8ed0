"""Whatever staff type prints whole and in order: random letters through write_pdf and pdftotext.

The letter's PDF breaks its own lines and writes its own text operators (pdf_words, pdf_lines,
pdf_paragraph, pdf_text_ops). Text the PDF format treats specially (parentheses and
backslashes inside strings), fallback-font scripts, emoji, no-break spaces, tabs and typed
line breaks must come back from a reader exactly, with nothing lost, doubled or reordered.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import BulletList, Heading, LetterDocument, Paragraph, Run, Table
from tests.unit.export.probes import pdf_pages

pytestmark = pytest.mark.no_database

_PIECES = st.sampled_from([
    "a", "the", "tumor", "board-certified", "ICD-10-CM", "(C49.22)", "back\\slash", "(", ")",
    "\\", "Müller", "Peña", "김민준", "🙂", "“quoted”", "—", "100%", "<b>", "&amp;", "{{ x }}",
    "x" * 70, "https://example.org/a/b/c/" + "d" * 40,
])
_GAPS = st.sampled_from([" ", " ", " ", "  ", "\t", "\u00a0", "\n"])
_TEXT = st.lists(st.tuples(_PIECES, _GAPS), min_size=1, max_size=30).map(
    lambda parts: "".join(piece + gap for piece, gap in parts)
)
_RUNS = st.lists(
    st.builds(Run, _TEXT, bold=st.booleans(), italic=st.booleans(), underline=st.booleans()),
    min_size=1, max_size=3,
)
_BLOCKS = st.lists(
    st.one_of(
        st.builds(Paragraph, _RUNS),
        st.builds(Heading, _RUNS, level=st.sampled_from([1, 2])),
        st.builds(BulletList, st.lists(_RUNS, min_size=1, max_size=3)),
        # One column, as a reader's order across columns is its own affair; no header row,
        # which a table split across pages prints again (tests/golden/test_exporters_pdf.py).
        st.builds(Table, st.lists(st.tuples(_RUNS).map(list), min_size=1, max_size=4)),
    ),
    min_size=1, max_size=6,
)
_FOOTER = re.compile(r"Page \d+ of \d+")


def _squeezed(text: str) -> str:
    # pdftotext joins a word broken after its hyphen at a line's end and drops the hyphen
    # ("board-" / "certified" reads "boardcertified"), so hyphens are left out on both sides.
    return re.sub(r"[\s-]+", "", text)


def _expected(blocks: list[Paragraph | Heading | BulletList | Table]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, BulletList):
            parts += ["\u2022" + "".join(run.text for run in item) for item in block.items]
        elif isinstance(block, Table):
            parts += ["".join(run.text for run in row[0]) for row in block.rows]
        else:
            parts.append("".join(run.text for run in block.runs))
    return _squeezed("".join(parts))


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=_BLOCKS)
def test_every_typed_character_comes_back_in_order(
    blocks: list[Paragraph | Heading | BulletList | Table],
) -> None:
    out = io.BytesIO()
    write_pdf(LetterDocument(blocks=list(blocks)), out)
    printed = _FOOTER.sub("", "".join(pdf_pages(out.getvalue())))
    assert _squeezed(printed) == _expected(blocks)
