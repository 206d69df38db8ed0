"""Paragraphs built from the letter's runs directly, without writing and re-parsing markup.

reportlab's Paragraph parses a mini-markup with Python's HTML parser; for a letter that was
a tenth of the time it takes to make (bench/bench_batch.py), spent reading back markup we had
just written from runs. The runs only ever need five of its tags (<b>, <i>, <u>, <font face>
and <br/>), so their fragments are made here the way reportlab's ParaParser handlers make
them (start_para, _push, _new_line, handle_data, end_br in reportlab/platypus/paraparser.py):
the same attributes, fonts resolved through the same family map, no escaping to undo.

Before parsing, Paragraph tidies the markup's white space (`cleanBlockQuotedText`: ends
stripped, runs of white space made one space). The same tidying is applied here to the text
between tags, with each tag held by a placeholder, so line breaking sees what it saw before.
tests/unit/export/test_pdf_frags.py checks fragments and line breaks against the markup path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle

from desktop_app.export.base import clean_text
from desktop_app.export.fonts import register_face, split_by_font
from desktop_app.export.pdf_text import break_long_words
from desktop_app.export.reportlab_platypus import (
    ParaFrag,
    Paragraph,
    _lineRepeats,
    cleanBlockQuotedText,
    textTransformFrags,
)
from desktop_app.letters.document import Run

Node = Any  # str, or (tag, attributes, children) as ParaParser.tt_parse reads it
_TAG = "\x00"  # stands for a tag while white space is tidied; clean_text removes every \x00
_BR: Node = ("br", {}, None)
_ENTITY_SPLIT = re.compile("([<>&\"'])")
# Where cleanBlockQuotedText could change ASCII text: white space other than a single space
# between words (reportlab's list of white space, its ASCII part).
_UNTIDY_ASCII = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f]|  |^ | $")


def _run_nodes(run: Run) -> list[Node]:
    """One run as tree nodes: the same tags, in the same order, as pdf_text.run_markup."""
    lines = break_long_words(clean_text(run.text)).split("\n")
    content: list[Node] = []
    for index, line in enumerate(lines):
        if index:
            content.append(_BR)
        for segment in split_by_font(line, bold=run.bold, italic=run.italic):
            content.append(("font", {"face": segment.font}, [segment.text]) if segment.font
                           else segment.text)
    if not content:
        return []  # run_markup gives "" here: no tags at all
    for wanted, tag in ((run.underline, "u"), (run.italic, "i"), (run.bold, "b")):
        if wanted:
            content = [(tag, {}, content)]
    return content


def _flatten(nodes: Iterable[Node], tokens: list[Node]) -> None:
    """Texts and tag markers in document order (markers: ("open", node) / ("close",))."""
    for node in nodes:
        if isinstance(node, str):
            tokens.append(node)
        else:
            tokens.append(("open", node))
            if node[2] is not None:
                _flatten(node[2], tokens)
            tokens.append(("close",))


def _tidied(nodes: list[Node]) -> list[Node]:
    """The nodes with their text tidied as Paragraph tidies markup (see the module doc)."""
    if len(nodes) == 1 and isinstance(nodes[0], str):
        # Plain text with no tag (most of a letter's paragraphs): what the general path
        # gives, as there is no placeholder to split at (clean_text removed every \x00).
        text = tidy(nodes[0])
        return [text] if text else []
    tokens: list[Node] = []
    _flatten(nodes, tokens)
    stream = "".join(t if isinstance(t, str) else _TAG for t in tokens)
    texts = iter(tidy(stream).split(_TAG))
    root: list[Node] = []
    stack: list[list[Node]] = [root]
    pending = next(texts)
    for token in tokens:
        if isinstance(token, str):
            continue  # its text is in `pending`, tidied together with its neighbours
        if pending:
            stack[-1].append(pending)
        pending = next(texts)
        if token[0] == "open":
            tag, attributes, children = token[1]
            made: list[Node] | None = None if children is None else []
            stack[-1].append((tag, attributes, made))
            stack.append(made if made is not None else [])
        else:
            stack.pop()
    if pending:
        stack[-1].append(pending)
    return root


def tidy(text: str) -> str:
    """cleanBlockQuotedText(text), without its work where it would return the text as it is:
    most of a letter's paragraphs are ASCII words single-spaced."""
    if text.isascii() and _UNTIDY_ASCII.search(text) is None:
        return text
    return str(cleanBlockQuotedText(text))


