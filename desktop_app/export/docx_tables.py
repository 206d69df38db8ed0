"""Word table styles with the PDF's light rules and cell padding, and the letter's tables.

"Letter Table" is the grid: thin grey-blue rules, the heading row shaded with a navy rule
under it. "Letter Details" is the borderless label/value block at the top of a letter. Both
are real table styles, so a row staff add in Word takes the same look; the heading row is
also shaded directly, for readers that ignore a style's first-row formatting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from docx.table import _Cell

from desktop_app.export import docx_xml
from desktop_app.export import letter_look as look
from desktop_app.export.docx_text import add_runs
from desktop_app.export.letter_look import TableLook
from desktop_app.letters import document as doc

GRID_STYLE = "Letter Table"
DETAILS_STYLE = "Letter Details"


def _twips(points: float) -> int:
    return round(points * 20)


def _cell_margins(padding: TableLook) -> str:
    sides = (("top", padding.top), ("left", padding.left), ("bottom", padding.bottom),
             ("right", padding.right))
    return "<w:tblCellMar>" + "".join(
        f'<w:{side} w:w="{_twips(value)}" w:type="dxa"/>' for side, value in sides
    ) + "</w:tblCellMar>"


def _borders(value: str, size_eighths: int = 0, color: str = "auto") -> str:
    if value == "nil":
        line = '<w:{side} w:val="nil"/>'
    else:
        line = f'<w:{{side}} w:val="single" w:sz="{size_eighths}" w:space="0" w:color="{color}"/>'
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    return "<w:tblBorders>" + "".join(line.format(side=side) for side in sides) + "</w:tblBorders>"


def _table_style(style_id: str, name: str, table_pr: str, conditional: str = "") -> Any:
    return parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{table_pr}</w:tblPr>{conditional}</w:style>'
    )


# Word and LibreOffice give a cell's rules room inside the row, reportlab draws them on the
# row's edge: so each grid row's top padding gives up the width of the rule above it, and the
# heading row's bottom padding the extra width of its navy rule.
GRID_CELLS = TableLook(
    left=look.GRID_TABLE.left, right=look.GRID_TABLE.right,
    top=look.GRID_TABLE.top - look.GRID_RULE_WIDTH, bottom=look.GRID_TABLE.bottom,
    space_after=look.GRID_TABLE.space_after - look.GRID_RULE_WIDTH,
)
HEADING_ROW_BOTTOM = look.GRID_TABLE.bottom - (look.HEADER_ROW_RULE_WIDTH - look.GRID_RULE_WIDTH)


def add_table_styles(document: Any) -> None:
    rule = round(look.GRID_RULE_WIDTH * 8)
    heading_rule = round(look.HEADER_ROW_RULE_WIDTH * 8)
    first_row = (
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:tcBorders>'
        f'<w:bottom w:val="single" w:sz="{heading_rule}" w:space="0" w:color="{look.NAVY}"/>'
        f'</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="{look.HEADER_FILL}"/>'
        "</w:tcPr></w:tblStylePr>"
    )
    styles = document.styles.element
    styles.append(_table_style(
        "LetterTable", GRID_STYLE,
        _borders("single", rule, look.RULE) + _cell_margins(GRID_CELLS), first_row,
    ))
    styles.append(_table_style(
        "LetterDetails", DETAILS_STYLE, _borders("nil") + _cell_margins(look.REFERENCE_TABLE)
    ))


def column_widths(block: doc.Table, columns: int) -> list[float]:
    """Column widths in points, as the PDF computes them."""
    if block.widths and len(block.widths) == columns and all(w > 0 for w in block.widths):
        total = sum(block.widths)
        return [look.FRAME_WIDTH * w / total for w in block.widths]
    if block.style == "reference" and columns == 2:
        return [look.REFERENCE_LABEL_WIDTH, look.FRAME_WIDTH - look.REFERENCE_LABEL_WIDTH]
    return [look.FRAME_WIDTH / columns] * columns


def style_table(table: Any, style_id: str) -> None:
    table._tbl.tblStyle_val = style_id
    table.alignment = WD_TABLE_ALIGNMENT.LEFT


def add_table(
    container: Any, width: Any, block: doc.Table, style_ids: Mapping[str, str],
    set_style: Callable[[Any, str], None],
) -> Any:
    """The block as a Word table `width` wide in `container` (the document body); None if it
    is empty."""
    columns = max((len(row) for row in block.rows), default=0)
    if not columns:
        return None  # no rows, or rows with no cells (a template's empty <tr>): no table
    details = block.style == "reference"
    table = container.add_table(len(block.rows), columns, width)
    style_table(table, "LetterDetails" if details else "LetterTable")
    docx_xml.set_column_widths(table, [Pt(w) for w in column_widths(block, columns)])
    for row_index, (row, cells) in enumerate(zip(block.rows, table.rows, strict=True)):
        heading_row = block.header and row_index == 0 and not details
        # Straight from the row's w:tc elements: python-docx's row.cells works out the whole
        # table's cells again for every row. The letter's tables never merge cells.
        for column, cell in enumerate(_Cell(tc, table) for tc in cells._tr.tc_lst):
            if details:
                name = "Details Label" if column == 0 else "Details Value"
            else:
                name = "Table Heading" if heading_row else "Table Text"
            paragraph = cell.paragraphs[0]
            set_style(paragraph._p, style_ids[name])
            if column < len(row):
                add_runs(paragraph, row[column])
            if heading_row:
                docx_xml.shade_cell(cell, look.HEADER_FILL)
                docx_xml.set_cell_bottom_border(
                    cell, round(look.HEADER_ROW_RULE_WIDTH * 8), look.NAVY
                )
                docx_xml.set_cell_bottom_margin(cell, _twips(HEADING_ROW_BOTTOM))
        if not details:
            docx_xml.keep_row_on_one_page(cells)
        if heading_row:
            docx_xml.repeat_as_header_row(cells)
    if not block.header:
        docx_xml.no_first_row_look(table)
    return table
