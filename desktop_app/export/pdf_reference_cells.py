"""A ReferenceTable's cells: what one holds, and how tall it is, as reportlab's Table measures.

A cell holds the letter's paragraphs, or "" where a short row was padded (a Table prints an
empty string there, and counts a line of it in the row's height). The measures are those of
a reportlab CellStyle whose commands set only its font and padding (pdf_styles.py,
REFERENCE_TABLE_COMMANDS), and the arithmetic is Table._listCellGeom's, term for term.
"""

from __future__ import annotations

from typing import Final

from desktop_app.export.letter_look import TableLook
from desktop_app.export.pdf_paragraph import LetterParagraph

Cell = tuple[LetterParagraph, ...] | str

# A CellStyle's own size, line height and colour (no FONTSIZE, LEADING or TEXTCOLOR command).
CELL_FONT_SIZE: Final = 10
CELL_LEADING: Final = 12
CELL_COLOR: Final = "black"
TEXT_LINE: Final = 1.2 * CELL_FONT_SIZE  # what a Table's split takes a line of text to be
MEASURING_HEIGHT: Final = 72000  # the height a Table offers its cells to be measured in
MIN_INNER_WIDTH: Final = 1.0


def fits_columns(widths: list[float], padding: TableLook) -> bool:
    """Whether every column leaves room for text between its paddings. Narrower columns
    meet a Table's own errors and zero-width answers, so they stay reportlab's."""
    return bool(widths) and all(w - padding.left - padding.right >= MIN_INNER_WIDTH
                                for w in widths)


def cell_height(cell: Cell, width: float, padding: TableLook,
                limit: float = MEASURING_HEIGHT, heights: list[float] | None = None) -> float:
    """The cell's content height in a column `width` wide (its paragraphs wrapped there,
    each one's height appended to `heights`); no padding."""
    if not cell:
        return 0
    if isinstance(cell, str):
        return len(cell.split("\n")) * CELL_FONT_SIZE * 1.2
    inner = width - padding.left - padding.right
    room = limit - padding.top - padding.bottom
    total: float = 0
    first_before: float | None = None
    after: float = 0
    for paragraph in cell:
        height = paragraph.wrap(inner, room)[1]
        before, after = paragraph.getSpaceBefore(), paragraph.getSpaceAfter()
        if heights is not None:
            heights.append(height)
        total += height + after + before
        if first_before is None:
            first_before = before
    return total - (first_before or 0) - after
