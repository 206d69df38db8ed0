"""The letter's paragraph flowable (export/pdf_paragraph.py): it answers wrap and split as
reportlab's Paragraph does, a paragraph split across pages reads as the whole, and a written
letter prints its bullets, underlines and centred text with the words in order.
"""

from __future__ import annotations

import io
import itertools
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportlabParagraph

from desktop_app.export import pdf_styles as look
from desktop_app.export.fonts import BODY
from desktop_app.export.pdf import write_pdf
from desktop_app.export.pdf_paragraph import LetterParagraph
from desktop_app.export.pdf_widths import string_width
from desktop_app.letters.document import BulletList, LetterDocument, Paragraph, Run
from tests.unit.export.probes import normalize, pdf_pages, pdf_word_boxes
from tests.unit.export.reportlab_markup import escape_text, runs_markup

pytestmark = pytest.mark.no_database

BIG = 100_000.0
_MIXED_RUNS = st.lists(
    st.builds(
        Run,
        st.lists(st.sampled_from([
            "the", "patient", "Dr.", "Ng,", "board-certified", "non-small-cell", "ICD-10-CM",
            "co-op", " ", "  ", "\t", "\n", "\xa0", "한국", "🩺", "李", "-", "Pembrolizumab",
        ]), max_size=12).map("".join),
        st.booleans(), st.booleans(), st.booleans(),
    ),
    max_size=4,
)


def _body() -> ParagraphStyle:
    return look.styles()["body"]


def _lines(paragraph: LetterParagraph, width: float) -> list[tuple[list[str], float]]:
    """Each line's words and width, as the paragraph lays them out at `width` (wrap first)."""
    paragraph.wrap(width, BIG)
    return [([word.text for word in line.words], round(line.width, 6))
            for line in paragraph._lines_at(width)]


# --- wrap, minWidth ----------------------------------------------------------------------


def test_wrap_is_one_leading_a_line() -> None:
    style = _body()
    paragraph = LetterParagraph.from_runs([Run("word " * 200)], style)
    width, height = paragraph.wrap(300, BIG)
    assert width == 300
    assert height == len(paragraph._lines_at(300)) * style.leading
    assert height > 5 * style.leading


def test_wrap_with_no_width_answers_as_reportlab() -> None:
    paragraph = LetterParagraph.from_runs([Run("text")], _body())
    assert paragraph.wrap(0, BIG) == (0, 0x7FFFFFFF)


def test_an_empty_paragraph_takes_no_height() -> None:
    paragraph = LetterParagraph.from_runs([Run("")], _body())
    assert paragraph.wrap(300, BIG) == (300, 0)
    assert paragraph.split(300, BIG) == []


def test_min_width_is_the_widest_word() -> None:
    style = _body()
    paragraph = LetterParagraph.from_runs([Run("a pembrolizumab\nb")], style)
    assert paragraph.minWidth() == pytest.approx(
        string_width("pembrolizumab", style.fontName, style.fontSize))


def test_the_same_lines_as_reportlab_for_a_letter_paragraph() -> None:
    text = ("The patient is a 63-year-old woman with board-certified oncologist care for "
            "stage IV non-small-cell lung cancer (ICD-10-CM C34.90), PD-L1 TPS 80%, who "
            "progressed on first-line carboplatin and pemetrexed.")
    style = _body()
    for width in (200, 320, look.FRAME_WIDTH):
        ours = [words for words, _ in _lines(LetterParagraph.from_runs([Run(text)], style), width)]
        assert ours == _reportlab_lines(text, style, width)


def test_a_bullet_past_the_indent_takes_room_from_the_first_line() -> None:
    base = _body()
    words = "one two three four five six seven eight nine ten"
    plain = ParagraphStyle("plain", parent=base, leftIndent=0, bulletIndent=0,
                           bulletFontName=BODY, bulletFontSize=base.fontSize)
    width = string_width("one two three four", base.fontName, base.fontSize) + 1
    without = _lines(LetterParagraph.from_runs([Run(words)], plain), width)
    with_bullet = _lines(LetterParagraph.from_runs([Run(words)], plain, "\u2022"), width)
    assert without[0][0] == ["one", "two", "three", "four"]
    assert len(with_bullet[0][0]) < 4  # the bullet and its gap sit where "four" went
    joined = [w for line, _ in with_bullet for w in line]
    assert joined == words.split()


