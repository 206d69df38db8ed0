"""The hidden-character list matches the Unicode Character Database, and finds what it lists."""

from __future__ import annotations

import unicodedata

import pytest

from desktop_app.knowledge.hidden import hidden_characters, hidden_data, without_hidden

# UAX #9 section 2: LRE, RLE, PDF, LRO, RLO (2.1-2.3), LRI, RLI, FSI, PDI (2.4).
EXPLICIT_BIDI_CLASSES = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


def test_each_entry_is_the_character_the_unicode_database_names() -> None:
    for entry in hidden_data().characters:
        assert unicodedata.name(entry.char) == entry.name, entry.code_point
        assert unicodedata.category(entry.char) == "Cf", entry.code_point  # invisible


def test_every_explicit_directional_formatting_character_is_listed() -> None:
    listed = {e.char for e in hidden_data().characters if e.kind == "bidi"}
    explicit = {
        chr(code) for code in range(0x10000)
        if unicodedata.bidirectional(chr(code)) in EXPLICIT_BIDI_CLASSES
    }
    assert listed == explicit
    assert {f"U+{ord(c):04X}" for c in explicit} == {
        *(f"U+{c:04X}" for c in range(0x202A, 0x202F)),
        *(f"U+{c:04X}" for c in range(0x2066, 0x206A)),
    }


def test_marks_have_a_strong_direction_and_zero_width_ones_none() -> None:
    for entry in hidden_data().characters:
        direction = unicodedata.bidirectional(entry.char)
        if entry.kind == "bidi-mark":
            assert direction in ("L", "R", "AL"), entry.code_point
        elif entry.kind == "zero-width":
            assert direction in ("BN", "NSM", "L"), entry.code_point


@pytest.mark.parametrize(
    ("text", "found", "cleaned"),
    [
        ("Ann \u202eeoJ", ["U+202E"], "Ann eoJ"),
        ("AB\u200b12\u200d", ["U+200B", "U+200D"], "AB12"),
        ("\u2066x\u2069\u2066", ["U+2066", "U+2069"], "x"),
        ("Nguyễn Thị", [], "Nguyễn Thị"),
        ("plain", [], "plain"),
    ],
)
def test_hidden_characters_are_found_in_order_and_removed(
    text: str, found: list[str], cleaned: str
) -> None:
    assert [c.code_point for c in hidden_characters(text)] == found
    assert without_hidden(text) == cleaned


def test_the_data_names_its_primary_sources() -> None:
    data = hidden_data()
    assert "https://www.unicode.org/reports/tr9/" in data.source
    assert "UnicodeData.txt" in data.source
    assert data.verified
