"""Raw WordprocessingML that python-docx has no API for: fields, borders, shading, numbering."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from desktop_app.export import docx_format

# Word's font for East Asian characters; Word picks it through w:rFonts w:eastAsia.
EAST_ASIAN_FONT = "Microsoft YaHei"


def set_east_asian_font(r_pr_owner: Any, font: str = EAST_ASIAN_FONT) -> None:
    """Name the East Asian font on a run or style (anything with get_or_add_rPr)."""
    fonts = r_pr_owner.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    for theme_attribute in ("w:eastAsiaTheme",):
        fonts.attrib.pop(qn(theme_attribute), None)


def drop_theme_fonts(style_element: Any) -> None:
    """Remove theme font and colour references, which would override the fonts we name."""
    r_pr = style_element.rPr
    if r_pr is None:
        return
    if r_pr.rFonts is not None:
        for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            r_pr.rFonts.attrib.pop(qn(f"w:{name}"), None)
    color = r_pr.find(qn("w:color"))
    if color is not None:
        for name in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{name}"), None)


def add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """Append a field (PAGE, NUMPAGES) that Word fills in; `placeholder` shows until then."""

    def add_run_child(element: Any) -> None:
        run = OxmlElement("w:r")
        run.append(element)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    add_run_child(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    add_run_child(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    add_run_child(separate)
    shown = OxmlElement("w:t")
    shown.text = placeholder
    add_run_child(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    add_run_child(end)


def _border(tag: str, size_eighths: int, color: str, space: int) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(size_eighths))
    element.set(qn("w:space"), str(space))
    element.set(qn("w:color"), color)
    return element


def set_paragraph_borders(
    p_pr: Any, sides: tuple[str, ...], *, size_eighths: int = 8, color: str = "000000",
    space: int = 4,
) -> None:
    """Borders on a paragraph or paragraph style's w:pPr, e.g. sides=("bottom",)."""
    # In the schema's element order (docx_format), or Word reports a damaged file.
    borders = docx_format.property_element(p_pr, "w:pBdr")
    for side in sides:
        borders.append(_border(f"w:{side}", size_eighths, color, space))


def shade_cell(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
        "w:hideMark",
    )


def repeat_as_header_row(row: Any) -> None:
    """Mark a table row to repeat at the top of each page the table runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().insert_element_before(
        header, "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange"
    )


def keep_row_on_one_page(row: Any) -> None:
    """A row moves whole to the next page rather than split mid-cell."""
    keep = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().insert_element_before(
        keep, "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins",
        "w:del", "w:trPrChange",
    )


def clear_table_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription",
    )


def new_numbering(document: Any, num_id: int) -> int:
    """A fresh numbering instance like a list style's `num_id`, so each list starts at 1."""
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


def use_numbering(paragraph: Any, num_id: int) -> None:
    docx_format.numbering(paragraph._p, num_id)


def set_column_widths(table: Any, widths: list[Any]) -> None:
    """Widths on the grid and on every cell: LibreOffice reads the one, Word the other.

    Each row's cells are set straight on its w:tc elements: python-docx's column.cells works
    out the whole table's cells again for every column, a third of a DOCX letter's time.
    The letter's tables never merge cells, so a row's n-th cell is in the n-th column."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table._tbl.tr_lst:
        for cell, width in zip(row.tc_lst, widths, strict=False):
            cell_width = _cell_width(cell)
            if cell_width is None:
                cell.width = width
            else:  # as CT_TcPr.width sets it, without its two searches by qualified name
                cell_width.width = width


_TC_PR, _TC_W = qn("w:tcPr"), qn("w:tcW")


def _cell_width(tc: Any) -> Any:
    """The w:tcW a new table's cell has (python-docx makes each cell with one), or None."""
    properties = tc[0] if len(tc) and tc[0].tag == _TC_PR else None
    if properties is None or not len(properties) or properties[0].tag != _TC_W:
        return None
    return properties[0]


def set_cell_bottom_border(cell: Any, size_eighths: int, color: str) -> None:
    """A rule under one cell (the navy line under a table's heading row)."""
    borders = OxmlElement("w:tcBorders")
    borders.append(_border("w:bottom", size_eighths, color, 0))
    cell._tc.get_or_add_tcPr().insert_element_before(
        borders, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
        "w:vAlign", "w:hideMark",
    )


def no_first_row_look(table: Any) -> None:
    """A table without a heading row: its style's first-row shading must not apply."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstRow"), "0")
        look.set(qn("w:val"), "0420")


def restyle_list_level(
    document: Any, style_name: str, *, bullet: str | None, indent: int, at: int, font: str
) -> None:
    """The first level of a list style's numbering: its bullet (or "1."), indents in twips.

    The text starts `indent` from the margin and the bullet or number `at` from it, as in
    the PDF; the bullet is set in the body font (the template's is a Symbol-font glyph).
    """
    style = document.styles[style_name]
    num_id = style.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    level = next(lvl for lvl in abstract.findall(qn("w:lvl")) if lvl.get(qn("w:ilvl")) == "0")
    level.find(qn("w:numFmt")).set(qn("w:val"), "bullet" if bullet else "decimal")
    level.find(qn("w:lvlText")).set(qn("w:val"), bullet or "%1.")
    for old in level.findall(qn("w:pPr")) + level.findall(qn("w:rPr")):
        level.remove(old)
    paragraph = OxmlElement("w:pPr")
    tabs = OxmlElement("w:tabs")
    tabs.append(OxmlElement("w:tab", {qn("w:val"): "num", qn("w:pos"): str(indent)}))
    paragraph.append(tabs)
    paragraph.append(OxmlElement(
        "w:ind", {qn("w:left"): str(indent), qn("w:hanging"): str(indent - at)}
    ))
    level.append(paragraph)
    run = OxmlElement("w:rPr")
    run.append(OxmlElement(
        "w:rFonts", {qn(f"w:{name}"): font for name in ("ascii", "hAnsi", "cs")}
    ))
    level.append(run)


def set_cell_bottom_margin(cell: Any, twips: int) -> None:
    margins = OxmlElement("w:tcMar")
    margins.append(OxmlElement("w:bottom", {qn("w:w"): str(twips), qn("w:type"): "dxa"}))
    cell._tc.get_or_add_tcPr().insert_element_before(
        margins, "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    )