@pytest.mark.parametrize("runs", [[Run("\n\n")], [Run("a\n")], [Run("\na")],
                                  [Run("a"), Run("\n")], [Run("\n"), Run("\n")]])
def test_typed_line_breaks_are_as_tall_as_reportlab_made_them(runs: list[Run]) -> None:
    style = _body()
    ours = LetterParagraph.from_runs(runs, style).wrap(300, BIG)
    theirs = ReportlabParagraph(runs_markup(runs), style).wrap(300, BIG)
    assert ours == theirs


@pytest.mark.parametrize(("runs", "lines"), [
    ([Run("\n")], 1),  # a typed line break alone: one empty line (reportlab: none)
    ([Run("\t"), Run("\t")], 0),  # white space only: nothing (reportlab: one line)
    ([Run("")], 0),
])
def test_a_paragraph_with_no_word_holds_only_the_lines_typed(runs: list[Run], lines: int) -> None:
    # reportlab's height here depended on how many fragments its markup made; the letter's
    # counts the user's line breaks alone.
    style = _body()
    assert LetterParagraph.from_runs(runs, style).wrap(300, BIG) == (300, lines * style.leading)


@settings(deadline=None, max_examples=150)
@given(data=st.data(), runs=_MIXED_RUNS)
def test_as_many_lines_as_reportlab_for_any_runs_whose_words_fit(
    data: st.DataObject, runs: list[Run]
) -> None:
    """Bold, italic, underlined and fallback-font runs, typed breaks and odd spaces: a
    paragraph with a word in it is as tall as reportlab's (from the same runs as markup) at
    any width at which each word fits on a line."""
    style = _body()
    paragraph = LetterParagraph.from_runs(runs, style)
    # A paragraph without a word is reportlab's fragment accident (test above), not ours.
    assume(any(item is not None for item in paragraph.items))
    widest = paragraph.minWidth()
    width = data.draw(st.floats(min_value=max(widest, 20.0), max_value=max(widest, 468.0)))
    ours = paragraph.wrap(width, BIG)
    theirs = ReportlabParagraph(runs_markup(runs), style).wrap(width, BIG)
    assert ours == theirs

# --- split -------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "the", "patient", "board-certified", "non-small-cell", "ICD-10-CM", "x" * 30, " ", "  ",
    "\n", "\xa0", "한국", "🩺", "Pembrolizumab", "-",
])
_RUNS = st.lists(
    st.builds(Run, st.lists(_PIECES, max_size=30).map("".join), st.booleans(), st.booleans(),
              st.booleans()),
    max_size=4,
)
_LOOKS = st.sampled_from([
    {},
    {"allowOrphans": 1},
    {"allowWidows": 1},
    {"allowOrphans": 1, "allowWidows": 1},
    {"firstLineIndent": 24},
    {"leftIndent": 30, "rightIndent": 12},
])


@settings(deadline=None, max_examples=200)
@given(runs=_RUNS, width=st.floats(20, 468), height=st.floats(0, 400), looks=_LOOKS,
       bullet=st.sampled_from([None, "\u2022", "10."]))
def test_a_split_paragraph_reads_as_the_whole(
    runs: list[Run], width: float, height: float, looks: dict[str, float], bullet: str | None
) -> None:
    """Split at any height, the rest laid out again on its next page: the same lines, with
    the same widths (the rest's first words once lost their spaces, and a cut word's head
    once broke again at its hyphen)."""
    style = ParagraphStyle("split", parent=_body(), bulletFontName=BODY, bulletIndent=0,
                           **looks)
    whole = _lines(LetterParagraph.from_runs(runs, style, bullet), width)
    parts = LetterParagraph.from_runs(runs, style, bullet).split(width, height)
    if len(parts) != 2:
        return
    head, rest = parts
    head_lines = _lines(head, width)
    rest_lines = _lines(rest, width)
    assert head_lines + rest_lines == whole
    fits = int(height / style.leading)
    assert len(head_lines) <= fits
    if not style.allowOrphans:
        assert len(head_lines) >= 2  # no single line at the foot of a page
    if not style.allowWidows:
        assert len(rest_lines) >= 2  # nor at the head of the next


