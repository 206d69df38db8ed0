"""The letter markup: whitespace, styles, lists and tables as the exporters receive them."""

from __future__ import annotations

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.document import (
    BulletList,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    SignatureBlock,
    Table,
)
from desktop_app.letters.markup import parse_letter_markup

SIGNATURE = SignatureBlock("Avery Quinn")


def parse(body: str) -> list[object]:
    return list(parse_letter_markup(f"<letter>{body}</letter>", [], SIGNATURE))


def test_template_whitespace_collapses_like_html() -> None:
    blocks = parse("<p>\n   Dear\n\n  <b> Dr </b>   Lee ,<br/>  next\n</p>")
    assert blocks == [
        # as in HTML, the first space of a collapsed run keeps its own style (here bold)
        Paragraph([Run("Dear "), Run("Dr ", bold=True), Run("Lee ,"), Run("\n"), Run("next")])
    ]


def test_user_text_keeps_its_spacing() -> None:
    blocks = parse("<p>A<user-text>  two  spaces  </user-text>B</p>")
    assert blocks == [Paragraph([Run("A  two  spaces  B")])]


def test_nested_styles_and_headings() -> None:
    blocks = parse("<h1>Title</h1><h2><i>Sub</i></h2><p style='quote'><b><u>x</u></b></p>")
    assert blocks == [
        Heading([Run("Title")], 1),
        Heading([Run("Sub", italic=True)], 2),
        Paragraph([Run("x", bold=True, underline=True)], "quote"),
    ]


def test_lists_tables_signature_and_page_break() -> None:
    blocks = parse(
        "<ol><li>one</li><li>  </li><li>two</li></ol>"
        "<table widths='1,3'><tr><th>A</th><th>B</th></tr><tr><td>1</td><td></td></tr></table>"
        "<signature/><pagebreak/>"
    )
    assert blocks[0] == BulletList([[Run("one")], [Run("two")]], numbered=True)
    assert blocks[1] == Table(
        rows=[[[Run("A", bold=True)], [Run("B", bold=True)]], [[Run("1")], []]],
        header=True,
        style="grid",
        widths=[1.0, 3.0],
    )
    assert blocks[2] is SIGNATURE and isinstance(blocks[3], PageBreak)


def test_empty_paragraphs_are_dropped() -> None:
    assert parse("<p>  </p><h2></h2><ul></ul><table></table>") == []


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<p><p>x</p></p>", "<p> cannot appear inside <p>"),
        ("<li>x</li>", "<li> cannot appear inside <letter>"),
        ("<p><signature/></p>", "<signature> cannot appear inside <p>"),
        ("<br/>", "<br> cannot appear inside <letter>"),
        ("<p onclick='x'>y</p>", "no attribute 'onclick'"),
        ("<table style='fancy'/>", "unknown table style"),
        ("<table widths='1,-2'/>", "widths must be positive"),
        ("<ul>text</ul>", "text cannot appear directly inside <ul>"),
        ("<pagebreak>x</pagebreak>", "must be empty"),
        ("<p>&amp</p>", "not well-formed"),
    ],
)
def test_markup_mistakes(body: str, words: str) -> None:
    with pytest.raises(TemplateError, match=words):
        parse(body)


def test_entity_declarations_are_refused() -> None:
    bomb = '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><letter><p>&b;</p></letter>'
    with pytest.raises(TemplateError, match="DOCTYPE"):
        parse_letter_markup(bomb, [], SIGNATURE)
