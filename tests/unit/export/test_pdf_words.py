"""A paragraph's runs as measured words (export/pdf_words.py): what the PDF breaks lines from.

White space must come out tidied as Word and reportlab tidy it, a word may change face inside
it, a typed line break stands in the list, and every width is the sum of its pieces.
"""

from __future__ import annotations

import pytest

from desktop_app.export import pdf_styles as look
from desktop_app.export.fonts import BODY, BODY_BOLD, BODY_ITALIC, EMOJI, HANGUL
from desktop_app.export.pdf_lines import break_lines
from desktop_app.export.pdf_widths import string_width
from desktop_app.export.pdf_words import LINE_BREAK, Item, Piece, Word, paragraph_words
from desktop_app.letters.document import Run

pytestmark = pytest.mark.no_database

SIZE = 10.5


def _words(*runs: Run, font: str = BODY) -> list[Item]:
    return paragraph_words(list(runs), font, SIZE)


def _texts(items: list[Item]) -> list[str | None]:
    return [None if item is LINE_BREAK else item.text for item in items]


def _line_texts(*runs: Run) -> list[list[str]]:
    lines = break_lines(_words(*runs), 400, 400, SIZE)
    return [[word.text for word in line.words] for line in lines]


def test_any_run_of_break_characters_is_one_space() -> None:
    items = _words(Run("  Dear \t Dr.\u2003\u3000Ng,\u200b\u205fplease  "))
    assert _texts(items) == ["Dear", "Dr.", "Ng,", "please"]
    body_space = string_width(" ", BODY, SIZE)
    dear, doctor = items[0], items[1]
    assert isinstance(dear, Word) and isinstance(doctor, Word)
    # One space, however many were typed (the space a line starts with is never printed).
    assert dear.space is not None and dear.space.width == pytest.approx(body_space)
    assert doctor.space is not None and doctor.space.width == pytest.approx(body_space)


def test_the_first_word_of_a_paragraph_has_no_space_before_it_unless_one_was_typed() -> None:
    typed = _words(Run(" Dear"))
    plain = _words(Run("Dear"))
    assert isinstance(typed[0], Word) and typed[0].space is not None
    assert isinstance(plain[0], Word) and plain[0].space is None
    # The typed space is kept on the word but never printed at the start of a line.
    assert break_lines(typed, 400, 400, SIZE)[0].width == pytest.approx(plain[0].width)


def test_a_no_break_space_belongs_to_its_word() -> None:
    assert _texts(_words(Run("200\xa0mg IV"))) == ["200\xa0mg", "IV"]


def test_a_bold_run_inside_a_word_makes_one_word_of_two_pieces() -> None:
    items = _words(Run("Dr."), Run("Ng", bold=True), Run(" said"))
    assert _texts(items) == ["Dr.Ng", "said"]
    word = items[0]
    assert isinstance(word, Word)
    assert word.pieces == (Piece(BODY, "Dr."), Piece(BODY_BOLD, "Ng"))


def test_faces_follow_the_style_and_the_run() -> None:
    """A bold style stays bold in a plain run; an italic run in a bold style is bold italic."""
    bold_style = _words(Run("Re:"), Run("x", italic=True), font=BODY_BOLD)
    assert isinstance(bold_style[0], Word)
    assert [piece.face for piece in bold_style[0].pieces] == [BODY_BOLD, "PALetterSans-BoldItalic"]
    italic = _words(Run("note", italic=True))
    assert isinstance(italic[0], Word) and italic[0].pieces[0].face == BODY_ITALIC


def test_underline_is_kept_on_the_piece_and_its_space() -> None:
    items = _words(Run("see "), Run("page two", underline=True))
    assert _texts(items) == ["see", "page", "two"]
    page, two = items[1], items[2]
    assert isinstance(page, Word) and isinstance(two, Word)
    assert page.pieces[0].underline and two.pieces[0].underline
    assert page.space is not None and not page.space.underline  # typed in the plain run
    assert two.space is not None and two.space.underline


def test_a_typed_line_break_is_line_break_in_the_list() -> None:
    assert _texts(_words(Run("Appeals Department\nExample Plan"))) == [
        "Appeals", "Department", None, "Example", "Plan",
    ]
    assert _texts(_words(Run("a"), Run("\n"), Run("b"))) == ["a", None, "b"]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\n", [["a"]]),  # a break at the very end adds no line (as reportlab's <br/>)
        ("\na", [[], ["a"]]),
        ("a\n\nb", [["a"], [], ["b"]]),
        ("a\r\nb", [["a"], ["b"]]),
    ],
)
def test_typed_line_breaks_give_the_lines_reportlab_gives(
    text: str, lines: list[list[str]]
) -> None:
    assert _line_texts(Run(text)) == lines


def test_a_space_at_a_typed_line_break_is_dropped() -> None:
    assert _line_texts(Run("a  \n  b")) == [["a"], ["b"]]


@pytest.mark.parametrize(("text", "face"), [("안녕", HANGUL), ("🩺", EMOJI)])
def test_a_character_the_body_face_lacks_gets_a_fallback_face(text: str, face: str) -> None:
    items = _words(Run(f"x{text}y z"))
    word = items[0]
    assert isinstance(word, Word)
    assert word.pieces == (Piece(BODY, "x"), Piece(face, text), Piece(BODY, "y"))
    assert _texts(items) == [f"x{text}y", "z"]


def test_a_fallback_word_alone_is_one_piece_in_its_face() -> None:
    items = _words(Run("환자 김"))
    assert [[p.face for p in w.pieces] for w in items if w is not None] == [[HANGUL], [HANGUL]]
    second = items[1]
    assert isinstance(second, Word) and second.space is not None
    assert second.space.face == BODY  # the body face has a space: it is set in that


def test_a_word_measures_the_sum_of_its_pieces() -> None:
    items = _words(Run("Pembro"), Run("lizumab", bold=True), Run("💊 200"))
    word = items[0]
    assert isinstance(word, Word)
    expected = sum(string_width(piece.text, piece.face, SIZE) for piece in word.pieces)
    assert word.width == pytest.approx(expected)
    assert len(word.pieces) == 3


def test_control_characters_print_nothing() -> None:
    assert _texts(_words(Run("a\x00b\u202ec"))) == ["abc"]


def test_an_empty_paragraph_has_no_words() -> None:
    assert _words(Run("")) == []
    assert _words(Run("   ")) == []
    assert _words() == []


def test_a_word_longer_than_the_pdf_word_limit_is_cut_into_pieces() -> None:
    """break_long_words keeps reportlab-era layout time bounded: a pasted 200-character hash
    becomes words of PDF_WORD_PIECE characters, none lost."""
    text = "ab" * 100
    items = _words(Run(text))
    assert "".join(t or "" for t in _texts(items)) == text
    assert all(len(t or "") <= 60 for t in _texts(items))


def test_the_body_style_is_the_one_these_tests_measure_at() -> None:
    style = look.styles()["body"]
    assert (style.fontName, style.fontSize) == (BODY, SIZE)
