"""The letter's paragraph flowable: our own line breaking and text drawing inside platypus.

reportlab's Paragraph handles a general mini-markup and spent most of a letter's layout time
on it (breaking lines through fragments, then drawing each line through a text object: about
half of `write_pdf`, bench/bench_batch.py). A letter's paragraph is simpler: words in the
body faces, a bullet, one color, left or centred. This flowable breaks the measured words
itself (pdf_lines.py) and writes each paragraph as one PDF text object. Pages, frames, keeps
and tables stay reportlab's: this answers wrap, split and draw as a Paragraph does, with the
same measures (first baseline one font size below the top, one leading a line, Word's widow
and orphan control from the style's allowWidows and allowOrphans).
"""

from __future__ import annotations

import copy
from typing import Final

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.geomutils import normalizeTRBL
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from desktop_app.export.base import check_layout_clock
from desktop_app.export.fonts import FONT_FILES
from desktop_app.export.pdf_lines import Line, break_lines, rejoin_word
from desktop_app.export.pdf_text_ops import TextOps
from desktop_app.export.pdf_widths import string_width
from desktop_app.export.pdf_words import LINE_BREAK, Item, paragraph_words
from desktop_app.export.reportlab_platypus import Flowable
from desktop_app.letters.document import Run

_FUZZ: Final = 1e-8
_BULLET_GAP: Final = 0.6  # font sizes between a bullet and its text, as reportlab leaves


