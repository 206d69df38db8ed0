"""Raw table XML set by docx_xml comes out as python-docx's own setters write it."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from desktop_app.export import docx_xml

pytestmark = pytest.mark.no_database

WIDTHS = [Pt(126), Pt(342.5)]


def _table(drop_properties_of: tuple[int, int] | None = None) -> object:
    table = docx.Document().add_table(3, 2)
    if drop_properties_of is not None:
        row, column = drop_properties_of
        tc = table._tbl.tr_lst[row].tc_lst[column]
        tc.remove(tc.find(qn("w:tcPr")))
    return table


def _through_python_docx(table: object) -> None:
    table.autofit = False  # type: ignore[attr-defined]
    for column, width in zip(table.columns, WIDTHS, strict=False):  # type: ignore[attr-defined]
        column.width = width
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, WIDTHS, strict=False):
            cell.width = width


@pytest.mark.parametrize("dropped", [None, (0, 0), (2, 1)])
def test_column_widths_are_python_docx_own(dropped: tuple[int, int] | None) -> None:
    """A new table's cells, and a cell without properties (the slow path), alike."""
    ours, theirs = _table(dropped), _table(dropped)
    docx_xml.set_column_widths(ours, WIDTHS)
    _through_python_docx(theirs)
    assert etree.tostring(ours._tbl) == etree.tostring(theirs._tbl)  # type: ignore[attr-defined]
    assert b'w:w="2520"' in etree.tostring(ours._tbl)  # type: ignore[attr-defined]
