"""The label/value block and the letterhead as one small flowable instead of reportlab's Table.

Both are reportlab Tables with REFERENCE_TABLE_COMMANDS (a font, top alignment, padding) and
nothing else: no rules, fills, spans or repeated rows. The general Table still cost a letter
about 0.3 ms (its height and cell passes, its split, its per-cell drawing state) for a block
of paragraphs at fixed column widths. This flowable does what that Table does, step for step
and in the same arithmetic (reportlab 5.1, platypus/tables.py: `_calc_height`,
`_listCellGeom`, `_splitRows`, `_splitCell`, `draw`, `_drawCell`), so rows are as tall, split
where they split and print the same page content, byte for byte
(tests/unit/export/test_pdf_reference_table.py compares the two).

Cells: pdf_reference_cells.py; splitting: pdf_reference_split.py. pdf_blocks.py keeps
reportlab's Table for anything else: a logo, grid tables, a heading row, columns too narrow
for their padding.
"""

from __future__ import annotations

from desktop_app.export.letter_look import TableLook
from desktop_app.export.pdf_reference_cells import (
    CELL_COLOR,
    CELL_FONT_SIZE,
    CELL_LEADING,
    Cell,
    cell_height,
)
from desktop_app.export.pdf_reference_split import split_table
from desktop_app.export.reportlab_platypus import Flowable


class ReferenceTable(Flowable):  # type: ignore[misc]
    """Rows of paragraph cells at fixed column widths, laid out and split as reportlab's Table
    with the same padding, top alignment and `splitInRow` would be."""

    def __init__(self, rows: list[list[Cell]], widths: list[float], padding: TableLook,
                 font: str, *, split_in_row: bool,
                 row_heights: list[float] | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.widths = widths
        self.padding = padding
        self.font = font
        self.split_in_row = split_in_row
        self.hAlign = "LEFT"
        self.vAlign = "MIDDLE"  # a Table's, for containers that read it
        self._row_heights = row_heights  # given for a split's pieces, as a Table's are
        self._row_edges: list[float] = []  # each row's top, from the table's foot; then 0
        self.total_height = 0.0
        self._width: float = 0
        for width in widths:
            self._width = self._width + width

    # --- measuring ---------------------------------------------------------------------

    def row_heights(self) -> list[float]:
        """Each row's height (measured once: the widths are fixed), as a Table's wrap finds."""
        if self._row_heights is None:
            pad = self.padding
            found: list[float] = []
            for row in self.rows:
                tallest: float = 0
                for cell, width in zip(row, self.widths, strict=True):
                    if isinstance(cell, str):
                        height: float = CELL_LEADING * len(cell.split("\n"))
                    else:
                        height = cell_height(cell, width, pad)
                    height += pad.bottom + pad.top
                    if height > tallest:
                        tallest = height
                found.append(tallest)
            self._row_heights = found
            self._row_edges = []
        if not self._row_edges:
            self._row_edges, self.total_height = _positions(self._row_heights)
        return self._row_heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.row_heights()
        return self._width, self.total_height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return split_table(self, availHeight)  # pdf_reference_split.py

    def piece(self, rows: list[list[Cell]], heights: list[float]) -> ReferenceTable:
        """Part of this table, its rows as tall as given (a split's pieces are)."""
        return ReferenceTable(rows, self.widths, self.padding, self.font,
                              split_in_row=self.split_in_row, row_heights=heights)

    # --- drawing -----------------------------------------------------------------------

    def draw(self) -> None:
        """The cells, with the canvas state changes a Table makes around them."""
        canvas = self.canv
        heights = self.row_heights()
        canvas.saveState()
        styled = False
        for row, bottom, height in zip(self.rows, self._row_edges[1:], heights, strict=True):
            left: float = 0
            for cell, width in zip(row, self.widths, strict=True):
                if not styled:  # the first cell sets the cell colour and font; the rest match
                    canvas.setFillColor(CELL_COLOR)
                    canvas.setFont(self.font, CELL_FONT_SIZE, CELL_LEADING)
                    styled = True
                self._draw_cell(cell, left, bottom, width, height)
                left = left + width
        canvas.saveState()  # where a Table draws its rules: none here
        canvas.restoreState()
        canvas.restoreState()

    def _draw_cell(self, cell: Cell, left: float, bottom: float, width: float,
                   height: float) -> None:
        pad = self.padding
        if isinstance(cell, str):
            top = bottom + height - pad.top - CELL_FONT_SIZE
            for line in cell.split("\n"):
                self.canv.drawString(left + pad.left, top, line)
                top -= CELL_LEADING
            return
        heights: list[float] = []
        cell_height(cell, width, pad, height, heights)
        y = bottom + height - pad.top
        if cell:
            y += cell[0].getSpaceBefore()
        for paragraph, paragraph_height in zip(cell, heights, strict=True):
            y -= paragraph.getSpaceBefore()
            y -= paragraph_height
            paragraph.drawOn(self.canv, left + pad.left, y)
            y -= paragraph.getSpaceAfter()


def _positions(heights: list[float]) -> tuple[list[float], float]:
    """Each row's top edge measured from the table's foot, then the foot itself, and the
    table's height: summed from the last row up with a running correction, as a Table sums."""
    tops: list[float] = []
    total: float = 0
    correction: float = 0
    for height in reversed(heights):
        tops.append(total)
        step = height - correction
        new_total = total + step
        correction = (new_total - total) - step
        total = new_total
    tops.append(total)
    tops.reverse()
    return tops, total