def test_the_rest_of_a_split_does_not_break_a_cut_word_again() -> None:
    """A word wider than the line, cut where the line is full: laid out afresh on the next
    page, its head alone ("board-certifie") may break at its hyphen where the whole word
    ("board-certified2026", a code) may not, and the rest read differently from the whole."""
    style = ParagraphStyle("split", parent=_body(), allowOrphans=1, allowWidows=1)
    text = "Dear Dr. Ng: see board-certified2026"
    width = string_width("board-certifie", style.fontName, style.fontSize) + 0.1
    whole = _lines(LetterParagraph.from_runs([Run(text)], style), width)
    assert [words for words, _ in whole] == [
        ["Dear", "Dr.", "Ng:"], ["see"], ["board-certifie"], ["d2026"],
    ]
    head, rest = LetterParagraph.from_runs([Run(text)], style).split(width, style.leading)
    assert _lines(head, width) + _lines(rest, width) == whole


def test_a_split_rest_starts_without_the_first_line_indent() -> None:
    style = ParagraphStyle("indented", parent=_body(), firstLineIndent=36)
    paragraph = LetterParagraph.from_runs([Run("word " * 100)], style)
    paragraph.wrap(200, BIG)
    _head, rest = paragraph.split(200, 3 * style.leading)
    assert isinstance(rest, LetterParagraph)
    assert rest.style.firstLineIndent == 0
    assert style.firstLineIndent == 36  # the letter's own style is untouched


def test_a_paragraph_that_fits_is_not_split() -> None:
    paragraph = LetterParagraph.from_runs([Run("short")], _body())
    assert paragraph.split(300, 100) == [paragraph]


_PLAIN_WORDS = st.sampled_from([
    "the", "patient", "is", "board-certified", "non-small-cell", "ICD-10-CM", "co-op",
    "Pembrolizumab", "(well-known),", "well-differentiated",
])


def _reportlab_lines(text: str, style: ParagraphStyle, width: float) -> list[list[str]]:
    paragraph = ReportlabParagraph(escape_text(text), style)
    paragraph.wrap(width, BIG)
    return [list(words) for _extra, words in paragraph.blPara.lines]


@settings(deadline=None, max_examples=150)
@given(words=st.lists(_PLAIN_WORDS, min_size=1, max_size=80), width=st.floats(140, 468),
       height=st.floats(0, 300), looks=_LOOKS)
def test_a_split_keeps_the_lines_reportlab_kept(
    words: list[str], width: float, height: float, looks: dict[str, float]
) -> None:
    """Widow and orphan control as reportlab's Paragraph.split: the same lines on each page."""
    style = ParagraphStyle("split", parent=_body(), **looks)
    text = " ".join(words)
    ours = LetterParagraph.from_runs([Run(text)], style).split(width, height)
    theirs = ReportlabParagraph(escape_text(text), style).split(width, height)
    assert len(ours) == len(theirs)
    for mine, reportlab in zip(ours, theirs, strict=True):
        reportlab.wrap(width, BIG)
        expected = [list(line_words) for _extra, line_words in reportlab.blPara.lines]
        assert [line for line, _ in _lines(mine, width)] == expected



@settings(deadline=None, max_examples=100)
@given(words=st.lists(_PLAIN_WORDS, min_size=10, max_size=80), wrapped=st.floats(140, 300),
       asked=st.floats(300, 468), share=st.floats(0, 1))
def test_a_split_keeps_the_lines_of_the_last_wrap_as_reportlab_does(
    words: list[str], wrapped: float, asked: float, share: float
) -> None:
    """A Table measures a cell between its paddings and then splits it at the column's full
    width: reportlab's Paragraph splits the lines it was wrapped to, and so does ours (laid
    out afresh at the wider width, a cut value ran into the padding, or fit whole where the
    cell did not and stopped the export)."""
    text = " ".join(words)
    ours = LetterParagraph.from_runs([Run(text)], _body())
    theirs = ReportlabParagraph(escape_text(text), _body())
    height = share * ours.wrap(wrapped, BIG)[1]  # somewhere inside the paragraph
    theirs.wrap(wrapped, BIG)
    ours_split, theirs_split = ours.split(asked, height), theirs.split(asked, height)
    assert len(ours_split) == len(theirs_split)
    for mine, reportlab in zip(ours_split, theirs_split, strict=True):
        reportlab.wrap(wrapped, BIG)
        expected = [list(line_words) for _extra, line_words in reportlab.blPara.lines]
        assert [line for line, _ in _lines(mine, wrapped)] == expected


# --- drawing -----------------------------------------------------------------------------


def _written(document: LetterDocument) -> bytes:
    out = io.BytesIO()
    write_pdf(document, out, invariant=True)
    return out.getvalue()


