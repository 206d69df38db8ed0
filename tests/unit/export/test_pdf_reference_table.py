"""The label/value block and letterhead flowable (export/pdf_reference_table.py) against
reportlab's Table with the same cells, widths and commands: the same sizes, the same splits
between and inside rows, and the same PDF, byte for byte, on hostile tables as well.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table
from reportlab.platypus.tables import CellStyle

from desktop_app.errors import ExportError
from desktop_app.export import letter_look, pdf_blocks
from desktop_app.export import pdf_styles as look
from desktop_app.export.fonts import BODY, body_font, register_face
from desktop_app.export.pdf import write_pdf
from desktop_app.export.pdf_paragraph import LetterParagraph
from desktop_app.export.pdf_reference_cells import (
    CELL_COLOR,
    CELL_FONT_SIZE,
    CELL_LEADING,
    TEXT_LINE,
    Cell,
    fits_columns,
)
from desktop_app.export.pdf_reference_table import ReferenceTable
from desktop_app.letters.document import (
    LetterDocument,
    Letterhead,
    Paragraph,
    Run,
    Runs,
)
from desktop_app.letters.document import Table as TableBlock
from tests.unit.export.samples import SAMPLE_LOGO, sample_letter

pytestmark = pytest.mark.no_database

PAD = letter_look.REFERENCE_TABLE
WIDTHS = [look.REFERENCE_LABEL_WIDTH, look.FRAME_WIDTH - look.REFERENCE_LABEL_WIDTH]
WORDS = ["Pembrolizumab", "200", "mg", "IV", "every", "3", "weeks", "(HCPCS J9271)",
         "non-small-cell", "board-certified", "שלום", "مرحبا", "한국어", "🩺", "李", "x" * 60,
         "\n", "Zoë"]


class MendedTable(Table):  # type: ignore[misc]
    """reportlab's Table with the one fault the flowable mends: the paragraph at a cut inside
    a row is split at the width between the cell's paddings, where it was measured, not at
    the column's full width (pdf_reference_split.py)."""

    def _splitCell(self, value: Any, style: Any, old_height: float, new_height: float,
                   width: float) -> Any:
        inner = width - style.leftPadding - style.rightPadding
        split = LetterParagraph.split
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(LetterParagraph, "split",
                          lambda paragraph, _width, height: split(paragraph, inner, height))
            return super()._splitCell(value, style, old_height, new_height, width)


def as_reportlab_table(rows: list[list[Cell]], widths: list[float], padding: object,
                       font: str, *, split_in_row: bool) -> Table:
    """What pdf_blocks built before the flowable: a Table with REFERENCE_TABLE_COMMANDS (with
    the mend above)."""
    assert padding is PAD
    assert font == body_font()
    data: list[list[Any]] = [
        [cell if isinstance(cell, str) else cell[0] if len(cell) == 1 and split_in_row
         else list(cell) for cell in row]
        for row in rows
    ]
    return MendedTable(data, colWidths=widths, style=look.REFERENCE_TABLE_COMMANDS,
                       hAlign="LEFT", splitInRow=1 if split_in_row else 0)


def _outcome(document: LetterDocument) -> bytes | str:
    stream = io.BytesIO()
    try:
        write_pdf(document, stream, invariant=True)
    except ExportError as exc:
        return f"error: {exc}"
    return stream.getvalue()


def _same_pdf(document: LetterDocument, monkeypatch: pytest.MonkeyPatch) -> bytes | str:
    ours = _outcome(document)
    with monkeypatch.context() as patch:
        patch.setattr(pdf_blocks, "ReferenceTable", as_reportlab_table)
        theirs = _outcome(document)
    assert ours == theirs
    return ours


def _runs(text: str) -> Runs:
    return [Run(text)]


def _letter(rows: list[list[Runs]], *, lines_before: int = 0,
            widths: list[float] | None = None, letterhead: Letterhead | None = None,
            ) -> LetterDocument:
    lead = [Paragraph(_runs("\n".join(["Line before the table."] * lines_before)))]
    return LetterDocument(
        blocks=[*(lead if lines_before else []),
                TableBlock(rows, style="reference", widths=widths),
                Paragraph(_runs("Dear Medical Director: the request follows."))],
        letterhead=letterhead or Letterhead(practice_name="Example Oncology",
                                            address="1 Main St", phone="555-0100"),
    )


# --- the measures a Table takes from its CellStyle --------------------------------------


