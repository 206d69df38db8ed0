"""Words into lines (export/pdf_lines.py): greedy, hyphens as reportlab breaks them, long words
cut, nothing lost; and, for plain text in one face, the same lines reportlab's Paragraph gave.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from desktop_app.export import pdf_styles as look
from desktop_app.export.base import clean_text
from desktop_app.export.fonts import BODY, register_face
from desktop_app.export.pdf_lines import Line, break_lines, cut_word, rejoin_word
from desktop_app.export.pdf_text import BREAK_CHARACTERS, break_long_words
from desktop_app.export.pdf_widths import string_width
from desktop_app.export.pdf_words import Item, Word, paragraph_words
from desktop_app.letters.document import Run
from tests.unit.export.reportlab_markup import escape_text

pytestmark = pytest.mark.no_database

SIZE = 10.5
_SPACES = re.compile(f"[{BREAK_CHARACTERS}]+")


def _width(text: str) -> float:
    register_face(BODY)  # measuring asks reportlab, which knows the face once registered
    return string_width(text, BODY, SIZE)


def _items(*runs: Run) -> list[Item]:
    return paragraph_words(list(runs), BODY, SIZE)


def _lines(text: str, width: float, later: float | None = None) -> list[list[str]]:
    lines = break_lines(_items(Run(text)), width, width if later is None else later, SIZE)
    return [[word.text for word in line.words] for line in lines]


# --- hyphens ---------------------------------------------------------------------------


def test_a_hyphenated_word_breaks_after_a_hyphen_when_it_does_not_fit() -> None:
    width = _width("Dr. Ng is board-") + 1
    assert _lines("Dr. Ng is board-certified", width) == [
        ["Dr.", "Ng", "is", "board-"], ["certified"],
    ]


def test_the_last_hyphen_that_fits_is_taken() -> None:
    width = _width("a non-small-") + 1
    assert _lines("a non-small-cell lung", width) == [["a", "non-small-"], ["cell", "lung"]]


@pytest.mark.parametrize("word", ["ICD-10-CM", "ab-c", "a-b", "x--y-z", "-abcde", "abcde-"])
def test_codes_short_words_and_odd_hyphens_do_not_break_at_a_hyphen(word: str) -> None:
    """"ICD-10-CM" has digits; "ab-c" has fewer than 5 letters and hyphens; a doubled, leading or
    trailing hyphen is not reportlab's idea of a hyphenated word either."""
    width = _width(f"see {word}") - 0.5  # the whole word just misses
    lines = _lines(f"see {word}", width)
    assert lines == [["see"], [word]]


def test_punctuation_around_a_hyphenated_word_does_not_stop_the_break() -> None:
    width = _width("see (well-") + 1
    assert _lines("see (well-known),", width) == [["see", "(well-"], ["known),"]]


def test_a_soft_hyphen_is_a_place_to_break() -> None:
    width = _width("the immuno\xad") + 1
    assert _lines("the immuno\xadtherapy", width) == [["the", "immuno\xad"], ["therapy"]]


def test_a_hyphen_break_that_leaves_no_head_that_fits_moves_the_word() -> None:
    width = _width("the boar") + 1
    assert _lines("the board-certified", width) == [["the"], ["board-"], ["certified"]]


# --- long words, one character, typed breaks --------------------------------------------


def test_a_word_wider_than_the_line_is_cut_where_the_line_is_full() -> None:
    word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    width = _width("ABCDEFGHIJ") + 0.1
    lines = _lines(word, width)
    assert "".join(text for line in lines for text in line) == word
    assert lines[0] == ["ABCDEFGHIJ"]
    assert all(len(line) == 1 for line in lines)


def test_a_long_word_after_other_words_starts_its_own_line() -> None:
    """Unlike reportlab (see test_reportlab_cuts_a_long_word_on_the_line_it_starts): the cut
    starts on a fresh line, as Word starts it."""
    width = _width("bbbbbb") + 0.1
    assert _lines("a bbbbbbbbbb", width) == [["a"], ["bbbbbb"], ["bbbb"]]