def _letter() -> LetterDocument:
    return LetterDocument(blocks=[
        Paragraph([Run("EXPEDITED APPEAL")], "banner"),
        Paragraph([Run("Dear Medical Director: please see "),
                   Run("the enclosed records", underline=True),
                   Run(" and the "), Run("NCCN", bold=True), Run(" guideline.")]),
        BulletList([[Run("first reason")], [Run("second reason")]]),
        BulletList([[Run("numbered item")]], numbered=True),
        Paragraph([Run("Sincerely,\nDr. Ng")], "closing"),
    ])


def test_a_written_letter_reads_back_in_order() -> None:
    text = normalize("".join(pdf_pages(_written(_letter()))))
    expected = normalize(
        "EXPEDITED APPEAL Dear Medical Director: please see the enclosed records and the "
        "NCCN guideline. \u2022 first reason \u2022 second reason 1. numbered item "
        "Sincerely, Dr. Ng"
    )
    assert expected in text


def test_the_banner_is_centred_and_bullets_stand_left_of_their_text() -> None:
    boxes = pdf_word_boxes(_written(_letter()))
    by_word = {word: (x0, x1) for word, x0, x1, _y in boxes}
    left, right = by_word["EXPEDITED"][0], by_word["APPEAL"][1]
    banner = look.styles()["banner"]
    middle = look.MARGIN + banner.leftIndent + (
        look.FRAME_WIDTH - banner.leftIndent - banner.rightIndent) / 2
    assert (left + right) / 2 == pytest.approx(middle, abs=1.0)
    bullets = [(x0, y) for word, x0, _x1, y in boxes if word == "\u2022"]
    assert len(bullets) == 2
    first = next((x0, y) for word, x0, _x1, y in boxes if word == "first")
    assert bullets[0][0] < first[0] and bullets[0][1] == pytest.approx(first[1], abs=1.0)


def test_underlined_words_are_underlined_and_the_rest_is_not() -> None:
    data = _written(_letter())
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents()
    assert content is not None
    stream = content.get_data().decode("latin-1")
    strokes = [tuple(map(float, found)) for found in
               re.findall(r"(-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l S", stream)]
    by_height: dict[float, list[tuple[float, float]]] = {}
    for x0, y0, x1, y1 in strokes:
        if y0 == y1:
            by_height.setdefault(y0, []).append((x0, x1))
    # The header's rule is one stroke; the underline is one a piece: "the", " ", "enclosed"...
    underline = max(by_height.values(), key=len)
    assert len(underline) == 5
    boxes = pdf_word_boxes(data)
    start = next(x0 for word, x0, _x1, _y in boxes if word == "the")
    end = next(x1 for word, _x0, x1, _y in boxes if word == "records")
    # The run is underlined piece by piece, spaces included, in the paragraph's own
    # coordinates: the pieces join up into one line as long as the words they are under.
    assert all(a[1] == pytest.approx(b[0]) for a, b in itertools.pairwise(underline))
    assert underline[-1][1] - underline[0][0] == pytest.approx(end - start, abs=1.0)


def test_drawn_from_an_origin_reportlab_moved_to_it_prints_where_draw_on_would() -> None:
    """reportlab's own Flowable._drawOn moves the origin and calls draw(); drawOn writes at
    page positions. Both put every word in the same place."""
    from reportlab.pdfgen.canvas import Canvas

    def page(through_draw: bool) -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, pagesize=(look.PAGE_WIDTH, look.PAGE_HEIGHT))
        paragraph = LetterParagraph.from_runs(
            [Run("Dr. Ng asks for "), Run("gemcitabine", bold=True), Run(" today.")], _body(),
            bullet="\u2022",
        )
        paragraph.wrapOn(canvas, 300, BIG)
        if through_draw:
            canvas.saveState()
            canvas.translate(100, 500)
            paragraph._drawOn(canvas)
            canvas.restoreState()
        else:
            paragraph.drawOn(canvas, 100, 500)
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    moved, placed = pdf_word_boxes(page(True)), pdf_word_boxes(page(False))
    assert [word for word, *_ in moved] == ["\u2022", "Dr.", "Ng", "asks", "for", "gemcitabine",
                                            "today."]
    assert [(w, round(a, 1), round(b, 1), round(c, 1)) for w, a, b, c in moved] == [
        (w, round(a, 1), round(b, 1), round(c, 1)) for w, a, b, c in placed
    ]
