"""Runs into Word runs: text stays data, "\\n" becomes a line break, CJK gets its font.

The w:r elements are written here as python-docx writes them (Paragraph.add_run, then the
bold/italic/underline setters and Run.text), element for element, without its object layer:
finding each child's place by XPath was a third of the time a DOCX letter took (bench/).
The run properties for each mix of bold, italic, underline and East Asian font are made once
by python-docx itself and copied. tests/unit/export/test_docx_text.py checks the XML matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from functools import cache
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from desktop_app.export import docx_xml
from desktop_app.export.base import clean_text, has_east_asian
from desktop_app.export.docx_format import element
from desktop_app.letters.document import Run

# python-docx's _RunContentAppender: a tab becomes w:tab, "\r" and "\n" each a w:br.
_SPECIAL = re.compile(r"([\t\r\n])")
_T, _TAB, _BR = qn("w:t"), qn("w:tab"), qn("w:br")
_PRESERVE = qn("xml:space")


def add_runs(paragraph: Any, runs: Sequence[Run], *, bold: bool = False) -> None:
    """Append runs: XML-escaped by lxml, "\\n" and tab as w:br and w:tab."""
    p = paragraph._p
    for run in runs:
        text = clean_text(run.text)
        if not text:
            continue
        p.append(_run_element(text, run.bold or bold, run.italic, run.underline,
                              has_east_asian(text)))


def add_text(paragraph: Any, text: str, *, bold: bool = False) -> None:
    add_runs(paragraph, [Run(text, bold=bold)])


def _run_element(text: str, bold: bool, italic: bool, underline: bool, east_asian: bool) -> Any:
    r = element("w:r")
    properties = _run_properties(bold, italic, underline, east_asian)
    if properties is not None:
        r.append(deepcopy(properties))
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            r.append(element("w:tab"))
        elif piece in ("\r", "\n"):
            r.append(element("w:br"))
        elif piece:
            t = element("w:t")
            t.text = piece
            if len(piece.strip()) < len(piece):  # as CT_R.add_t keeps edge white space
                t.set(_PRESERVE, "preserve")
            r.append(t)
    return r


@cache
def _run_properties(bold: bool, italic: bool, underline: bool, east_asian: bool) -> Any:
    """The w:rPr python-docx gives a run with these settings (None when it gives none)."""
    from docx.text.paragraph import Paragraph

    scratch = Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]  # no part needed
    added = scratch.add_run()
    # Set only what is on: assigning None still adds an empty run-properties element.
    if bold:
        added.bold = True
    if italic:
        added.italic = True
    if underline:
        added.underline = True
    if east_asian:
        docx_xml.set_east_asian_font(added._r)
    return added._r.rPr
