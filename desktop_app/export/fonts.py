"""Bundled PDF fonts: registered once per process, with a glyph fallback for CJK and the rest.

reportlab has no glyph fallback (TECH.md, "PDF fonts"): a character the font lacks prints as
a box. So text is split by DejaVu Sans's character map and the characters it lacks are set
in Droid Sans Fallback instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Final

from desktop_app.errors import ExportError
from desktop_app.export.assets import asset_path

BODY: Final = "PALetterSans"
BODY_BOLD: Final = "PALetterSans-Bold"
BODY_ITALIC: Final = "PALetterSans-Italic"
BODY_BOLD_ITALIC: Final = "PALetterSans-BoldItalic"
FALLBACK: Final = "PALetterFallback"

# reportlab font name -> file in assets/fonts (licences beside them).
FONT_FILES: Final = {
    BODY: "DejaVuSans.ttf",
    BODY_BOLD: "DejaVuSans-Bold.ttf",
    BODY_ITALIC: "DejaVuSans-Oblique.ttf",
    BODY_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}

_lock = threading.Lock()
_coverage: dict[str, frozenset[int] | dict[int, int]] = {}
# Faces with a glyph for every printable ASCII character: most of a letter's text needs no
# per-character lookup in them (see split_by_font).
_covers_ascii: set[str] = set()
_PRINTABLE_ASCII: Final = range(0x20, 0x7F)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text that prints in one font: the body face or the fallback."""

    text: str
    fallback: bool = False


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


def _fallback_coverage() -> dict[int, int] | frozenset[int]:
    # Droid Sans Fallback takes about 70 ms to load: only when a letter needs it.
    _ensure_registered((FALLBACK,))
    return _coverage[FALLBACK]


def _ensure_registered(names: tuple[str, ...]) -> None:
    if all(name in _coverage for name in names):
        return
    with _lock:
        missing = [name for name in names if name not in _coverage]
        if not missing:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        loaded = {name: _load_font(name) for name in missing}
        for font in loaded.values():
            pdfmetrics.registerFont(font)
        if BODY in loaded:
            pdfmetrics.registerFontFamily(
                BODY, normal=BODY, bold=BODY_BOLD, italic=BODY_ITALIC,
                boldItalic=BODY_BOLD_ITALIC,
            )
        if FALLBACK in loaded:
            # The fallback has one face; <b> and <i> around it must still find a font.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FALLBACK, bold, italic, FALLBACK)
        for name, font in loaded.items():
            _coverage[name] = font.face.charToGlyph
            if all(code in font.face.charToGlyph for code in _PRINTABLE_ASCII):
                _covers_ascii.add(name)


def _load_font(name: str) -> Any:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    path = asset_path("fonts", FONT_FILES[name])
    try:
        return TTFont(name, str(path))
    except (TTFError, OSError) as exc:
        raise ExportError(
            "A bundled font cannot be read", file=str(path), hint="reinstall PA Letter Studio"
        ) from exc


def covers(font_name: str, ch: str) -> bool:
    """True if the bundled font has a glyph for `ch`."""
    _ensure_registered((font_name,))
    return ord(ch) in _coverage[font_name]


def split_by_font(text: str, *, bold: bool = False, italic: bool = False) -> list[Segment]:
    """Split text into segments for the body face and for the fallback font.

    A character goes to the fallback only if the body face (in this weight and slant) lacks
    it and the fallback has it; one neither has stays in the body face.
    """
    register_pdf_fonts()
    face = body_font(bold, italic)
    if face in _covers_ascii and text.isascii() and text.isprintable():
        return [Segment(text)] if text else []  # the common case, without a lookup per character
    main = _coverage[face]
    segments: list[Segment] = []
    start = 0
    current = False
    for index, ch in enumerate(text):
        code = ord(ch)
        use_fallback = code not in main and code in _fallback_coverage()
        if use_fallback != current and index > start:
            segments.append(Segment(text[start:index], current))
            start = index
        current = use_fallback
    if start < len(text):
        segments.append(Segment(text[start:], current))
    return segments


def printable_ranges() -> list[tuple[int, int]]:
    """Code points the PDF prints with a real glyph in every face: (first, last) ranges.

    A character counts when all four DejaVu Sans faces have it (a letter may be set in bold or
    italic) or the fallback font has it. knowledge/data/pdf_characters.json holds this list for
    the checker, which must not load fonts; scripts/update_pdf_characters.py writes it.
    """
    register_pdf_fonts()
    faces = [set(_coverage[name]) for name in BODY_FACES]
    codes = sorted(set.intersection(*faces) | set(_fallback_coverage()))
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges
