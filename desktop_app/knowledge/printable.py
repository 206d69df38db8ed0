"""Which typed characters the PDF letter can print, and which need right-to-left setting.

The PDF is set with bundled fonts (assets/fonts). A character none of them has prints as an
empty box, and reportlab sets Arabic and Hebrew letters left to right and unjoined, so a name
in those scripts would read wrongly. reportlab does no shaping either, so an emoji sequence
prints as its separate pictures. The checker warns about all three before a letter goes out;
the DOCX is unaffected (Word sets them). The character list is pdf_characters.json.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from desktop_app.knowledge.hidden import hidden_data
from desktop_app.knowledge.reference import Sourced, load_reference, register_cache

PRINTABLE_FILE = "pdf_characters.json"
# Never printed, so never missing: controls and format characters (zero-width joiners, bidi
# marks, soft hyphens) that the exporters drop or that carry no glyph of their own.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Unicode bidirectional classes of right-to-left letters (UAX #9): Hebrew (R), Arabic (AL).
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


# The five kinds of emoji sequence (Unicode Technical Standard #51, section 1.4.9 and
# ED-14 to ED-17): zero-width-joiner sequences (a family), modifier sequences (a skin tone),
# flags (two regional indicators), tag sequences (England's flag) and keycaps (1️⃣).
_EMOJI_SEQUENCE = re.compile(
    r"[^\s\x00-\x7f]\ufe0f?(?:\u200d[^\s\x00-\x7f]\ufe0f?)+"
    r"|\S[\U0001F3FB-\U0001F3FF]"
    r"|[\U0001F1E6-\U0001F1FF]{2}"
    r"|\S[\U000E0020-\U000E007F]+"
    r"|[0-9#*]\ufe0f?\u20e3"
)
_PICTURE_CATEGORIES = frozenset({"So", "Sk"})


class PrintableCharacters(Sourced):
    about: str = ""
    ranges: tuple[tuple[int, int], ...]


@functools.cache
def printable_data() -> PrintableCharacters:
    return load_reference(PRINTABLE_FILE, PrintableCharacters)


@functools.cache
def _ranges() -> tuple[list[int], list[int]]:
    pairs = sorted(printable_data().ranges)
    return [first for first, _ in pairs], [last for _, last in pairs]


register_cache(printable_data.cache_clear)
register_cache(_ranges.cache_clear)


def printable(ch: str) -> bool:
    """True if the PDF prints `ch` with a real glyph (or `ch` never needs one)."""
    if ch.isascii() or unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
        return True
    firsts, lasts = _ranges()
    code = ord(ch)
    at = bisect.bisect_right(firsts, code) - 1
    return at >= 0 and code <= lasts[at]


def unprintable_characters(text: str) -> list[str]:
    """The distinct characters of `text` the PDF cannot print, in the order they first appear."""
    if text.isascii():
        return []
    return list(dict.fromkeys(ch for ch in text if not printable(ch)))


def has_right_to_left(text: str) -> bool:
    """True if `text` has Hebrew or Arabic-script letters."""
    return not text.isascii() and any(
        unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text
    )


def emoji_sequences(text: str) -> list[str]:
    """The distinct emoji sequences in `text`, which the PDF prints as separate pictures.

    A joiner between letters (some Indic scripts use one) is not an emoji sequence: a joined
    sequence counts only when every part joined is a pictograph (Unicode category So or Sk).
    """
    if text.isascii():
        return []
    found = []
    for match in _EMOJI_SEQUENCE.finditer(text):
        sequence = match.group()
        if "\u200d" in sequence:
            parts = [part.replace("\ufe0f", "") for part in sequence.split("\u200d")]
            if not all(unicodedata.category(part[:1] or "a") in _PICTURE_CATEGORIES
                       for part in parts):
                continue
        found.append(sequence)
    return list(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class PrintTroubles:
    """How the PDF would fail to print a text as typed; empty when it prints as it is."""

    right_to_left: bool = False  # Arabic or Hebrew letters, set left to right and unjoined
    missing: tuple[str, ...] = ()  # no glyph: each an empty box (right-to-left letters aside)
    sequences: tuple[str, ...] = ()  # emoji sequences printed as their separate pictures
    # U+FFFE, U+FFFF: no letter holds them (XML 1.0 has no such Char, so the DOCX cannot
    # either); both exporters leave them out. Not "missing": the Word file is no way round.
    dropped: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.right_to_left or bool(self.missing or self.sequences or self.dropped)


def print_troubles(text: str) -> PrintTroubles:
    """Everything about `text` the PDF cannot print as typed, each trouble said once."""
    if text.isascii():
        return PrintTroubles()
    right_to_left = has_right_to_left(text)
    # Right-to-left letters are one trouble of their own, not also "missing" ones.
    unprintable = unprintable_characters(text)
    missing = tuple(ch for ch in unprintable
                    if ch not in _NOT_XML and not (right_to_left and has_right_to_left(ch)))
    dropped = tuple(ch for ch in dict.fromkeys(text) if ch in _NOT_XML)
    return PrintTroubles(right_to_left, missing, tuple(emoji_sequences(text)), dropped)


# XML 1.0 (the DOCX) cannot carry these at all (its Char production).
_NOT_XML = frozenset("\ufffe\uffff")


def unsafe_characters(text: str, *, line_breaks: bool = False) -> list[str]:
    """The distinct characters in `text` that would corrupt a letter or make it mislead.

    Control characters (C0, DEL, C1), lone surrogates and U+FFFE/U+FFFF cannot be carried
    by the DOCX's XML, and the exporters drop them, so the letter would differ from what was
    typed; the bidirectional embeddings, overrides and isolates of hidden_characters.json
    reorder the words around them. `line_breaks` keeps the line ends a postal address holds.
    """
    if text.isprintable() and text.isascii():
        return []
    bidi = _bidi_controls()
    kept = "\n\r" if line_breaks else ""
    return list(dict.fromkeys(
        ch for ch in text
        if ch not in kept and (ch in bidi or ch in _NOT_XML
                               or unicodedata.category(ch) in ("Cc", "Cs"))
    ))


@functools.cache
def _bidi_controls() -> frozenset[str]:
    return frozenset(entry.char for entry in hidden_data().characters if entry.kind == "bidi")


register_cache(_bidi_controls.cache_clear)


def character_words(ch: str) -> str:
    """A character named without showing it: "U+202E RIGHT-TO-LEFT OVERRIDE", "U+0000"."""
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    if not name:
        name = next((e.name for e in hidden_data().characters if e.char == ch), "")
    return f"{code} {name}" if name else code
