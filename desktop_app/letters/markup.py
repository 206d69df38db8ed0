"""The small XML letter markup a template renders to, parsed into LetterDocument blocks.

Whitespace in the template's own text collapses as in HTML; text inside <user-text> (what a
user typed) is kept exactly, its newlines becoming line breaks. DOCTYPEs and entity
declarations are refused, so rendered output can never define or expand entities.
"""

from __future__ import annotations

from typing import get_args
from xml.parsers import expat

from desktop_app.errors import TemplateError
from desktop_app.letters.document import (
    Block,
    BulletList,
    Heading,
    PageBreak,
    Paragraph,
    ParagraphStyle,
    References,
    Runs,
    SignatureBlock,
    Table,
    TableStyle,
)
from desktop_app.letters.environment import LINE_MARKER, USER_TEXT_TAG
from desktop_app.letters.markup_text import Piece, normalize

BLOCK_TAGS = (
    "banner",
    "h1",
    "h2",
    "p",
    "ul",
    "ol",
    "table",
    "references",
    "signature",
    "pagebreak",
)
INLINE_CONTAINERS = ("banner", "h1", "h2", "p", "li", "th", "td")
INLINE_TAGS = ("b", "i", "u", "br", USER_TEXT_TAG)
EMPTY_TAGS = ("br", "references", "signature", "pagebreak")
_PARENTS: dict[str, tuple[str, ...]] = {
    "letter": ("",),
    **{tag: ("letter",) for tag in BLOCK_TAGS},
    "li": ("ul", "ol"),
    "tr": ("table",),
    "th": ("tr",),
    "td": ("tr",),
    **{tag: (*INLINE_CONTAINERS, "b", "i", "u") for tag in INLINE_TAGS},
}
_ATTRIBUTES: dict[str, tuple[str, ...]] = {"p": ("style",), "table": ("style", "widths")}
_FORMATS = ("b", "i", "u")
# Elements text may stand in (its container takes it): every inline one but the empty <br/>.
_TEXT_HOLDERS = frozenset(INLINE_CONTAINERS + INLINE_TAGS) - frozenset(EMPTY_TAGS)
_ALLOWED_PARENTS = {tag: frozenset(parents) for tag, parents in _PARENTS.items()}
_INLINE_TAGS = frozenset(INLINE_TAGS)
_CONTAINERS = frozenset(INLINE_CONTAINERS)
_NO_FORMATS: frozenset[str] = frozenset()


class _Open:
    """An element while it is open. A plain class, not a dataclass: a letter opens a few
    hundred of them, and each is made with what it inherits from the element around it."""

    __slots__ = ("attrs", "cells", "container", "formats", "header_flags", "holds_text",
                 "items", "line", "pieces", "rows", "tag", "verbatim")
    formats: frozenset[str]
    verbatim: bool
    container: _Open | None

    def __init__(self, tag: str, line: int | None, attrs: dict[str, str],
                 parent: _Open | None) -> None:
        self.tag = tag
        self.line = line
        self.attrs = attrs
        # Worked out once when the tag opens, not again for every piece of text inside it: a
        # letter's markup has thousands of text events (bench/bench_batch.py).
        # <b>, <i>, <u> this element is inside (or is); inside <user-text>; the nearest
        # inline container, this element included; and whether text may stand in it.
        if parent is None:
            formats, verbatim, container = _NO_FORMATS, False, None
        else:
            formats, verbatim, container = parent.formats, parent.verbatim, parent.container
        # Only the lists this kind of element fills are made: most elements are <user-text>
        # and cells, and the parser allows each list's element only where it belongs.
        if tag == USER_TEXT_TAG:
            verbatim = True
        elif tag in _CONTAINERS:
            container = self
            self.pieces: list[Piece | None] = []  # None marks a <br/>
        elif tag in _FORMATS:
            formats = formats | {tag}
        elif tag in ("ul", "ol"):
            self.items: list[Runs] = []  # list items
        elif tag == "tr":
            self.cells: list[Runs] = []  # cells of a table row
            self.header_flags: list[bool] = []  # per cell (tr) or per row (table)
        elif tag == "table":
            self.rows: list[list[Runs]] = []  # rows of a table
            self.header_flags = []
        self.formats = formats
        self.verbatim = verbatim
        self.container = container
        self.holds_text = tag in _TEXT_HOLDERS