def test_one_character_wider_than_the_line_is_placed_anyway() -> None:
    lines = break_lines(_items(Run("W i")), 1.0, 1.0, SIZE)
    assert [[word.text for word in line.words] for line in lines] == [["W"], ["i"]]
    assert lines[0].width == pytest.approx(_width("W"))


def test_a_typed_break_always_starts_a_line_and_says_so() -> None:
    lines = break_lines(_items(Run("a\nb c")), 400, 400, SIZE)
    assert [line.typed_break for line in lines] == [True, False]


def test_the_first_line_has_its_own_width() -> None:
    narrow, wide = _width("one two") + 1, _width("three four five") + 1
    assert _lines("one two three four five six", narrow, wide) == [
        ["one", "two"], ["three", "four", "five"], ["six"],
    ]


def test_no_words_no_lines() -> None:
    assert break_lines([], 100, 100, SIZE) == []


def test_cut_word_keeps_every_piece_and_face_in_order() -> None:
    word = _items(Run("Pem"), Run("broli", bold=True), Run("zumab"))[0]
    assert isinstance(word, Word)
    for at in range(1, len(word.text)):
        head, rest = cut_word(word, at, SIZE)
        assert head.text + rest.text == word.text
        assert head.space is word.space and rest.space is None
        assert head.width + rest.width == pytest.approx(word.width)
        assert _faces_by_character(head) + _faces_by_character(rest) == _faces_by_character(word)


def test_a_cut_word_rejoined_is_the_word_it_was() -> None:
    word = _items(Run("Pem"), Run("broli", bold=True), Run("zumab", underline=True))[0]
    assert isinstance(word, Word)
    for at in range(1, len(word.text)):
        head, rest = cut_word(word, at, SIZE)
        again = rejoin_word(head, rest, SIZE)
        assert again.pieces == word.pieces
        assert again.width == word.width and again.space is word.space


def _faces_by_character(word: Word) -> list[str]:
    return [piece.face for piece in word.pieces for _ in piece.text]


# --- widths ------------------------------------------------------------------------------


def _line_width(line: Line) -> float:
    """From the first word's start to the last word's end: the first word's space not counted."""
    total = 0.0
    for index, word in enumerate(line.words):
        if index and word.space is not None:
            total += word.space.width
        total += word.width
    return total


def test_line_widths_add_up() -> None:
    runs = [Run("Dear Dr. "), Run("Ng", bold=True), Run(", the  patient 한국 🩺 is well-known.")]
    for width in (40, 90, 200, 468):
        for line in break_lines(_items(*runs), width, width, SIZE):
            assert line.width == pytest.approx(_line_width(line))


# --- properties --------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "a", "the", "patient", "Pembrolizumab", "board-certified", "non-small-cell", "ICD-10-CM",
    "(well-known),", "x" * 25, "WWWWWWWWWWWW", " ", "  ", "\t", "\n", "\xa0", "\u2003", "-",
    "한국", "🩺", "李", ".", "W",
])
_TEXT = st.lists(_PIECES, max_size=14).map("".join)
_RUNS = st.lists(st.builds(Run, _TEXT, st.booleans(), st.booleans(), st.booleans()),
                 max_size=4)
_WIDTHS = st.floats(min_value=5, max_value=468)


def _tidied(runs: list[Run]) -> str:
    """The runs' text as it should print: each typed line's white space one space, none at
    either end of it (and a run's words past PDF_WORD_CHARS in pieces, pdf_text.py)."""
    text = "".join(break_long_words(clean_text(run.text)) for run in runs)
    return "\n".join(_SPACES.sub(" ", line).strip(" ") for line in text.split("\n"))


def _printed(lines: list[Line]) -> str:
    """The lines read back: a space where a word kept one, except where a typed line starts;
    a typed break between lines (one that ends the paragraph adds no line)."""
    out: list[str] = []
    line_start = True
    for index, line in enumerate(lines):
        if index and lines[index - 1].typed_break:
            out.append("\n")
            line_start = True
        for word in line.words:
            if word.space is not None and not line_start:
                out.append(" ")
            out.append(word.text)
            line_start = False
    return "".join(out)


