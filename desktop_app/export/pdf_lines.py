"""Words into lines: the PDF's line breaking, greedy as Word's and reportlab's are.

A line takes words while they fit. A hyphenated word that does not fit breaks after one of
its hyphens when the part before it fits ("board-" / "certified"), as Word breaks it; spaces
are never squeezed. A word wider than a whole line (a pasted hash, a URL in a narrow table
column) starts a line of its own and is cut where that line is full, a web address after a
slash. A line break the user typed always starts a line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import Final

from desktop_app.export.pdf_words import LINE_BREAK, Item, Piece, Word, measured

_FUZZ: Final = 1e-8
_advance: Final = attrgetter("advance")
_MIN_HYPHENATED: Final = 5  # characters; shorter words stay whole (reportlab's default)
# What counts as a word that may break at its hyphens: the letters, prefix and suffix
# punctuation of reportlab 4's embedded hyphenation (_hyGenPair in platypus/paragraph.py).
_HYPHENS: Final = "-\xad"
_LETTERS: Final = (
    "A-Za-z\xc0-\xd6\xd8-\xf6\xf8-\u024f\u1e80-\u1e85\u1e00-\u1eff\u0410-\u044f\u1e02\u1e03"
    "\u1e0a\u1e0b\u1e1e\u1e1f\u1e40\u1e41\u1e56\u1e57\u1e60\u1e61\u1e6a\u1e6b\u1e9b\u1ef2\u1ef3"
)
_LETTERS_AND_HYPHENS: Final = re.compile(f"^[{_HYPHENS}{_LETTERS}]+$")
_PREFIX: Final = re.compile("^['\"([{\xbf\u2018\u201a\u201c\u201e]+")
# A web address, from its scheme or "www.": cut after a slash past that when wider than a line.
_ADDRESS: Final = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^/]*", re.IGNORECASE)
_SUFFIX: Final = re.compile("[]'\")}?!.,;:\u2019\u201b\u201d\u201f]+$")


@dataclass(slots=True)
class Line:
    """A line's words. The first word keeps the space typed before it, which is not printed
    there: should the paragraph be laid out again from this line (the rest of it, on the
    next page), the word must measure as it did."""

    words: list[Word]
    width: float  # from the first word's start to the last word's end
    typed_break: bool = False  # the user's line break ends it


def break_lines(
    items: list[Item], first_width: float, later_width: float, size: float
) -> list[Line]:
    """The items as lines: the first at most `first_width` wide, the others `later_width`."""
    lines: list[Line] = []
    room = first_width
    start, count = 0, len(items)
    while True:
        try:
            end = items.index(LINE_BREAK, start)
        except ValueError:
            end = count
        words: list[Word] = items[start:end]  # type: ignore[assignment]  # no LINE_BREAK here
        laid = _lay_out(words, room, later_width, size)
        if end == count:
            lines += laid
            return lines
        if laid:
            laid[-1].typed_break = True
            lines += laid
        else:
            lines.append(Line([], 0.0, typed_break=True))  # an empty line the user typed
        room = later_width
        start = end + 1


def _lay_out(words: list[Word], room: float, later_width: float, size: float) -> list[Line]:
    """Words with no typed line break between them as lines, the last one not full.

    Where a line ends is found by halving over the running total of the words' widths (the
    words of a letter's paragraph are measured once, pdf_words.py), not word by word.
    """
    lines: list[Line] = []
    ends = _running_widths(words)
    start, count = 0, len(words)
    while start < count:
        first = words[start]
        lead = ends[start] + (first.space.width if first.space is not None else 0.0)
        fit = bisect_right(ends, lead + room + _FUZZ, start + 1, count + 1) - 1  # words[start:fit]
        if fit == count:
            lines.append(Line(words[start:], ends[count] - lead))
            break
        if fit > start:
            width = ends[fit] - lead
            after = words[fit]
            space = after.space.width if after.space is not None else 0.0
            cut = _after_hyphen(after, room - width - space, size)
            if cut is None:
                lines.append(Line(words[start:fit], width))
                start = fit
            else:
                head, rest = cut
                lines.append(Line([*words[start:fit], head], width + space + head.width))
                words = [rest, *words[fit + 1 :]]
                ends, start, count = _running_widths(words), 0, len(words)
            room = later_width
            continue
        cut = _after_hyphen(first, room, size) or _where_full(first, room, size)
        if cut is None:
            lines.append(Line([first], first.width))  # one character wider than the line
            start += 1
        else:
            head, rest = cut
            lines.append(Line([head], head.width))
            words = [rest, *words[start + 1 :]]
            ends, start, count = _running_widths(words), 0, len(words)
        room = later_width
    return lines


def _running_widths(words: list[Word]) -> list[float]:
    """ends[k]: the width of words[:k] set one after another, each after its space."""
    return [0.0, *accumulate(map(_advance, words))]


def _after_hyphen(word: Word, room: float, size: float) -> tuple[Word, Word] | None:
    """The word cut after its last hyphen that leaves a head within `room`, if any.

    Only a word of letters and hyphens is cut ("board-certified", "(non-small-cell"), as
    reportlab's embedded hyphenation cuts them: not a code such as "ICD-10-CM", which reads
    wrong broken. Leading and trailing punctuation does not count toward the word.
    """
    text = word.text
    prefix = _PREFIX.match(text)
    start = prefix.end() if prefix else 0
    suffix = _SUFFIX.search(text, start)
    end = suffix.start() if suffix else len(text)
    core = text[start:end]
    if (len(core) < _MIN_HYPHENATED or not _LETTERS_AND_HYPHENS.match(core)
            or core[0] in _HYPHENS or core[-1] in _HYPHENS or "--" in core):
        return None
    for at in range(end - 2, start, -1):
        if text[at] in _HYPHENS:
            head, rest = cut_word(word, at + 1, size)
            if head.width <= room + _FUZZ:
                return head, rest
    return None


def _where_full(word: Word, room: float, size: float) -> tuple[Word, Word] | None:
    """A word too wide for a whole line, cut after the last character that fits (at least
    one character, so every line holds something). A web address is cut after the last
    slash that fits instead, so each line holds whole parts of it, as reportlab cuts one."""
    text = word.text
    length = len(text)
    if length < 2:
        return None
    low, high = 1, length - 1  # the head's length: the longest that fits, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if cut_word(word, middle, size)[0].width <= room + _FUZZ:
            low = middle
        else:
            high = middle - 1
    address = _ADDRESS.match(text)
    if address is not None:
        slash = text.rfind("/", address.end(), low)
        if slash >= address.end():
            low = slash + 1
    return cut_word(word, low, size)


def cut_word(word: Word, at: int, size: float) -> tuple[Word, Word]:
    """The word's first `at` characters and the rest (which starts a line: no space)."""
    head: list[Piece] = []
    rest: list[Piece] = []
    seen = 0
    for piece in word.pieces:
        end = seen + len(piece.text)
        if end <= at:
            head.append(piece)
        elif seen >= at:
            rest.append(piece)
        else:
            split = at - seen
            head.append(Piece(piece.face, piece.text[:split], piece.underline))
            rest.append(Piece(piece.face, piece.text[split:], piece.underline))
        seen = end
    return measured(tuple(head), size, word.space), measured(tuple(rest), size, None)


def rejoin_word(head: Word, rest: Word, size: float) -> Word:
    """The word `cut_word` (or a line break inside a word) made these two from: its pieces
    as they were, so it measures and breaks as it did."""
    pieces = list(head.pieces)
    for piece in rest.pieces:
        last = pieces[-1] if pieces else None
        if last is not None and (last.face, last.underline) == (piece.face, piece.underline):
            pieces[-1] = Piece(last.face, last.text + piece.text, last.underline)
        else:
            pieces.append(piece)
    return measured(tuple(pieces), size, head.space)
