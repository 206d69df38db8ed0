"""The letter markup: whitespace, styles, lists and tables as the exporters receive them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_mistake_names_the_template_line_of_its_marker() -> None:
    # Markup is read first without following the line markers; a mistake is read again with
    # them, so the error still names the template line.
    markup = "<letter><?pa-line 3?><p>fine</p>\n<?pa-line 4?><p><q>x</q></p></letter>"
    with pytest.raises(TemplateError, match="<q> is not part") as caught:
        parse_letter_markup(markup, [], SIGNATURE)
    assert caught.value.line == 4


def test_line_markers_and_line_ends_inside_text_change_no_runs() -> None:
    # Text split by markers or line ends reads as the same runs as the text unsplit.
    split = parse(
        "<p> Dear<?pa-line 2?>\n  Dr <?pa-line 3?> Lee ,\n<b>\n x <?pa-line 4?></b> y</p>"
    )
    assert split == parse("<p> Dear Dr Lee , <b> x </b> y</p>")
    assert split == [Paragraph([Run("Dear Dr Lee , "), Run("x ", bold=True), Run("y")])]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.sampled_from(["a", "b", " ", "\n", "\t", "  ", "<b>c</b>", "<br/>",
                                 "<user-text> u \n</user-text>", "<?pa-line 1?>"]),
                max_size=12))
def test_runs_do_not_depend_on_where_markers_split_text(parts: list[str]) -> None:
    text = "".join(parts)
    assert parse(f"<p>{text}</p>") == parse(f"<p>{text.replace('<?pa-line 1?>', '')}</p>")