@settings(deadline=None, max_examples=300)
@given(runs=_RUNS, first=_WIDTHS, later=_WIDTHS)
def test_no_character_is_lost_or_reordered(runs: list[Run], first: float, later: float) -> None:
    lines = break_lines(_items(*runs), first, later, SIZE)
    expected = _tidied(runs)
    assert _printed(lines) == expected.removesuffix("\n")


@settings(deadline=None, max_examples=300)
@given(runs=_RUNS, first=_WIDTHS, later=_WIDTHS)
def test_every_line_fits_unless_it_holds_one_character(
    runs: list[Run], first: float, later: float
) -> None:
    for index, line in enumerate(break_lines(_items(*runs), first, later, SIZE)):
        room = first if index == 0 else later
        assert line.width == pytest.approx(_line_width(line))
        if line.width > room + 1e-6:
            assert [len(word.text) for word in line.words] == [1]


# --- against reportlab ------------------------------------------------------------------

_PLAIN_WORDS = st.sampled_from([
    "the", "patient", "is", "a", "board-certified", "non-small-cell", "ICD-10-CM", "co-op",
    "(well-known),", "re-evaluation.", "Pembrolizumab", "mg/m2", "x" * 20,
    "supercalifragilisticexpialidocious", "well-differentiated", "a-b-c-d-e-f",
])


def _reportlab_lines(text: str, width: float) -> list[list[str]]:
    paragraph = Paragraph(escape_text(text), look.styles()["body"])
    paragraph.wrap(width, 100_000)
    assert paragraph.blPara.kind == 0  # one face: reportlab's plain-word lines
    return [list(words) for _extra, words in paragraph.blPara.lines]


def _our_lines(text: str, width: float) -> list[list[str]]:
    style = look.styles()["body"]
    items = paragraph_words([Run(text)], style.fontName, style.fontSize)
    return [[w.text for w in line.words]
            for line in break_lines(items, width, width, style.fontSize)]


@settings(deadline=None, max_examples=300)
@given(data=st.data(), words=st.lists(_PLAIN_WORDS, min_size=1, max_size=40))
def test_lines_hold_the_words_reportlab_put_on_them(data: st.DataObject, words: list[str]) -> None:
    """Plain text in the body face, any width at which every word fits on a line of its own:
    hyphen breaks included, the lines are reportlab's."""
    widest = max(_width(word) for word in words)
    width = data.draw(st.floats(min_value=widest, max_value=max(widest, 468.0)))
    text = " ".join(words)
    assert _our_lines(text, width) == _reportlab_lines(text, width)


def test_a_word_wider_than_a_line_starts_a_line_of_its_own_as_in_word() -> None:
    # reportlab would fill the rest of "a"'s line first ([["a", "bbbb"], ["bbbbbb"]]); Word,
    # and the letter, set the word on a line of its own and cut it where that line is full.
    width = _width("bbbbbb") + 0.1
    assert _our_lines("a bbbbbbbbbb", width) == [["a"], ["bbbbbb"], ["bbbb"]]


def test_the_rest_of_a_hyphen_break_is_cut_rather_than_left_past_the_margin() -> None:
    # reportlab leaves "small-cell" whole on its line, wider than the line.
    width = _width("non-s") + 0.1
    lines = _our_lines("non-small-cell", width)
    assert lines == [["non-"], ["small"], ["-cell"]]
    assert all(_width(" ".join(line)) <= width for line in lines)


def test_a_web_address_wider_than_a_line_is_cut_after_a_slash_as_reportlab_cuts_it() -> None:
    text, width = "https://example.org/abcdef/ghijk", _width("https://example.org/ab") + 0.1
    assert _our_lines(text, width) == [["https://example.org/"], ["abcdef/ghijk"]]
    assert _our_lines(text, width) == _reportlab_lines(text, width)
    # No slash past the host within the line: cut where the line is full.
    assert _our_lines("https://example.org", _width("https://exa") + 0.1)[0] == ["https://exa"]
