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
from typing import Any, Final

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.geomutils import normalizeTRBL
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from desktop_app.export.base import check_layout_clock
from desktop_app.export.pdf_lines import Line, break_lines
from desktop_app.export.pdf_widths import string_width
from desktop_app.export.pdf_words import LINE_BREAK, Item, paragraph_words
from desktop_app.export.reportlab_platypus import Flowable
from desktop_app.letters.document import Run

_FUZZ: Final = 1e-8
_BULLET_GAP: Final = 0.6  # font sizes between a bullet and its text, as reportlab leaves


def _number(*values: float) -> str:
    """Coordinates as reportlab writes them (rl_accel.fp_str): short, and the same every time."""
    return str(fp_str(*values))


class LetterParagraph(Flowable):  # type: ignore[misc]
    """One paragraph of the letter: measured words, laid out at the width the frame gives."""

    def __init__(self, items: list[Item], style: ParagraphStyle, bullet: str | None = None,
                 *, laid: tuple[float, list[Line]] | None = None) -> None:
        super().__init__()
        self.items = items
        self.style = style
        self.bulletText = bullet
        self._laid = laid
        self.width = 0.0
        self.height = 0.0

    @classmethod
    def from_runs(cls, runs: list[Run], style: ParagraphStyle,
                  bullet: str | None = None) -> LetterParagraph:
        return cls(paragraph_words(runs, style.fontName, style.fontSize), style, bullet)

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

    def _bullet_width(self) -> float:
        style = self.style
        return string_width(self.bulletText, style.bulletFontName, style.bulletFontSize)

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
        lines = self._lines_at(availWidth)
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
        head = LetterParagraph(_items_of(lines[:fits]), style, self.bulletText,
                               laid=(availWidth, lines[:fits]))
        rest_style = style
        if style.firstLineIndent:
            rest_style = copy.copy(style)
            rest_style.firstLineIndent = 0
        return [head, LetterParagraph(_items_of(lines[fits:]), rest_style)]

    # --- drawing -----------------------------------------------------------------------

    def draw(self) -> None:
        canvas: Canvas = self.canv
        style = self.style
        if getattr(style, "borderWidth", 0) and getattr(style, "borderColor", None):
            self._draw_border(canvas)
        lines = self._lines_at(self.width)
        if not lines:
            return
        size, leading = style.fontSize, style.leading
        first, later = self._widths(self.width)
        y = self.height - size
        offset = style.firstLineIndent
        if self.bulletText:
            offset = self._draw_bullet(canvas, offset, y)
        writer = _TextWriter(canvas, size)
        underlines: list[tuple[float, float, float]] = []
        for index, line in enumerate(lines):
            x = style.leftIndent + (offset if index == 0 else 0.0)
            if style.alignment == TA_CENTER:
                x += 0.5 * ((first if index == 0 else later) - line.width)
            writer.line(line, x, y, underlines)
            y -= leading
        r, g, b = style.textColor.rgb()
        color = _number(r, g, b)
        ops = [f"{color} rg", "BT", *writer.ops, "ET"]
        if underlines:
            thickness = getattr(canvas, "_lineWidth", 1)
            ops += [f"{color} RG", f"{_number(thickness)} w"]
            drop = 0.125 * size
            ops += [f"{_number(x0, yy - drop)} m {_number(x1, yy - drop)} l S"
                    for x0, x1, yy in underlines]
        canvas.addLiteral("\n".join(ops))

    def _draw_bullet(self, canvas: Canvas, offset: float, y: float) -> float:
        style = self.style
        text = canvas.beginText(style.bulletIndent, y)
        text.setFont(style.bulletFontName, style.bulletFontSize)
        text.setFillColor(getattr(style, "bulletColor", style.textColor))
        text.textOut(self.bulletText)
        canvas.drawText(text)
        bullet_end = style.bulletIndent + self._bullet_width() + _BULLET_GAP * style.bulletFontSize
        return float(max(offset, bullet_end - style.leftIndent))

    def _draw_border(self, canvas: Canvas) -> None:
        style = self.style
        top, right, bottom, left = normalizeTRBL(getattr(style, "borderPadding", 0))
        canvas.saveState()
        canvas.setStrokeColor(style.borderColor)
        canvas.setLineWidth(style.borderWidth)
        canvas.rect(style.leftIndent - left, -bottom,
                    self.width - (style.leftIndent + style.rightIndent) + left + right,
                    self.height + top + bottom, stroke=1, fill=0)
        canvas.restoreState()


def _items_of(lines: list[Line]) -> list[Item]:
    """Lines back into words and typed line breaks (for a paragraph split across pages)."""
    items: list[Item] = []
    for line in lines:
        items.extend(line.words)
        if line.typed_break:
            items.append(LINE_BREAK)
    return items


class _TextWriter:
    """Writes lines as text-showing operators, in each face's subset codes."""

    def __init__(self, canvas: Canvas, size: float) -> None:
        self.doc: Any = canvas._doc
        self.size = size
        self.size_text = _number(size)
        self.ops: list[str] = []
        self._font: str | None = None  # the subset font last set

    def line(self, line: Line, x: float, y: float,
             underlines: list[tuple[float, float, float]]) -> None:
        """One line from (x, y): runs of text in one face go out as one string."""
        self.ops.append(f"1 0 0 1 {_number(x, y)} Tm")
        face: str | None = None
        text: list[str] = []
        at = x  # where the next piece starts: only underlines need it
        for index, word in enumerate(line.words):
            space = word.space
            if index and space is not None:
                if space.face != face:
                    if text:
                        self._show(face, "".join(text))
                        text = []
                    face = space.face
                text.append(" ")
                if space.underline:
                    underlines.append((at, at + space.width, y))
                at += space.width
            for piece in word.pieces:
                if piece.face != face:
                    if text:
                        self._show(face, "".join(text))
                        text = []
                    face = piece.face
                text.append(piece.text)
                width = (word.width if len(word.pieces) == 1
                         else string_width(piece.text, piece.face, self.size))
                if piece.underline:
                    underlines.append((at, at + width, y))
                at += width
        if text:
            self._show(face, "".join(text))

    def _show(self, face: str | None, text: str) -> None:
        font = getFont(face)
        for subset, codes in font.splitString(text, self.doc):
            name = font.getSubsetInternalName(subset, self.doc)
            if name != self._font:
                self.ops.append(f"{name} {self.size_text} Tf")
                self._font = name
            self.ops.append(f"({escapePDF(codes)}) Tj")
