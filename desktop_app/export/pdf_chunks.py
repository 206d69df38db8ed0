"""Long paragraphs cut into page-sized pieces before reportlab lays them out.

The rest of a paragraph split across a page is laid out again on the next page (as reportlab's
Paragraph did, and LetterParagraph does), so a paragraph of n characters costs time in n
squared: 200,000 characters (all 200 evidence items in one list item) took over 8 seconds.
Pieces of at most PDF_PARAGRAPH_CHARS each cross at most one page break, so a letter lays out
in time proportional to its length. A piece ends at one of the user's line breaks, else after
a sentence, else between words, and continues with no space between the pieces, so the
letter reads as one paragraph.
"""

from __future__ import annotations

from collections import deque

from reportlab.lib.styles import ParagraphStyle

from desktop_app import limits
from desktop_app.letters.document import Run, Runs


def split_runs(runs: Runs, limit: int = limits.PDF_PARAGRAPH_CHARS) -> list[Runs]:
    """The runs of one paragraph in pieces of at most about `limit` characters."""
    if sum(len(r.text) for r in runs) <= limit:
        return [runs]
    pieces: list[Runs] = []
    current: Runs = []
    size = 0
    pending = deque(runs)
    while pending:
        run = pending.popleft()
        room = limit - size
        if run.text == "\n" and size >= limit // 2:
            pieces.append(current)  # a line break the user typed: the best place to cut
            current, size = [], 0
            continue
        if len(run.text) <= room:
            current.append(run)
            size += len(run.text)
            continue
        cut = _cut_at(run.text, room)
        if cut == 0 and current:
            pieces.append(current)
            current, size = [], 0
            pending.appendleft(run)
            continue
        cut = cut or room  # a piece must hold something
        head, tail = run.text[:cut], run.text[cut:]
        current.append(Run(head, run.bold, run.italic, run.underline))
        pieces.append(current)
        current, size = [], 0
        if tail:
            pending.appendleft(Run(tail.lstrip(" "), run.bold, run.italic, run.underline))
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece]


def _cut_at(text: str, room: int) -> int:
    """Where to end a piece within text[:room]: after a sentence, else after a space; 0 if
    neither is in the second half of the room."""
    if room <= 0:
        return 0
    low = room // 2
    for mark in (". ", "; ", ", ", " "):
        at = text.rfind(mark, low, room)  # the mark ends within the room
        if at >= 0:
            return at + len(mark)
    return 0


def continued(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    """`style` for one piece: no space between the pieces, no indent after the first."""
    if first and last:
        return style
    changes: dict[str, float] = {}
    if not first:
        changes.update(spaceBefore=0, firstLineIndent=0)
    if not last:
        changes.update(spaceAfter=0)
    name = f"{style.name}-{'first' if first else 'last' if last else 'middle'}"
    return ParagraphStyle(name, parent=style, **changes)
