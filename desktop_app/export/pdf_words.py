"""A paragraph's runs as measured words: what the PDF's own line breaking works from.

Each word is one or more pieces of text, each in the face it prints in: a word can change
face inside it ("Dr." in bold before a plain comma, an emoji in a fallback font). White space
is tidied as the letter's PDF always tidied it (reportlab's Paragraph did the same): any run of
spaces, tabs or other break characters is one space, and there is none at the start of a
line. A no-break space is part of its word. A line break the user typed is LINE_BREAK in the
word list.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from desktop_app.export.base import clean_text
from desktop_app.export.fonts import (
    BODY,
    BODY_BOLD,
    BODY_BOLD_ITALIC,
    BODY_ITALIC,
    body_font,
    covers_printable_ascii,
    register_face,
    segment_font,
    split_by_font,
)
from desktop_app.export.pdf_text import BREAK_CHARACTERS, break_long_words
from desktop_app.export.pdf_widths import string_width
from desktop_app.letters.document import Run

_SPACES: Final = re.compile(f"[{BREAK_CHARACTERS}]+")
# A style's own weight and slant, which a bold or italic run adds to.
_FACE_LOOK: Final = {
    BODY: (False, False),
    BODY_BOLD: (True, False),
    BODY_ITALIC: (False, True),
    BODY_BOLD_ITALIC: (True, True),
}


class Piece(NamedTuple):
    """Text in one face; `underline` as its run says."""

    face: str
    text: str
    underline: bool = False


class Space(NamedTuple):
    """The space before a word, in the face of the text it was typed in."""

    face: str
    width: float
    underline: bool = False


class Word:
    """One word: its pieces, its width at the paragraph's size, and the space before it."""

    __slots__ = ("advance", "pieces", "plain_face", "space", "width")

    def __init__(self, pieces: tuple[Piece, ...], width: float, space: Space | None) -> None:
        self.pieces = pieces
        self.width = width
        self.space = space  # None at the start of a line, or for the rest of a cut word
        self.advance = width + (space.width if space is not None else 0.0)  # space and word
        # The face of a one-piece word typed after a space in that face, nothing underlined:
        # a line of such words in one face prints as one string (pdf_text_ops.py).
        only = pieces[0] if len(pieces) == 1 else None
        self.plain_face = (
            only.face
            if only is not None and not only.underline and space is not None
            and space.face == only.face and not space.underline
            else None
        )

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


LINE_BREAK: Final = None  # stands in the word list where the user typed a line break
Item = Word | None
KEPT: Final = 20_000  # words remembered; a letter has a few hundred different ones
_kept: dict[tuple[tuple[Piece, ...], float, Space | None], Word] = {}
_single: dict[tuple[str, str, bool, float, Space], Word] = {}  # one-piece words, by their text
_spaces: dict[tuple[str, float, bool], Space] = {}


def _space(face: str, size: float, underline: bool) -> Space:
    key = (face, size, underline)
    space = _spaces.get(key)
    if space is None:
        space = _spaces[key] = Space(face, string_width(" ", face, size), underline)
    return space


def measured(pieces: tuple[Piece, ...], size: float, space: Space | None) -> Word:
    """The word of these pieces at `size`, after `space`. Words are never changed once made,
    and a letter (and every letter of a batch) says "the" and the patient's name again and
    again, so each is made once and shared."""
    key = (pieces, size, space)
    word = _kept.get(key)
    if word is None:
        width = 0.0
        for piece in pieces:
            width += string_width(piece.text, piece.face, size)
        word = Word(pieces, width, space)
        if len(_kept) >= KEPT or len(_single) >= KEPT:
            _kept.clear()  # start again rather than grow: the next letter refills them
            _single.clear()
        _kept[key] = word
    return word


def style_look(font_name: str) -> tuple[bool, bool]:
    """(bold, italic) of a style's face; a face outside the body family counts as plain."""
    return _FACE_LOOK.get(font_name, (False, False))


def paragraph_words(runs: list[Run], font_name: str, size: float) -> list[Item]:
    """The runs as words and line breaks, each word measured at `size`."""
    builder = _WordBuilder(size)
    style_bold, style_italic = style_look(font_name)
    for run in runs:
        bold, italic = style_bold or run.bold, style_italic or run.italic
        body = body_font(bold, italic)
        register_face(body)
        lines = break_long_words(clean_text(run.text)).split("\n")
        for index, line in enumerate(lines):
            if index:
                builder.line_break()
            if line.isascii() and line.isprintable() and covers_printable_ascii(body):
                if line:  # most text: all in the body face, no per-character look-up
                    builder.text(body, line, run.underline)
                continue
            for segment in split_by_font(line, bold=bold, italic=italic):
                face = segment_font(segment, bold=bold, italic=italic)
                register_face(face)
                builder.text(face, segment.text, run.underline)
    builder.finish_word()
    return builder.items


class _WordBuilder:
    """Collects pieces into words as the text streams past (see paragraph_words)."""

    def __init__(self, size: float) -> None:
        self.size = size
        self.items: list[Item] = []
        self._pieces: list[Piece] = []
        self._space_before: Space | None = None  # of the word being collected
        self._pending_space: Space | None = None  # seen after the last word, before the next

    def text(self, face: str, text: str, underline: bool) -> None:
        if text.isascii():
            # The ASCII break characters are exactly what str.split() splits at.
            parts = text.split()
            joins_before = not text[:1].isspace()  # goes on with the word before, if any
            joins_after = not text[-1:].isspace()  # the next text may go on with it
        else:
            parts = _SPACES.split(text)
            joins_before, joins_after = parts[0] != "", parts[-1] != ""
            parts = [part for part in parts if part]
        if not parts:
            if text:  # white space only: it ends the word
                self.finish_word()
                self._pending_space = _space(face, self.size, underline)
            return
        if joins_before:
            self._piece(face, parts[0], underline)
            if len(parts) == 1 and joins_after:
                return
            parts = parts[1:]
        self.finish_word()
        size = self.size
        space = _space(face, size, underline)
        last = parts.pop() if joins_after and parts else None
        add, kept = self.items.append, _single.get
        for part in parts:  # whole words, between spaces: most of a letter
            word = kept((part, face, underline, size, space))
            if word is None:
                word = _single[(part, face, underline, size, space)] = measured(
                    (Piece(face, part, underline),), size, space)
            add(word)
        self._pending_space = space
        if last is not None:
            self._piece(face, last, underline)

    def _piece(self, face: str, text: str, underline: bool) -> None:
        if not self._pieces:
            self._space_before, self._pending_space = self._pending_space, None
        self._pieces.append(Piece(face, text, underline))

    def line_break(self) -> None:
        self.finish_word()
        self.items.append(LINE_BREAK)
        self._pending_space = None

    def finish_word(self) -> None:
        if self._pieces:
            self.items.append(measured(tuple(self._pieces), self.size, self._space_before))
            self._pieces = []
            self._space_before = None
