"""Text is data: cleaning, printing as typed, and the font split for CJK and the rest."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.export.base import (
    DIRECTION_CONTROLS,
    clean_text,
    contact_line,
    has_east_asian,
    is_east_asian,
)
from desktop_app.export.fonts import (
    BODY,
    BODY_BOLD_ITALIC,
    EMOJI,
    FALLBACK,
    HANGUL,
    Segment,
    covers,
    split_by_font,
)
from desktop_app.export.pdf import write_pdf
from desktop_app.export.pdf_words import LINE_BREAK, paragraph_words
from desktop_app.knowledge.hidden import hidden_data
from desktop_app.letters.document import (
    LetterDocument,
    Letterhead,
    Paragraph,
    Run,
    RunningHeader,
)
from tests.unit.export import probes
from tests.unit.export.samples import HOSTILE_NAME


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Zoë Nguyễn", "Zoë Nguyễn"),
        ("line one\r\nline two", "line one\nline two"),
        ("old Mac\rline", "old Mac\nline"),
        ("tab\tstays", "tab\tstays"),
        ("bell\x07 and null\x00 dropped", "bell and null dropped"),
        ("form\x0cfeed, vertical\x0btab", "formfeed, verticaltab"),
        ("C1 control\x85 ends a line", "C1 control\n ends a line"),
        ("esc\x1b[31m", "esc[31m"),
        ("not XML \ufffe\uffff", "not XML "),
        ("line\u2028separator", "line\nseparator"),
        ("DEL\x7f", "DEL"),
    ],
)
def test_clean_text_drops_control_characters(typed: str, printed: str) -> None:
    assert clean_text(typed) == printed


def test_clean_text_drops_lone_surrogates() -> None:
    assert clean_text("a\ud800b") == "ab"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Jane \u202eeoD\u202c Roe", "Jane eoD Roe"),  # override and its pop
        ("\u202a\u202b\u202dx\u202c", "x"),  # embeddings, left-to-right override
        ("\u2066a\u2069 \u2067b\u2069 \u2068c\u2069", "a b c"),  # isolates
        ("Suite 1 \u200f2 \u200f3", "Suite 1 2 3"),  # marks reorder numbers between them
        ("\u200eA\u061cB", "AB"),
    ],
)
def test_clean_text_drops_direction_controls(typed: str, printed: str) -> None:
    assert clean_text(typed) == printed


def test_clean_text_keeps_right_to_left_script_and_joiners() -> None:
    # Hebrew and Arabic letters are the practice's to print; a zero-width joiner builds an
    # emoji sequence, and a soft hyphen is a break hint: none of them reorders anything.
    for text in ("\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
                 "\U0001f469\u200d\u2695\ufe0f", "onco\u00adlogy"):
        assert clean_text(text) == text


def test_the_direction_controls_are_those_the_checks_name_and_unicode_defines() -> None:
    named = {e.char for e in hidden_data().characters if e.kind in ("bidi", "bidi-mark")}
    assert named == DIRECTION_CONTROLS
    classes = {unicodedata.bidirectional(ch) for ch in DIRECTION_CONTROLS}
    assert classes == {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI",
                       "L", "R", "AL"}
    # Every explicit formatting character Unicode has (UAX #9 section 2) is in the list.
    explicit = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
    assert {chr(c) for c in range(0x110000)
            if unicodedata.bidirectional(chr(c)) in explicit} <= DIRECTION_CONTROLS


# Text that reportlab's Paragraph would have read as markup, and template syntax: the PDF sets
# words, never markup, and each must print exactly as typed.
TYPED_MARKUP = (
    "<b>", "Ng&amp;", 'say "hi"', "O'Brien", "{{ 7*7 }} **Bold** #1",
    "<br/><font face='x'>", "<u>not underlined</u> &lt;", HOSTILE_NAME,
)


def test_typed_markup_prints_as_typed_in_the_pdf() -> None:
    document = LetterDocument(
        blocks=[Paragraph([Run(text)]) for text in TYPED_MARKUP]
        + [Paragraph([Run(TYPED_MARKUP[0], bold=True), Run(TYPED_MARKUP[1], italic=True)])],
        header=RunningHeader(HOSTILE_NAME, "", "M1"),
    )
    out = io.BytesIO()
    write_pdf(document, out, invariant=True)
    lines = [line.strip() for line in probes.pdf_pages(out.getvalue())[0].splitlines()]
    for text in TYPED_MARKUP:
        assert text in lines
    assert TYPED_MARKUP[0] + TYPED_MARKUP[1] in lines
    assert probes.normalize(lines[0]) == f"Patient: {HOSTILE_NAME} Member ID: M1"


def _faces(runs: list[Run]) -> list[list[tuple[str, str, bool]] | None]:
    return [None if word is LINE_BREAK else [tuple(piece) for piece in word.pieces]
            for word in paragraph_words(runs, BODY, 10)]


def test_run_styles_and_line_breaks_become_faces_and_breaks() -> None:
    assert _faces([Run("Dear"), Run("\n"), Run("Dr. Ana", bold=True, italic=True),
                   Run(" note", underline=True)]) == [
        [(BODY, "Dear", False)], None, [(BODY_BOLD_ITALIC, "Dr.", False)],
        [(BODY_BOLD_ITALIC, "Ana", False)], [(BODY, "note", True)],
    ]


def test_empty_run_prints_nothing() -> None:
    assert paragraph_words([Run("", bold=True)], BODY, 10) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Thị Ánh", [Segment("Nguyễn Thị Ánh")]),
        ("Ζωή Юлия", [Segment("Ζωή Юлия")]),
        ("李小龍", [Segment("李小龍", FALLBACK)]),
        ("Patient 李 Lee", [Segment("Patient "), Segment("李", FALLBACK),
                            Segment(" Lee")]),
        ("田中 はなこ", [Segment("田中", FALLBACK), Segment(" "),
                        Segment("はなこ", FALLBACK)]),
        ("김민준", [Segment("김민준", HANGUL)]),  # Droid Sans Fallback has no Hangul
        ("Min-jun 김 👍", [Segment("Min-jun "), Segment("김", HANGUL), Segment(" "),
                          Segment("👍", EMOJI)]),
        ("李 김", [Segment("李", FALLBACK), Segment(" "), Segment("김", HANGUL)]),
        ("", []),
    ],
)
def test_split_by_font_sends_only_missing_glyphs_to_the_fallback(
    text: str, expected: list[Segment]
) -> None:
    assert split_by_font(text) == expected


def _split_one_by_one(text: str, *, bold: bool, italic: bool) -> list[Segment]:
    """The split worked out a character at a time, as the general path does."""
    segments: list[Segment] = []
    for ch in text:
        font = split_by_font(ch, bold=bold, italic=italic)[0].font
        if segments and segments[-1].font == font:
            segments[-1] = Segment(segments[-1].text + ch, font)
        else:
            segments.append(Segment(ch, font))
    return segments


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aZ \t’“”–—é ễßΩж李김👍\x01\U0001d504"), max_size=12),
    st.booleans(), st.booleans(),
)
def test_split_by_font_of_a_line_is_that_of_its_characters(
    text: str, bold: bool, italic: bool
) -> None:
    assert split_by_font(text, bold=bold, italic=italic) == _split_one_by_one(
        text, bold=bold, italic=italic
    )


def test_split_by_font_uses_the_bold_face_coverage() -> None:
    assert split_by_font("Nguyễn 李", bold=True) == [Segment("Nguyễn "),
                                                     Segment("李", FALLBACK)]


def test_character_in_no_font_stays_in_the_body_face() -> None:
    unknown = "\U0001d504"  # mathematical fraktur A: no bundled font draws it
    assert not any(covers(name, unknown) for name in (FALLBACK, HANGUL, EMOJI))
    assert split_by_font(f"a{unknown}") == [Segment(f"a{unknown}")]


def test_a_recent_emoji_prints_in_noto_emoji() -> None:
    assert split_by_font("\U0001fae8") == [Segment("\U0001fae8", EMOJI)]  # Unicode 15


def test_hangul_and_emoji_print_in_their_fonts() -> None:
    assert _faces([Run("김 ✅", bold=True)]) == [[(HANGUL, "김", False)], [(EMOJI, "✅", False)]]


def test_cjk_prints_in_the_fallback_font() -> None:
    assert _faces([Run("Lee 李")]) == [[(BODY, "Lee", False)], [(FALLBACK, "李", False)]]


@pytest.mark.parametrize(
    ("text", "east_asian"),
    [("李", True), ("は", True), ("한", True), ("Ｚ", True), ("Zoë", False), ("Юлия", False)],
)
def test_east_asian_detection_for_word_fonts(text: str, east_asian: bool) -> None:
    assert is_east_asian(text[0]) is east_asian
    assert has_east_asian(f"Name {text}") is east_asian


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=40))
def test_east_asian_text_is_found_whatever_else_surrounds_it(text: str) -> None:
    # The quick answer for text with no character from U+1100 up must be the slow one.
    assert has_east_asian(text) is any(is_east_asian(ch) for ch in text)


def test_contact_line_leaves_out_what_is_not_set() -> None:
    assert contact_line(Letterhead(phone="555-0100", email="a@b.example")) == (
        "Phone 555-0100 \u00b7 Email a@b.example"
    )
    assert contact_line(Letterhead()) == ""
