"""A paragraph's properties (w:pPr) set straight on its XML, each in the schema's place.

python-docx's paragraph_format setters place a property by searching the paragraph's
properties for every element that may follow it, one search per name: some thirty searches
to add w:keepNext. A letter sets keeps, spacing and numbering on most of its paragraphs, and
that search was a tenth of a DOCX letter's time (bench/bench_docx.py). Here the place is
found by walking the few properties the paragraph already has, with each element's rank in
the schema's sequence. The elements, attributes and order are those python-docx writes;
tests/unit/export/test_docx_format.py compares the XML with its setters'.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Length

# The children of w:pPr in the order the schema requires (ECMA-376 Part 1, 17.3.1.26,
# CT_PPr: CT_PPrBase's sequence, then w:rPr, w:sectPr, w:pPrChange), as python-docx lists it.
PARAGRAPH_PROPERTIES = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
_RANK = {qn(tag): rank for rank, tag in enumerate(PARAGRAPH_PROPERTIES)}
_PPR = qn("w:pPr")
_VAL = qn("w:val")
_SECTION = qn("w:sectPr")


@cache
def _names(tag: str) -> tuple[str, dict[str, str]]:
    prefix = tag.split(":", 1)[0]
    return qn(tag), {prefix: nsmap[prefix]}


def element(tag: str, attributes: dict[str, str] | None = None) -> Any:
    """A new element of python-docx's own class for `tag` ("w:pPr"), as OxmlElement makes
    it, without working out the tag's namespace again each time."""
    clark, nsmap = _names(tag)
    return oxml_parser.makeelement(clark, attrib=attributes, nsmap=nsmap)


def new_body_paragraph(body: Any) -> Any:
    """A new w:p at the end of the document body, before the section properties that close
    it (as CT_Body.add_p puts it, without searching the whole body for them)."""
    p = element("w:p")
    section = body[-1] if len(body) and body[-1].tag == _SECTION else body.find(_SECTION)
    if section is None:
        body.append(p)
    else:
        section.addprevious(p)
    return p


def properties(p: Any) -> Any:
    """The paragraph's w:pPr, added as its first child if it has none (as python-docx)."""
    if len(p) and p[0].tag == _PPR:
        return p[0]
    found = p.find(_PPR)
    if found is not None:
        return found
    added = element("w:pPr")
    p.insert(0, added)
    return added


def property_element(p_pr: Any, tag: str) -> Any:
    """The w:pPr's `tag` child ("w:keepNext"), added in its schema place if missing."""
    clark = qn(tag)
    rank = _RANK[clark]
    for index, child in enumerate(p_pr):
        if child.tag == clark:
            return child
        if _RANK.get(child.tag, -1) > rank:
            added = element(tag)
            p_pr.insert(index, added)
            return added
    added = element(tag)
    p_pr.append(added)
    return added


def set_style(p: Any, style_id: str) -> None:
    """The paragraph's style, as CT_P.style does."""
    property_element(properties(p), "w:pStyle").set(_VAL, style_id)


def keep_with_next(p: Any) -> None:
    """As paragraph_format.keep_with_next = True: a w:keepNext with no value (on)."""
    property_element(properties(p), "w:keepNext").attrib.pop(_VAL, None)


def keep_together(p: Any) -> None:
    """As paragraph_format.keep_together = True: a w:keepLines with no value (on)."""
    property_element(properties(p), "w:keepLines").attrib.pop(_VAL, None)


def space_before(p: Any, length: Length) -> None:
    """As paragraph_format.space_before = length."""
    property_element(properties(p), "w:spacing").before = length


def space_after(p: Any, length: Length) -> None:
    """As paragraph_format.space_after = length."""
    property_element(properties(p), "w:spacing").after = length


def numbering(p: Any, num_id: int) -> None:
    """The paragraph in list `num_id` at its first level, as python-docx's numPr setters."""
    num_pr = property_element(properties(p), "w:numPr")
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