class LetterParagraph(Flowable):  # type: ignore[misc]
    """One paragraph of the letter: measured words, laid out at the width the frame gives."""

    def __init__(self, items: list[Item], style: ParagraphStyle, bullet: str | None = None,
                 *, laid: tuple[float, list[Line]] | None = None,
                 underlined: bool = True) -> None:
        super().__init__()
        self.items = items
        self.style = style
        self.bulletText = bullet
        self._laid = laid
        self.underlined = underlined  # False when no run is: underlines are then not looked for
        self.width = 0.0
        self.height = 0.0

    @classmethod
    def from_runs(cls, runs: list[Run], style: ParagraphStyle,
                  bullet: str | None = None) -> LetterParagraph:
        return cls(paragraph_words(runs, style.fontName, style.fontSize), style, bullet,
                   underlined=any(run.underline for run in runs))

    # --- measuring ---------------------------------------------------------------------

    def _widths(self, width: float) -> tuple[float, float]:
        style = self.style
        later = width - style.leftIndent - style.rightIndent
        first = later - style.firstLineIndent
        if self.bulletText:
            # A bullet that runs past the text's indent takes room from the first line.
            bullet_end = (style.bulletIndent + self._bullet_width()
                          + _BULLET_GAP * style.bulletFontSize)
            indent = style.leftIndent + style.firstLineIndent
            if bullet_end > indent:
                first -= bullet_end - indent
        return first, later

    def _bullet_face(self) -> str:
        """The style's bullet face if it is one of the letter's embedded faces, else the
        paragraph's own (reportlab's default bullet face, Helvetica, is never embedded)."""
        face: str = self.style.bulletFontName
        return face if face in FONT_FILES else str(self.style.fontName)

    def _bullet_width(self) -> float:
        return string_width(self.bulletText, self._bullet_face(), self.style.bulletFontSize)

    def _lines_at(self, width: float) -> list[Line]:
        laid = self._laid
        if laid is not None and laid[0] == width:
            return laid[1]  # tables and keeps wrap the same paragraph twice at one width
        check_layout_clock()  # line breaking is where a giant letter spends its time
        first, later = self._widths(width)
        lines = break_lines(self.items, first, later, self.style.fontSize)
        self._laid = (width, lines)
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth < _FUZZ:
            return 0, 0x7FFFFFFF  # no room at all, as reportlab answers
        self.width = availWidth
        self.height = len(self._lines_at(availWidth)) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:  # reportlab's name: the widest word
        return max((item.width for item in self.items if item is not None), default=0.0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not self.items or availWidth < _FUZZ or availHeight < _FUZZ:
            return []
        # The lines of the last wrap, whatever width is asked for now, as reportlab's
        # Paragraph splits: a Table asks at a column's full width for a cell it measured
        # between the cell's paddings, and laid out afresh there the lines would run into
        # the padding, or fit whole where the cell did not (reportlab's Table then fails).
        width = self.width if self.width >= _FUZZ else availWidth
        lines = self._lines_at(width)
        style = self.style
        fits = int(availHeight / style.leading)
        orphans = getattr(style, "allowOrphans", 0)
        if (not orphans and fits <= 1) or fits == 0:
            return []  # not one line (or only an orphan) here: all of it goes on
        count = len(lines)
        if count <= fits:
            return [self]
        if not getattr(style, "allowWidows", 1) and count == fits + 1:
            if (orphans and count == 3) or count > 3:
                fits -= 1  # the last line would be a widow: give it company
            else:
                return []
        head = LetterParagraph(_items_of(lines[:fits], style.fontSize), style, self.bulletText,
                               laid=(width, lines[:fits]), underlined=self.underlined)
        rest_style = style
        if style.firstLineIndent:
            rest_style = copy.copy(style)
            rest_style.firstLineIndent = 0
        rest = LetterParagraph(_items_of(lines[fits:], style.fontSize), rest_style,
                               underlined=self.underlined)
        return [head, rest]

    # --- drawing -----------------------------------------------------------------------

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Draw with the paragraph's bottom left at (x, y): reportlab's name and arguments.

        Flowable.drawOn saves the canvas state and moves the origin for every flowable; the
        text here is written at page positions instead, inside a q/Q of its own, so the
        canvas's own state never changes.
        """
        x = self._hAlignAdjust(x, _sW)
        style = self.style
        if getattr(style, "borderWidth", 0) and getattr(style, "borderColor", None):
            self._draw_border(canvas, x, y)
        lines = self._lines_at(self.width)
        if not lines:
            return
        size, leading = style.fontSize, style.leading
        first, later = self._widths(self.width)
        text = TextOps(canvas)
        baseline = y + self.height - size
        offset = style.firstLineIndent
        if self.bulletText:
            offset = self._bullet(text, x, baseline, offset)
        underlines: list[tuple[float, float, float]] | None = [] if self.underlined else None
        left = x + style.leftIndent
        centred = style.alignment == TA_CENTER
        for index, line in enumerate(lines):
            at = left + offset if index == 0 else left
            if centred:
                at += 0.5 * ((first if index == 0 else later) - line.width)
            text.line(line, at, baseline, size, underlines)
            baseline -= leading
        canvas.addLiteral(text.written(style.textColor, size, underlines, canvas))

    def draw(self) -> None:
        """Draw at the canvas's current origin: what reportlab calls once it has moved there
        itself (Flowable._drawOn); platypus's frames and tables call drawOn above."""
        self.drawOn(self.canv, 0, 0)

    def _bullet(self, text: TextOps, x: float, baseline: float, offset: float) -> float:
        """Set the bullet or number; the first line's offset after it (as reportlab's)."""
        style = self.style
        text.move_to(x + style.bulletIndent, baseline)
        text.show(self._bullet_face(), style.bulletFontSize, self.bulletText or "")
        bullet_end = style.bulletIndent + self._bullet_width() + _BULLET_GAP * style.bulletFontSize
        return float(max(offset, bullet_end - style.leftIndent))

    def _draw_border(self, canvas: Canvas, x: float, y: float) -> None:
        style = self.style
        top, right, bottom, left = normalizeTRBL(getattr(style, "borderPadding", 0))
        canvas.saveState()
        canvas.setStrokeColor(style.borderColor)
        canvas.setLineWidth(style.borderWidth)
        canvas.rect(x + style.leftIndent - left, y - bottom,
                    self.width - (style.leftIndent + style.rightIndent) + left + right,
                    self.height + top + bottom, stroke=1, fill=0)
        canvas.restoreState()


def _items_of(lines: list[Line], size: float) -> list[Item]:
    """Lines back into words and typed line breaks (for the rest of a paragraph split across
    pages). A word cut at the end of a line is one word again: laid out afresh, its head
    alone could break where the whole word did not ("board-certif" at a hyphen, where
    "board-certified2026" has digits), and the rest would not read as the whole did."""
    items: list[Item] = []
    for index, line in enumerate(lines):
        for position, word in enumerate(line.words):
            head = items[-1] if items and position == 0 and word.space is None else None
            if head is not None and not lines[index - 1].typed_break:
                # A word that starts a line with no space before it, the line before ended
                # by width: the rest of a cut (a head may itself be a rest, rejoined already).
                items[-1] = rejoin_word(head, word, size)
            else:
                items.append(word)
        if line.typed_break:
            items.append(LINE_BREAK)
    return items
