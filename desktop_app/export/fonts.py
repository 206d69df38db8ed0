"""Bundled PDF fonts: each face registered when first set, glyph fallbacks for what DejaVu lacks.

reportlab has no glyph fallback: a character the font lacks prints as
a box. So text is split by DejaVu Sans's character map, and each character it lacks is set
in the first fallback that has it: Droid Sans Fallback (Chinese, Japanese), Nanum Gothic
(Korean Hangul), Noto Emoji (emoji and pictographs, in outline). All three are TrueType
with glyf outlines, which reportlab can embed; each is loaded only when a letter needs it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Final

from desktop_app.errors import ExportError
from desktop_app.export import parsed_fonts
from desktop_app.export.assets import asset_path

BODY: Final = "PALetterSans"
BODY_BOLD: Final = "PALetterSans-Bold"
BODY_ITALIC: Final = "PALetterSans-Italic"
BODY_BOLD_ITALIC: Final = "PALetterSans-BoldItalic"
FALLBACK: Final = "PALetterFallback"
HANGUL: Final = "PALetterHangul"
EMOJI: Final = "PALetterEmoji"
# Tried in this order for a character the body face lacks.
FALLBACKS: Final = (FALLBACK, HANGUL, EMOJI)

# reportlab font name -> file in assets/fonts (licences beside them).
FONT_FILES: Final = {
    BODY: "DejaVuSans.ttf",
    BODY_BOLD: "DejaVuSans-Bold.ttf",
    BODY_ITALIC: "DejaVuSans-Oblique.ttf",
    BODY_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
}

_lock = threading.Lock()
_coverage: dict[str, frozenset[int] | dict[int, int]] = {}
# Faces with a glyph for every printable ASCII character: most of a letter's text needs no
# per-character lookup in them (see split_by_font).
_covers_ascii: set[str] = set()
_PRINTABLE_ASCII: Final = range(0x20, 0x7F)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text that prints in one font: the body face (font None) or a fallback."""

    text: str
    font: str | None = None

    @property
    def fallback(self) -> bool:
        return self.font is not None


def body_font(bold: bool = False, italic: bool = False) -> str:
    if bold and italic:
        return BODY_BOLD_ITALIC
    if bold:
        return BODY_BOLD
    return BODY_ITALIC if italic else BODY


BODY_FACES: Final = (BODY, BODY_BOLD, BODY_ITALIC, BODY_BOLD_ITALIC)


def register_pdf_fonts() -> None:
    """Register the DejaVu Sans faces with reportlab, once per process (thread-safe)."""
    _ensure_registered(BODY_FACES)


def register_face(name: str) -> None:
    """Register one bundled face if it is not yet: a letter loads only the faces it sets.

    Each DejaVu face takes 12-25 ms to read, and most letters never set bold italic.
    Names that are not bundled faces (reportlab's own) are left to reportlab.
    """
    if name not in _coverage and name in FONT_FILES:
        _ensure_registered((name,))


def _fallback_coverage(name: str = FALLBACK) -> dict[int, int] | frozenset[int]:
    # Droid Sans Fallback takes about 70 ms to load, Nanum Gothic more: only when needed.
    _ensure_registered((name,))
    return _coverage[name]


def _fallback_for(code: int) -> str | None:
    """The first fallback font with a glyph for this code point, or None."""
    for name in FALLBACKS:
        if code in _fallback_coverage(name):
            return name
    return None


def _ensure_registered(names: tuple[str, ...]) -> None:
    if all(name in _coverage for name in names):
        return
    with _lock:
        missing = [name for name in names if name not in _coverage]
        if not missing:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        from desktop_app.export import (
            pdf_cmap,
            pdf_deflate,
            pdf_font_subsets,
            pdf_glyph_codes,
            pdf_number_arrays,
            pdf_widths,
        )

        pdf_cmap.install()  # emoji must copy out of the PDF as emoji
        pdf_deflate.install()  # every PDF we write registers these fonts first
        pdf_glyph_codes.install()
        pdf_font_subsets.install()
        pdf_widths.install()
        pdf_number_arrays.install()

        loaded = {name: _load_font(name) for name in missing}
        for font in loaded.values():
            pdfmetrics.registerFont(font)
        if not _coverage:
            # Only names are mapped: the family's faces may be loaded later, one by one.
            pdfmetrics.registerFontFamily(
                BODY, normal=BODY, bold=BODY_BOLD, italic=BODY_ITALIC,
                boldItalic=BODY_BOLD_ITALIC,
            )
        for name in FALLBACKS:
            if name in loaded:
                # A fallback has one face; <b> and <i> around it must still find a font.
                for bold in (0, 1):
                    for italic in (0, 1):
                        addMapping(name, bold, italic, name)
        for name, font in loaded.items():
            _coverage[name] = font.face.charToGlyph
            if all(code in font.face.charToGlyph for code in _PRINTABLE_ASCII):
                _covers_ascii.add(name)


def _load_font(name: str) -> Any:
    from reportlab.pdfbase.ttfonts import TTFError

    path = asset_path("fonts", FONT_FILES[name])
    try:
        return parsed_fonts.load_font(name, path)
    except (TTFError, OSError) as exc:
        raise ExportError(
            "A bundled font cannot be read", file=str(path), hint="reinstall PA Letter Studio"
        ) from exc


def covers_printable_ascii(font_name: str) -> bool:
    """True if the face (registered) has a glyph for every printable ASCII character: such
    text needs no split by font at all."""
    return font_name in _covers_ascii


def covers(font_name: str, ch: str) -> bool:
    """True if the bundled font has a glyph for `ch`."""
    _ensure_registered((font_name,))
    return ord(ch) in _coverage[font_name]


def split_by_font(text: str, *, bold: bool = False, italic: bool = False) -> list[Segment]:
    """Split text into segments for the body face and for the fallback fonts.

    A character goes to a fallback only if the body face (in this weight and slant) lacks it
    and that fallback has it; one no font has stays in the body face.
    """
    face = body_font(bold, italic)
    register_face(face)
    if face in _covers_ascii and text.isascii() and text.isprintable():
        return [Segment(text)] if text else []  # the common case, without a lookup per character
    main = _coverage[face]
    if text and set(map(ord, text)) <= (main.keys() if isinstance(main, dict) else main):
        # Curly quotes, dashes, accented names: all in the body face, so no lookup per
        # character (the loop below would give this one segment too).
        return [Segment(text)]
    segments: list[Segment] = []
    start = 0
    current: str | None = None
    for index, ch in enumerate(text):
        code = ord(ch)
        font = None if code in main else _fallback_for(code)
        if font != current and index > start:
            segments.append(Segment(text[start:index], current))
            start = index
        current = font
    if start < len(text):
        segments.append(Segment(text[start:], current))
    return segments


def segment_font(segment: Segment, *, bold: bool = False, italic: bool = False) -> str:
    """The reportlab font name a segment is set in."""
    return segment.font or body_font(bold, italic)


def printable_ranges() -> list[tuple[int, int]]:
    """Code points the PDF prints with a real glyph in every face: (first, last) ranges.

    A character counts when all four DejaVu Sans faces have it (a letter may be set in bold or
    italic) or a fallback font has it. knowledge/data/pdf_characters.json holds this list for
    the checker, which must not load fonts; scripts/update_pdf_characters.py writes it.
    """
    register_pdf_fonts()
    faces = [set(_coverage[name]) for name in BODY_FACES]
    fallbacks = set().union(*(set(_fallback_coverage(name)) for name in FALLBACKS))
    codes = sorted(set.intersection(*faces) | fallbacks)
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges
