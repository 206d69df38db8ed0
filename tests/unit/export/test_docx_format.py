"""Paragraph properties set straight on the XML come out as python-docx's setters write them.

Whatever properties a paragraph already has (a style, numbering, borders, spacing, any mix
the schema allows), each setter must give the same elements, in the same order, with the
same attributes as python-docx's paragraph_format and style setters.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from desktop_app.export import docx_format

pytestmark = pytest.mark.no_database

_FORMAT = docx_format.PARAGRAPH_PROPERTIES


def _with_properties(tags: list[str], run: bool) -> Any:
    """A w:p whose w:pPr holds `tags` (in schema order), and a run after it if `run`."""
    p = OxmlElement("w:p")
    if tags:
        p_pr = OxmlElement("w:pPr")
        for tag in sorted(set(tags), key=_FORMAT.index):
            p_pr.append(OxmlElement(tag))
        p.append(p_pr)
    if run:
        p.append(OxmlElement("w:r"))
    return p


def _xml(element: Any) -> bytes:
    return bytes(etree.tostring(element))


def _format(p: Any) -> Any:
    return Paragraph(p, None).paragraph_format  # type: ignore[arg-type]  # no part needed


def _python_docx_numbering(p: Any, num_id: int) -> None:
    num_pr = p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _set(name: str, value: object) -> Callable[[Any], None]:
    return lambda p: setattr(_format(p), name, value)


# Each setter of ours beside what python-docx's own API does.
_SETTERS: dict[str, tuple[Callable[[Any], None], Callable[[Any], None]]] = {
    "style": (lambda p: docx_format.set_style(p, "LetterBody"),
              lambda p: setattr(p, "style", "LetterBody")),
    "keep_with_next": (docx_format.keep_with_next, _set("keep_with_next", True)),
    "keep_together": (docx_format.keep_together, _set("keep_together", True)),
    "space_before": (lambda p: docx_format.space_before(p, Pt(7.5)),
                     _set("space_before", Pt(7.5))),
    "space_after": (lambda p: docx_format.space_after(p, Pt(12)), _set("space_after", Pt(12))),
    "numbering": (lambda p: docx_format.numbering(p, 7),
                  lambda p: _python_docx_numbering(p, 7)),
}


@settings(deadline=None, max_examples=150)
@given(
    tags=st.lists(st.sampled_from(_FORMAT[:-3]), max_size=8),  # rPr, sectPr: not bare
    run=st.booleans(),
    steps=st.lists(st.sampled_from(sorted(_SETTERS)), min_size=1, max_size=6),
)
def test_each_setter_writes_what_python_docx_writes(
    tags: list[str], run: bool, steps: list[str]
) -> None:
    ours = _with_properties(tags, run)
    theirs = deepcopy(ours)
    for step in steps:
        mine, reference = _SETTERS[step]
        mine(ours)
        reference(theirs)
        assert _xml(ours) == _xml(theirs), step


def test_an_off_keep_is_turned_on_as_python_docx_does() -> None:
    ours = _with_properties([], run=False)
    _format(ours).keep_with_next = False
    _format(ours).keep_together = False
    theirs = deepcopy(ours)
    docx_format.keep_with_next(ours)
    docx_format.keep_together(ours)
    _format(theirs).keep_with_next = True
    _format(theirs).keep_together = True
    assert _xml(ours) == _xml(theirs)
    assert b"w:val" not in _xml(ours)


@pytest.mark.parametrize("tag", ["w:p", "w:pPr", "w:r", "w:t", "w:br", "w:tab", "w:keepNext"])
def test_a_new_element_is_python_docx_own(tag: str) -> None:
    made, reference = docx_format.element(tag), OxmlElement(tag)
    assert type(made) is type(reference)
    assert made.tag == reference.tag == qn(tag)
    assert made.nsmap == reference.nsmap
    assert _xml(made) == _xml(reference)


def test_attributes_are_set_as_given() -> None:
    made = docx_format.element("w:pStyle", {qn("w:val"): "Heading1"})
    assert made.get(qn("w:val")) == "Heading1"


def _body(layout: str) -> Any:
    import docx

    body = docx.Document().element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.insert(0, OxmlElement("w:p"))
    if layout == "no section":
        body.remove(body.find(qn("w:sectPr")))
    elif layout == "section before a table":
        body.append(OxmlElement("w:tbl"))
    return body


@pytest.mark.parametrize("layout", ["section last", "no section", "section before a table"])
def test_a_new_body_paragraph_goes_where_python_docx_puts_it(layout: str) -> None:
    ours, theirs = _body(layout), _body(layout)  # each in a document of its own
    for _ in range(3):
        docx_format.new_body_paragraph(ours)
        theirs.add_p()
    assert _xml(ours) == _xml(theirs)
    assert len(ours.findall(qn("w:p"))) == 4
