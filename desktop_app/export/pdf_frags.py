"""Paragraphs built from the letter's runs directly, without writing and re-parsing markup.

reportlab's Paragraph parses a mini-markup with Python's HTML parser; for a letter that was
a tenth of the time it takes to make (bench/bench_batch.py), spent reading back markup we had
just written from runs. reportlab's own parser also reads a tuple tree (`ParaParser.tt_parse`),
through the very handlers that turn <b>, <i>, <u>, <font> and <br/> into fragments, so the
fragments come out as the markup would give them, with no escaping to undo.

Before parsing, Paragraph tidies the markup's white space (`cleanBlockQuotedText`: ends
stripped, runs of white space made one space). The same tidying is applied here to the text
between tags, with each tag held by a placeholder, so line breaking sees what it saw before.
tests/unit/export/test_pdf_frags.py checks that the fragments match the markup path.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from desktop_app.export.base import clean_text
from desktop_app.export.fonts import split_by_font
from desktop_app.export.pdf_text import break_long_words
from desktop_app.letters.document import Run

Node = Any  # str, or (tag, attributes, children) as ParaParser.tt_parse reads it
_TAG = "\x00"  # stands for a tag while white space is tidied; clean_text removes every \x00
_BR: Node = ("br", {}, None)


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
    tokens: list[Node] = []
    _flatten(nodes, tokens)
    stream = "".join(t if isinstance(t, str) else _TAG for t in tokens)
    texts = iter(cleanBlockQuotedText(stream).split(_TAG))
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


def runs_fragments(runs: Iterable[Run], style: ParagraphStyle) -> list[Any]:
    """reportlab's fragments for a paragraph of runs, as Paragraph(markup) would make them."""
    nodes: list[Node] = []
    for run in runs:
        nodes.extend(_run_nodes(run))
    parser = ParaParser()
    parser.caseSensitive = 1  # as Paragraph sets it
    _style, frags, _bullet = parser.tt_parse(("para", {}, _tidied(nodes)), style)
    if frags is None:
        raise ValueError(f"paragraph fragments not made ({parser.errors[:1]})")
    textTransformFrags(frags, style)
    return list(frags)


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
