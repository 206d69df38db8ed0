"""PDF text operators for one paragraph: each line's words as strings in their faces' codes.

A line goes out as one text matrix and as few strings as its faces allow: the words of a
line in one face are one string, with the spaces between them as space glyphs, so a reader
copying the text gets the spaces. Codes come from the embedded subset of each face, as
reportlab's own text object writes them (TTFont.splitString, sped up by pdf_glyph_codes).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont

from desktop_app.export.pdf_lines import Line
from desktop_app.export.pdf_widths import string_width

Underlines = list[tuple[float, float, float]]  # (from x, to x, baseline) of underlined text


class TextOps:
    """Collects one paragraph's text operators, then writes them as one text object."""

    def __init__(self, canvas: Any) -> None:
        self._doc: Any = canvas._doc
        self._ops: list[str] = []
        self._font: tuple[str, float] | None = None  # the subset font and size last set
        self._fonts: dict[str, Any] = {}

    def move_to(self, x: float, y: float) -> None:
        self._ops.append(f"1 0 0 1 {fp_str(x, y)} Tm")

    def show(self, face: str, size: float, text: str) -> None:
        font = self._fonts.get(face)
        if font is None:
            font = self._fonts[face] = getFont(face)
        doc, ops = self._doc, self._ops
        for subset, codes in font.splitString(text, doc):
            name = font.getSubsetInternalName(subset, doc)
            if self._font != (name, size):
                ops.append(f"{name} {fp_str(size)} Tf")
                self._font = (name, size)
            ops.append(f"({escapePDF(codes)}) Tj")

    def line(self, line: Line, x: float, y: float, size: float,
             underlines: Underlines | None) -> None:
        """One line from (x, y); `underlines` collects where underlined text lies, if asked."""
        self.move_to(x, y)
        words = line.words
        if words and len(words[0].pieces) == 1 and not words[0].pieces[0].underline:
            one_face = words[0].pieces[0].face
            if all(word.plain_face == one_face for word in words[1:]):
                # Most lines: one face, nothing underlined, a space between words.
                self.show(one_face, size, " ".join([word.pieces[0].text for word in words]))
                return
        face: str | None = None
        text: list[str] = []
        at = x  # where the next piece starts: only underlines need it
        for index, word in enumerate(line.words):
            space = word.space
            if index and space is not None:
                if space.face != face:
                    if text:
                        self.show(face, size, "".join(text))  # type: ignore[arg-type]
                        text = []
                    face = space.face
                text.append(" ")
                if underlines is not None:
                    if space.underline:
                        underlines.append((at, at + space.width, y))
                    at += space.width
            pieces = word.pieces
            for piece in pieces:
                if piece.face != face:
                    if text:
                        self.show(face, size, "".join(text))  # type: ignore[arg-type]
                        text = []
                    face = piece.face
                text.append(piece.text)
                if underlines is not None:
                    width = (word.width if len(pieces) == 1
                             else string_width(piece.text, piece.face, size))
                    if piece.underline:
                        underlines.append((at, at + width, y))
                    at += width
        if text:
            self.show(face, size, "".join(text))  # type: ignore[arg-type]

    def written(self, color: Color, size: float, underlines: Underlines | None,
                canvas: Any) -> str:
        """The paragraph's operators: its color, its text object, its underlines, in a q/Q
        of their own so the canvas's state is as it was."""
        rgb = fp_str(*color.rgb())
        ops = ["q", f"{rgb} rg", "BT", *self._ops, "ET"]
        if underlines:
            # reportlab's underline: the canvas's line width, an eighth of the size below.
            ops += [f"{rgb} RG", f"{fp_str(getattr(canvas, '_lineWidth', 1))} w"]
            drop = 0.125 * size
            ops += [f"{fp_str(x0, y - drop)} m {fp_str(x1, y - drop)} l S"
                    for x0, x1, y in underlines]
        ops.append("Q")
        return "\n".join(ops)