def runs_fragments(runs: Iterable[Run], style: ParagraphStyle) -> list[Any]:
    """reportlab's fragments for a paragraph of runs, as Paragraph(markup) would make them."""
    nodes: list[Node] = []
    for run in runs:
        nodes.extend(_run_nodes(run))
    maker = _FragmentMaker(style)
    maker.add(_tidied(nodes), _paragraph_frag(style))
    textTransformFrags(maker.frags, style)
    return maker.frags


def _paragraph_frag(style: ParagraphStyle) -> Any:
    """The fragment every other one is copied from (ParaParser._initial_frag, start_para)."""
    frag = ParaFrag()
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    frag.fontName, frag.bold, frag.italic = ps2tt(style.fontName)
    frag.fontSize = style.fontSize
    frag.textColor = style.textColor
    frag.us_lines = []
    frag.__tag__ = "para"
    return frag


class _FragmentMaker:
    """Walks the tag tree as ParaParser's handlers do, for the tags runs produce."""

    def __init__(self, style: ParagraphStyle) -> None:
        self.style = style
        self.frags: list[Any] = []
        self.lines = 0  # ParaParser.nlines: each <u> is its own underline

    def add(self, nodes: list[Node], current: Any) -> None:
        for node in nodes:
            if isinstance(node, str):
                self._text(current, node)
                continue
            tag, attributes, children = node
            if tag == "br":
                line_break = _copied(current)
                line_break.__tag__ = "br"
                line_break.lineBreak = True
                line_break.text = ""
                self._text(line_break, "")
                continue
            self.add(children or [], self._opened(current, tag, attributes))

    def _opened(self, current: Any, tag: str, attributes: dict[str, str]) -> Any:
        frag = _copied(current)
        frag.__tag__ = tag
        if tag == "b":
            frag.bold = 1
        elif tag == "i":
            frag.italic = 1
        elif tag == "font":
            frag.fontName, frag.bold, frag.italic = ps2tt(attributes["face"])
        elif tag == "u":
            frag.us_lines = [*frag.us_lines, self._underline(frag)]
            self.lines += 1
        else:
            raise ValueError(f"runs never make a <{tag}> tag")
        return frag

    def _underline(self, frag: Any) -> tuple[Any, ...]:
        style = self.style
        return (
            self.lines, "underline",
            getattr(frag, "underlineColor", getattr(style, "underlineColor", "")),
            getattr(frag, "underlineWidth", getattr(style, "underlineWidth", "")),
            getattr(frag, "underlineOffset", getattr(style, "underlineOffset", "")),
            frag.rise,
            _lineRepeats[getattr(frag, "underlineKind", "single")],
            getattr(frag, "underlineGap", getattr(style, "underlineGap", "")),
        )

    def _text(self, current: Any, text: str) -> None:
        # The markup path escapes these five characters, and the HTML parser hands each
        # entity over as text of its own: a fragment each, as there. Line breaking treats a
        # fragment of white space alone (" " after "&gt;") unlike a space inside one.
        for piece in _ENTITY_SPLIT.split(text) if text else [""]:
            if piece or not text:
                frag = _copied(current)
                frag.fontName = tt2ps(frag.fontName, frag.bold, frag.italic)
                # A bold run in an italic style sets bold italic: the face it prints in.
                register_face(frag.fontName)
                frag.text = piece
                self.frags.append(frag)


def _copied(frag: Any) -> Any:
    """A shallow copy of a fragment, as copy.copy makes it (a new ParaFrag with the same
    attributes; ParaFrag has no slots and no copy hooks), without copy's generic dispatch,
    which was a fifth of the time spent making a letter's fragments."""
    made = object.__new__(type(frag))
    made.__dict__.update(frag.__dict__)
    return made


def fragments_text(frags: Iterable[Any]) -> str:
    return "".join(getattr(frag, "text", "") for frag in frags)


_P = TypeVar("_P", bound=Paragraph)


def paragraph_from_runs(
    paragraph_class: type[_P], runs: list[Run], style: ParagraphStyle,
    bullet: str | None = None,
) -> _P:
    frags = runs_fragments(runs, style)
    made: _P = paragraph_class(fragments_text(frags), style, bulletText=bullet, frags=frags)
    return made