def test_cell_measures_are_a_cell_styles_defaults() -> None:
    style = CellStyle("probe")
    assert (style.fontsize, style.leading, style.color) == (CELL_FONT_SIZE, CELL_LEADING,
                                                            CELL_COLOR)
    assert 1.2 * style.fontsize == TEXT_LINE
    assert style.valign == "BOTTOM"  # so the commands' VALIGN TOP is the one that counts
    commands = {command[0] for command in look.REFERENCE_TABLE_COMMANDS}
    assert commands == {"FONTNAME", "VALIGN", "LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                        "BOTTOMPADDING"}


# --- whole letters, byte for byte -------------------------------------------------------


def test_the_sample_letter_is_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(_same_pdf(sample_letter(logo=False), monkeypatch), bytes)


HOSTILE: dict[str, list[list[Runs]]] = {
    "a value of thousands of words": [
        [_runs("Patient:"), _runs("Zoë Ng")],
        [_runs("History:"), _runs(" ".join(["progressed on carboplatin and pemetrexed"] * 700))],
        [_runs("Member ID:"), _runs("XEH900112233")],
    ],
    "many rows": [[_runs(f"Label {i}:"), _runs(f"value {i} " * (i % 7))] for i in range(160)],
    "a label longer than its column": [
        [_runs("Claim / reference / prior authorization number and date:" * 3), _runs("A")],
        [_runs("Supercalifragilisticexpialidociousnessandmore:"), _runs("B")],
    ],
    "empty cells and short rows": [
        [_runs(""), _runs("")], [_runs("Only a label")], [], [_runs(""), _runs("value")],
        [[], _runs("no runs at all")],
    ],
    "right-to-left, Korean and emoji": [
        [_runs("מטופל:"), _runs("שלום עולם " * 40)],
        [_runs("환자:"), _runs("한국어 텍스트 " * 60)],
        [_runs("🩺💉:"), _runs("🧬 李四 " * 80)],
    ],
    "typed line breaks in a tall value": [
        [_runs("Address:"), _runs("\n".join(f"line {i}" for i in range(90)))],
    ],
    "one column": [[_runs("Only labels here " * 20)], [_runs("")], [_runs("and one more")]],
    "three columns": [
        [_runs("a"), _runs("b " * 300), _runs("c " * 200)],
        [_runs("d"), _runs("e")],
    ],
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("lines_before", [0, 23, 41])
def test_hostile_tables_make_the_same_pdf(name: str, lines_before: int,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rows = HOSTILE[name]
    widths = [1, 3, 2] if name == "three columns" else None
    _same_pdf(_letter(rows, lines_before=lines_before, widths=widths), monkeypatch)


def test_a_value_longer_than_a_page_continues_on_the_next(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    value = " ".join(["progressed on carboplatin and pemetrexed"] * 100)
    rows = [[_runs("Patient:"), _runs("Zoë Ng")], [_runs("History:"), _runs(value)]]
    data = _same_pdf(_letter(rows, lines_before=30), monkeypatch)
    assert isinstance(data, bytes)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2


def test_a_value_of_thousands_of_words_runs_on_over_the_pages(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab's own Table cut this value at the column's full width, where it fit whole,
    and stopped the export with an IndexError; cut where it was measured, it runs on."""
    from pypdf import PdfReader

    rows = HOSTILE["a value of thousands of words"]
    data = _same_pdf(_letter(rows, lines_before=30), monkeypatch)
    assert isinstance(data, bytes)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 5
    text = " ".join("".join(page.extract_text() for page in pages).split())
    # Word by word: a page's footer and the next page's header come between two pages' lines.
    for word in ("progressed", "carboplatin", "pemetrexed"):
        assert text.count(word) == 700
    assert text.index("Zoë Ng") < text.index("progressed") < text.index("XEH900112233")


def test_a_cut_value_keeps_to_its_column() -> None:
    """Each piece of a value cut across pages is laid out between the cell's paddings."""
    register_face(BODY)
    value = "carboplatin then pemetrexed " * 300
    table = ReferenceTable(_cells([["History:", value]]), WIDTHS, PAD, body_font(),
                           split_in_row=True)
    inner = WIDTHS[1] - PAD.left - PAD.right
    table.wrap(look.FRAME_WIDTH, 400)
    head, rest = table.split(look.FRAME_WIDTH, 400)
    for piece in (head, rest):
        value_cell = piece.rows[0][1]
        assert value_cell
        for paragraph in value_cell:
            paragraph.wrap(inner, 72000)
            assert max(line.width for line in paragraph._lines_at(inner)) <= inner


def test_a_long_letterhead_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    letterhead = Letterhead(practice_name="Example Oncology " * 30, address="1 Main St " * 50,
                            phone="555-0100", fax="555-0101", email="desk@example.org")
    _same_pdf(_letter([[_runs("a"), _runs("b")]], letterhead=letterhead), monkeypatch)
    _same_pdf(LetterDocument(letterhead=Letterhead(practice_name="Solo")), monkeypatch)


_CELL_TEXT = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
# At least one cell: a table of empty rows has no columns, and pdf_blocks divides by zero.
_ROWS = st.lists(st.lists(_CELL_TEXT.map(_runs), max_size=2), min_size=1,
                 max_size=12).filter(any)


@settings(deadline=None, max_examples=25)
@given(rows=_ROWS, lines_before=st.integers(0, 46), repeat=st.integers(1, 30))
def test_any_reference_table_makes_the_same_pdf(rows: list[list[Runs]], lines_before: int,
                                                repeat: int) -> None:
    """Rows of any words at any place on the page (a value repeated to run past it)."""
    if rows and len(rows[-1]) == 2:
        rows[-1][1] = _runs(" ".join([rows[-1][1][0].text] * repeat))
    with pytest.MonkeyPatch.context() as patch:
        _same_pdf(_letter(rows, lines_before=lines_before), patch)


# --- the flowable alone: sizes and splits at every height -------------------------------


def _cells(texts: list[list[str]], styles: tuple[str, str] = ("label", "value"),
           ) -> list[list[Cell]]:
    named = look.styles()
    return [[tuple(pdf_blocks.paragraphs(_runs(text), named[styles[min(i, 1)]]))
             for i, text in enumerate(row)] + [""] * (2 - len(row)) for row in texts]


def _canvas() -> Canvas:
    return Canvas(io.BytesIO(), initialFontName=BODY)


def _drawn(flowable: Any, canvas: Canvas) -> list[str]:
    start = len(canvas._code)
    flowable.drawOn(canvas, 72, 72)
    return canvas._code[start:]


def _pages(flowable: Any, first: float, later: float, canvas: Canvas,
           ) -> list[tuple[float, float, list[str]]] | str:
    """Split as a frame would: each page's piece as (width, height, what it draws)."""
    pages: list[tuple[float, float, list[str]]] = []
    room = first
    for _ in range(60):
        width, height = flowable.wrapOn(canvas, look.FRAME_WIDTH, room)
        if height <= room:
            pages.append((width, height, _drawn(flowable, canvas)))
            return pages
        try:
            pieces = flowable.splitOn(canvas, look.FRAME_WIDTH, room)
        except IndexError:
            return "IndexError"
        if not pieces:
            if room == later:
                return "too large"
            room = later
            continue
        if len(pieces) == 1:  # all rows fit after all (the table sums them otherwise)
            width, height = pieces[0].wrapOn(canvas, look.FRAME_WIDTH, room)
            pages.append((width, height, _drawn(pieces[0], canvas)))
            return pages
        head, flowable = pieces
        width, height = head.wrapOn(canvas, look.FRAME_WIDTH, room)
        pages.append((width, height, _drawn(head, canvas)))
        room = later
    return "no end"


def _compare(texts: list[list[str]], first: float, later: float, *,
             split_in_row: bool = True) -> None:
    register_face(BODY)
    ours = _pages(ReferenceTable(_cells(texts), WIDTHS, PAD, body_font(),
                                 split_in_row=split_in_row), first, later, _canvas())
    theirs = _pages(as_reportlab_table(_cells(texts), WIDTHS, PAD, body_font(),
                                       split_in_row=split_in_row), first, later, _canvas())
    assert ours == theirs


@pytest.mark.parametrize("first", [0, 3, 13.4, 14.5, 15, 28, 40.5, 100, 333.3, 648])
def test_split_between_and_inside_rows_as_a_table(first: float) -> None:
    texts = [["Patient:", "Zoë Ng"], ["History:", "carboplatin then pemetrexed " * 120],
             ["Empty:", ""], ["Member ID:"], ["Plan:", "Example Health " * 30]]
    _compare(texts, first, 648)
    _compare(texts, first, 250)
    _compare(texts, first, 120, split_in_row=False)


@settings(deadline=None, max_examples=60)
@given(texts=st.lists(st.lists(_CELL_TEXT, max_size=2), min_size=1, max_size=8),
       first=st.floats(0, 648), later=st.floats(30, 648), repeat=st.integers(1, 12))
def test_any_table_splits_as_a_table(texts: list[list[str]], first: float, later: float,
                                     repeat: int) -> None:
    texts[0] = [" ".join([text] * repeat) for text in texts[0]]
    _compare(texts, first, later)


# --- where reportlab's Table stays --------------------------------------------------------


def test_reportlab_table_stays_where_ours_would_not_be_the_same() -> None:
    row = [_runs("Patient:"), _runs("Zoë Ng")]
    assert isinstance(pdf_blocks.block_flowables(TableBlock([row], style="reference"))[0],
                      ReferenceTable)
    for block in (TableBlock([row]), TableBlock([row], header=True, style="reference"),
                  TableBlock([row], style="reference", widths=[1, 10_000])):
        assert isinstance(pdf_blocks.block_flowables(block)[0], Table)
    with_logo = Letterhead(practice_name="Example Oncology", logo_path=str(SAMPLE_LOGO))
    assert isinstance(pdf_blocks.letterhead_flowables(with_logo)[0], Table)
    assert isinstance(pdf_blocks.letterhead_flowables(Letterhead(practice_name="X"))[0],
                      ReferenceTable)
    assert not fits_columns([], PAD)
