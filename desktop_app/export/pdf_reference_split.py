"""Splitting a ReferenceTable across pages exactly where reportlab's Table splits it.

A Table splits between rows first: the rows that fit stay, the rest go on (each piece keeps
the row heights measured for the whole). Only when not even the first row fits, and the table
may split inside a row (`splitInRow`, the label/value block; not the letterhead), does it cut
that row: each cell's paragraphs up to the cut stay, the paragraph at the cut is split, and
the row's two parts get heights from the cut and from what went on. The arithmetic here is
reportlab 5.1's (platypus/tables.py `_splitRows`, `_splitCell`) term for term, so the pieces
are the same to the last bit, with one fault mended: the paragraph at the cut is split at the
width it was measured at, between the cell's paddings, where reportlab's Table splits it at
the column's full width (its lines then ran into the right padding, and a paragraph that fit
whole at that width stopped the export). tests/unit/export/test_pdf_reference_table.py
compares, with the same mend in the Table it compares with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from desktop_app.export.pdf_paragraph import LetterParagraph
from desktop_app.export.pdf_reference_cells import CELL_LEADING, TEXT_LINE, Cell, cell_height
from desktop_app.export.reportlab_platypus import Flowable

if TYPE_CHECKING:
    from desktop_app.export.pdf_reference_table import ReferenceTable

Row = list[Cell]


def split_table(table: ReferenceTable, avail_height: float) -> list[Flowable]:
    """The table's pieces for `avail_height` points (measured first); [] if none fits."""
    pieces = _split(table, avail_height, in_row=False)
    if pieces or not table.split_in_row:
        return pieces
    return _split(table, avail_height, in_row=True)


def _rows_that_fit(heights: list[float], avail_height: float) -> int:
    used: float = 0
    count = 0
    for height in heights:
        if used + height > avail_height:
            break
        count += 1
        used = used + height
    return count


def _split(table: ReferenceTable, avail_height: float, *, in_row: bool) -> list[Flowable]:
    heights = table.row_heights()
    rows = table.rows
    count = _rows_that_fit(heights, avail_height)
    if not in_row and count <= 0:
        return []
    if count == len(heights):
        return [table]
    if in_row:
        cut = _split_row(table, count, avail_height)
        if cut is None:
            return []
        rows, heights = cut
        count += 1
    return [table.piece(rows[:count], heights[:count]),
            table.piece(rows[count:], heights[count:])]


def _split_row(table: ReferenceTable, index: int, avail_height: float,
               ) -> tuple[list[Row], list[float]] | None:
    """The rows and heights with row `index` cut in two at the foot of the room left."""
    pad = table.padding
    heights = table.row_heights()
    used_above = sum(heights[:index])
    cells = table.rows[index]
    row_height = heights[index]
    least_above: float = 0  # a text cell's first and last lines cannot be cut
    least_below: float = 0
    tallest: float = 0
    for cell, width in zip(cells, table.widths, strict=True):
        if isinstance(cell, str):
            height = TEXT_LINE * len(cell.split("\n")) + pad.top + pad.bottom
            least_above = max(least_above, TEXT_LINE + pad.top)
            least_below = max(least_below, TEXT_LINE + pad.bottom)
        else:
            height = cell_height(cell, width, pad)
            height += pad.top + pad.bottom
        if height > tallest:
            tallest = height
    if least_above + least_below > row_height or least_above > avail_height - used_above:
        return None
    cut_at = min(avail_height - used_above, tallest - least_below)
    if cut_at + 1 < 1:  # reportlab's minimum for the part left (splitInRow=1), as it tests
        return None
    if table.total_height - cut_at < 1:
        return None
    head: Row = []
    rest: Row = []
    head_height: float = 0
    rest_height: float = 0
    for cell, width in zip(cells, table.widths, strict=True):
        parts = _split_cell(table, cell, cut_at, width)
        if parts is None:
            return None
        head.append(parts[0])
        rest.append(parts[1])
        head_height = max(head_height,
                          cell_height(parts[0], width, pad) + pad.top + pad.bottom)
        rest_height = max(rest_height,
                          cell_height(parts[1], width, pad) + pad.top + pad.bottom)
    kept = min(cut_at, head_height)
    new_heights = heights[:]
    new_heights.insert(index + 1, max(rest_height, heights[index] - kept))
    new_heights[index] = kept
    return [*table.rows[:index], head, rest, *table.rows[index + 1:]], new_heights


def _split_cell(table: ReferenceTable, cell: Cell, cut_at: float,
                width: float) -> tuple[Cell, Cell] | None:
    """One cell's part above the cut and the part that goes on; None if it cannot be cut."""
    room = cut_at - table.padding.top
    if isinstance(cell, str):
        lines = cell.split("\n")
        if CELL_LEADING * len(lines) <= room:
            return cell, ""
        if len(lines) < 2:
            return None
        keep = int(room // TEXT_LINE)
        return "\n".join(lines[:keep]), "\n".join(lines[keep:])
    heights: list[float] = []
    cell_height(cell, width, table.padding, heights=heights)
    used: float = 0
    head: list[LetterParagraph] = []
    rest: list[LetterParagraph] = []
    tried = False
    for paragraph, height in zip(cell, heights, strict=True):
        if tried:  # a paragraph was cut (or would not be): the rest of the cell goes on
            rest.append(paragraph)
        elif used + height + paragraph.getSpaceBefore() <= room:
            head.append(paragraph)
            used += height + paragraph.getSpaceBefore() + paragraph.getSpaceAfter()
        else:
            # Cut at the width the cell was measured at, between its paddings. (reportlab's
            # Table cuts at the column's full width: its head's lines ran into the right
            # padding, and a paragraph that fitted whole there failed with an IndexError.)
            inner = width - table.padding.left - table.padding.right
            parts = paragraph.split(inner, room - used - paragraph.getSpaceBefore())
            if len(parts) == 1:  # fits whole after all: nothing of it goes on
                head.append(cast(LetterParagraph, parts[0]))
            elif parts:
                head.append(cast(LetterParagraph, parts[0]))
                rest.append(cast(LetterParagraph, parts[1]))
            else:
                if not head:
                    return None  # a top-aligned cell whose first paragraph cannot be cut
                rest.append(paragraph)
            tried = True
    return tuple(head), tuple(rest)