class LetterMarkupParser:
    """Build blocks from expat events; every error names the template line when known."""

    def __init__(
        self, references: list[Runs], signature: SignatureBlock, *, lines: bool = True
    ) -> None:
        self.references = references
        self.signature = signature
        self.blocks: list[Block] = []
        self.stack: list[_Open] = []
        self.line: int | None = None
        self.parser = expat.ParserCreate()
        p = self.parser
        # Text between tags as one piece, not one per line: the pieces make the same runs
        # (markup_text.normalize) in a fraction of the calls.
        p.buffer_text = True
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._text
        if lines:  # without it the line markers are skipped, and errors name no line
            p.ProcessingInstructionHandler = self._instruction
        p.StartDoctypeDeclHandler = self._refuse_doctype
        p.EntityDeclHandler = self._refuse_entity

    def parse(self, text: str) -> list[Block]:
        try:
            self.parser.Parse(text, True)
        except expat.ExpatError as exc:
            raise self._expat_error(exc) from None
        return self.blocks

    def _error(self, message: str) -> TemplateError:
        return TemplateError(message, line=self.line)

    def _expat_error(self, exc: expat.ExpatError) -> TemplateError:
        message = expat.ErrorString(exc.code) or "malformed markup"
        if self.stack and message == "mismatched tag":
            top = self.stack[-1]
            opened = f" on line {top.line}" if top.line else ""
            message = f"a closing tag does not match <{top.tag}> opened{opened}"
        elif self.stack and message == "no element found":
            top = self.stack[-1]
            opened = f" (opened on line {top.line})" if top.line else ""
            message = f"the letter ends before <{top.tag}> is closed{opened}"
        return self._error(f"the letter markup is not well-formed: {message}")

    def _refuse_doctype(self, *args: object) -> None:
        raise self._error("a template may not declare a DOCTYPE")

    def _refuse_entity(self, *args: object) -> None:
        raise self._error("a template may not declare entities")

    def _instruction(self, target: str, data: str) -> None:
        if target == LINE_MARKER and data.strip().isdigit():
            self.line = int(data)

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        stack = self.stack
        parent = stack[-1] if stack else None
        allowed = _ALLOWED_PARENTS.get(tag)
        if allowed is None or (parent.tag if parent is not None else "") not in allowed:
            raise self._misplaced(tag, parent)
        if attrs:  # most elements have none
            for name in attrs:
                if name not in _ATTRIBUTES.get(tag, ()):
                    raise self._error(f"<{tag}> has no attribute '{name}'")
            self._check_attribute_values(tag, attrs)
        stack.append(_Open(tag, self.line, attrs, parent))
        if tag == "br":
            self._container().pieces.append(None)

    def _misplaced(self, tag: str, parent: _Open | None) -> TemplateError:
        allowed = _PARENTS.get(tag)
        if allowed is None:
            return self._error(f"<{tag}> is not part of the letter markup")
        where = f"inside <{parent.tag}>" if parent is not None else "as the outermost element"
        expected = ", ".join(f"<{a}>" for a in allowed if a) or "the top"
        return self._error(f"<{tag}> cannot appear {where}; it belongs in {expected}")

    def _check_attribute_values(self, tag: str, attrs: dict[str, str]) -> None:
        style = attrs.get("style")
        if tag == "p" and style is not None and style not in get_args(ParagraphStyle):
            raise self._error(
                f"unknown paragraph style '{style}' (known: {', '.join(get_args(ParagraphStyle))})"
            )
        if tag == "table" and style is not None and style not in get_args(TableStyle):
            raise self._error(f"unknown table style '{style}' (known: grid, reference)")
        if tag == "table" and "widths" in attrs:
            try:
                widths = [float(w) for w in attrs["widths"].split(",")]
            except ValueError:
                widths = []
            if not widths or any(w <= 0 for w in widths):
                raise self._error('table widths must be positive numbers, e.g. widths="1,2"')

    def _container(self) -> _Open:
        if self.stack and self.stack[-1].container is not None:
            return self.stack[-1].container
        raise self._error("text must be inside <p>, <h1>, <h2>, <banner>, <li>, <th> or <td>")

    def _text(self, data: str) -> None:
        entry = self.stack[-1] if self.stack else None
        if entry is not None and entry.holds_text:  # the usual case, checked first
            container = entry.container
            assert container is not None  # text holders are containers or inside one
            container.pieces.append(Piece(data, entry.formats, entry.verbatim))
            return
        top = entry.tag if entry is not None else ""
        verbatim = entry is not None and entry.verbatim
        if top in EMPTY_TAGS:
            raise self._error(f"<{top}/> must be empty")
        if data.strip() or verbatim:
            raise self._error(
                f"text cannot appear directly inside <{top or 'the document'}>; "
                "put it inside <p>, <h1>, <h2>, <banner>, <li>, <th> or <td>"
            )

    def _end(self, tag: str) -> None:
        entry = self.stack.pop()
        if tag in _INLINE_TAGS:  # its text is already with its container: nothing to close
            return
        parent = self.stack[-1] if self.stack else None
        if tag in ("banner", "h1", "h2", "p"):
            runs = normalize(entry.pieces)
            if runs:
                self.blocks.append(_inline_block(entry, runs))
        elif tag == "li" and parent is not None:
            runs = normalize(entry.pieces)
            if runs:
                parent.items.append(runs)
        elif tag in ("th", "td") and parent is not None:
            parent.cells.append(normalize(entry.pieces, bold=tag == "th"))
            parent.header_flags.append(tag == "th")
        elif tag == "tr" and parent is not None:
            parent.rows.append(entry.cells)
            parent.header_flags.append(bool(entry.header_flags) and all(entry.header_flags))
        else:
            self._end_block(entry)

    def _end_block(self, entry: _Open) -> None:
        if entry.tag in ("ul", "ol") and entry.items:
            self.blocks.append(BulletList(entry.items, numbered=entry.tag == "ol"))
        elif entry.tag == "table" and entry.rows:
            widths = entry.attrs.get("widths")
            self.blocks.append(
                Table(
                    rows=entry.rows,
                    header=bool(entry.header_flags and entry.header_flags[0]),
                    style=entry.attrs.get("style", "grid"),  # type: ignore[arg-type]  # checked
                    widths=[float(w) for w in widths.split(",")] if widths else None,
                )
            )
        elif entry.tag == "references" and self.references:
            self.blocks.append(References([list(r) for r in self.references]))
        elif entry.tag == "signature":
            self.blocks.append(self.signature)
        elif entry.tag == "pagebreak":
            self.blocks.append(PageBreak())


def _inline_block(entry: _Open, runs: Runs) -> Block:
    if entry.tag in ("h1", "h2"):
        return Heading(runs, level=1 if entry.tag == "h1" else 2)
    style = "banner" if entry.tag == "banner" else entry.attrs.get("style", "body")
    return Paragraph(runs, style=style)  # type: ignore[arg-type]  # style checked on start


def parse_letter_markup(
    text: str, references: list[Runs], signature: SignatureBlock
) -> list[Block]:
    """Blocks of a rendered letter; TemplateError (with the template line) if malformed.

    A letter's markup carries a line marker for every template line, hundreds of them, and
    only a mistake needs one. So it is read first without following them; markup with a
    mistake is read again following them, which meets the same mistake and names its line.
    """
    try:
        return LetterMarkupParser(references, signature, lines=False).parse(text)
    except TemplateError:
        pass
    return LetterMarkupParser(references, signature).parse(text)
