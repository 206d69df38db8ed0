"""Runs from markup text: a piece's words go in together, as they once went in word by word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.letters.document import Run, Runs
from desktop_app.letters.markup_text import Piece, normalize

_SPACES = re.compile(r"[ \t\n\r\f]+")


def word_by_word(pieces: list[Piece | None]) -> Runs:
    """The runs as normalize made them word by word, one Run per word joined afterwards."""
    runs: Runs = []
    pending: frozenset[str] | None = None
    at_line_start, after_space = True, False

    def add(text: str, formats: frozenset[str]) -> None:
        flags = ("b" in formats, "i" in formats, "u" in formats)
        last = runs[-1] if runs else None
        if last is not None and last.text != "\n" and (
                (last.bold, last.italic, last.underline) == flags):
            runs[-1] = Run(last.text + text, *flags)
        else:
            runs.append(Run(text, *flags))

    def emit(text: str, formats: frozenset[str]) -> None:
        nonlocal pending, at_line_start, after_space
        if pending is not None and not at_line_start and not after_space:
            add(" ", pending)
        pending = None
        add(text, formats)
        at_line_start, after_space = text.endswith("\n"), text[-1] in " \t"

    for piece in pieces:
        if piece is None:
            runs.append(Run("\n"))
            pending, at_line_start, after_space = None, True, False
        elif piece.verbatim:
            for number, line in enumerate(piece.text.split("\n")):
                if number:
                    runs.append(Run("\n"))
                    pending, at_line_start, after_space = None, True, False
                if line:
                    emit(line, piece.formats)
        else:
            for number, word in enumerate(_SPACES.split(piece.text)):
                if number:
                    pending = piece.formats if pending is None else pending
                if word:
                    emit(word, piece.formats)
    return runs


piece = st.builds(
    Piece,
    st.text(st.sampled_from("ab \t\n\r\f\xa0\x0b"), max_size=8),
    st.frozensets(st.sampled_from("biu"), max_size=3),
    st.booleans(),
)
pieces = st.lists(st.none() | piece.filter(lambda p: bool(p.text)), max_size=10)


@settings(deadline=None, max_examples=300)
@given(pieces)
def test_same_runs_as_word_by_word(given_pieces: list[Piece | None]) -> None:
    assert normalize(given_pieces) == word_by_word(given_pieces)


@settings(deadline=None, max_examples=300)
@given(piece)
def test_a_cell_of_one_piece_has_the_runs_of_the_general_way(alone: Piece) -> None:
    # Most cells and paragraphs are one piece of text, which takes a shorter way.
    assert normalize([alone]) == word_by_word([alone])


def test_spaces_between_pieces_take_the_first_space_s_formats() -> None:
    runs = normalize([Piece("Dear  ", frozenset(), False), Piece(" Dr ", frozenset("b"), False),
                      Piece("Lee", frozenset(), False)])
    assert runs == [Run("Dear "), Run("Dr ", bold=True), Run("Lee")]


@settings(deadline=None, max_examples=200)
@given(pieces | st.lists(piece, min_size=1, max_size=1))
def test_a_header_cell_s_runs_are_the_runs_made_bold(given_pieces: list[Piece | None]) -> None:
    expected = [Run(r.text, True, r.italic, r.underline) for r in word_by_word(given_pieces)]
    assert normalize(given_pieces, bold=True) == expected
