"""Text inside the letter markup as runs: template white space collapsed as HTML collapses it,
what a user typed (<user-text>) kept exactly, neighbouring text in the same formats joined."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.letters.document import Run, Runs

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")


@dataclass(slots=True)
class Piece:
    """Text as the parser met it: its formats, and whether a user typed it."""

    text: str
    formats: frozenset[str]
    verbatim: bool


def normalize(pieces: list[Piece | None], *, bold: bool = False) -> Runs:
    """Collapse template whitespace as HTML does; keep user text exactly; merge like runs.

    `bold`: every run bold besides (a header cell's), as if each were made bold afterwards."""
    if len(pieces) == 1 and pieces[0] is not None:
        alone = _one_line(pieces[0], bold)
        if alone is not None:
            return alone
    runs = _runs(pieces)
    if bold:
        return [r if r.bold else Run(r.text, True, r.italic, r.underline) for r in runs]
    return runs


def _runs(pieces: list[Piece | None]) -> Runs:
    runs = _RunBuilder()
    pending: frozenset[str] | None = None  # formats of a collapsed space not yet written
    at_line_start, after_space = True, False

    def emit(text: str, formats: frozenset[str]) -> None:
        nonlocal pending, at_line_start, after_space
        if pending is not None and not at_line_start and not after_space:
            runs.add(" ", pending)
        pending = None
        runs.add(text, formats)
        at_line_start = text.endswith("\n")
        after_space = text[-1] in " \t"

    for piece in pieces:
        if piece is None:
            runs.line_break()
            pending, at_line_start, after_space = None, True, False
        elif piece.verbatim:
            for number, line in enumerate(piece.text.split("\n")):
                if number:
                    runs.line_break()
                    pending, at_line_start, after_space = None, True, False
                if line:
                    emit(line, piece.formats)
        elif piece.text:
            # The words of one piece share its formats, so they go in as one text with single
            # spaces between them (as word by word, in a fraction of the calls); white space
            # at either end is a space still to be written, as between pieces.
            collapsed = _COLLAPSIBLE.sub(" ", piece.text)
            words = collapsed.strip(" ")
            if collapsed[0] == " ":
                pending = piece.formats if pending is None else pending
            if words:
                emit(words, piece.formats)
                if collapsed[-1] == " ":
                    pending = piece.formats
    return runs.finished()


def _one_line(piece: Piece, bold: bool) -> Runs | None:
    """The runs of a paragraph or cell that is one piece of text on one line, as `normalize`
    makes them, without its bookkeeping (most cells hold one value; None when not so)."""
    text = piece.text
    if piece.verbatim:
        if "\n" in text:
            return None
    else:
        text = _COLLAPSIBLE.sub(" ", text).strip(" ")
    if not text:
        return []
    formats = piece.formats
    return [Run(text, bold or "b" in formats, "i" in formats, "u" in formats)]


class _RunBuilder:
    """Runs made as text arrives: text in the same formats as the run being made joins it
    (once, when the run ends, rather than a new Run for every word); a line break is a run
    of its own and the text after it starts a new one."""

    __slots__ = ("formats", "parts", "runs")

    def __init__(self) -> None:
        self.runs: Runs = []
        self.parts: list[str] = []
        self.formats: tuple[bool, bool, bool] | None = None  # bold, italic, underline

    def add(self, text: str, formats: frozenset[str]) -> None:
        wanted = ("b" in formats, "i" in formats, "u" in formats)
        if wanted != self.formats:
            self._end_run()
            self.formats = wanted
        self.parts.append(text)

    def line_break(self) -> None:
        self._end_run()
        self.runs.append(Run("\n"))
        self.formats = None

    def _end_run(self) -> None:
        if self.parts and self.formats is not None:
            self.runs.append(Run("".join(self.parts), *self.formats))
        self.parts = []

    def finished(self) -> Runs:
        self._end_run()
        return self.runs
