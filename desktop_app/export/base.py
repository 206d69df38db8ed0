"""What both exporters share: the writer protocol, the registry, text cleaning and image checks.

Images: a logo or signature image that is missing, unreadable, too large or in a format
Word cannot hold is skipped, never fatal. The letter then prints without the logo, or with a
line for a wet signature instead of the image, and a warning naming the file is logged.
Call `unreadable_images(document)` first to tell the user before exporting.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Protocol

from desktop_app import limits
from desktop_app.errors import ExportError
from desktop_app.letters import budget
from desktop_app.letters.document import LetterDocument, Letterhead, SignatureBlock, block_text

log = logging.getLogger(__name__)

APP_NAME = "PA Letter Studio"

# Limits for logo and signature images: real ones are a few hundred KiB at most.
MAX_IMAGE_BYTES = limits.IMAGE_FILE_BYTES
MAX_IMAGE_PIXELS = 25_000_000
# Formats that both reportlab (through Pillow) and python-docx can place.
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "GIF", "BMP", "TIFF"})


class LayoutBudgetExceeded(ExportError):
    """Laying the letter out took longer than the render budget allows (letters/budget.py).

    The message never quotes the letter; services name the case field that is too long.
    """


class LayoutStopped(Exception):  # internal: raised inside reportlab, never shown
    """Raised from inside a layout step once the time is up; the exporter turns it into
    LayoutBudgetExceeded, dropping whatever text reportlab attached to it on the way."""


def layout_budget_exceeded(fmt: str) -> LayoutBudgetExceeded:
    return LayoutBudgetExceeded(
        f"Laying the letter out as {fmt} took longer than {budget.MAX_SECONDS:g} seconds and "
        "was stopped; some text in the letter is far longer than a letter needs",
        hint="shorten the longest field",
    )


def check_layout_clock() -> None:
    """Stop a layout step (LayoutStopped) once the current budget's time is up."""
    if not budget.check_clock():
        raise LayoutStopped


class DocumentWriter(Protocol):
    """Writes one letter to a binary stream; raises ExportError on failure."""

    def __call__(self, document: LetterDocument, stream: BinaryIO, /) -> None: ...


def _write_pdf(document: LetterDocument, stream: BinaryIO, /) -> None:
    # Imported on call so that importing this module never loads reportlab.
    from desktop_app.export.pdf import write_pdf

    write_pdf(document, stream)


def _write_docx(document: LetterDocument, stream: BinaryIO, /) -> None:
    from desktop_app.export.docx import write_docx

    write_docx(document, stream)


EXPORTERS: dict[str, DocumentWriter] = {"pdf": _write_pdf, "docx": _write_docx}


def clean_text(text: str) -> str:
    """Text as it can be printed: line ends made "\\n", control characters dropped.

    XML 1.0 (the DOCX) cannot carry C0 control characters other than tab and line feed,
    nor surrogates or U+FFFE/U+FFFF; C1 controls print nothing.
    Direction controls (DIRECTION_CONTROLS) are dropped too, so a letter reads in the order
    its text is stored. Both exporters pass every piece of text they write through here.
    """
    text = text.replace("\r\n", "\n")
    if not text.isascii() or "\r" in text:
        text = text.translate(_LINE_ENDS)
    if text.isprintable():
        return text
    return "".join(ch for ch in text if _keeps(ch))


# Carriage return, next line, line and paragraph separators all end a line.
_LINE_ENDS = {0x0D: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}

# The invisible characters that change the order in which Word, PDF viewers and pdftotext
# lay a line out (UAX #9), so a letter could show a dose, a date or a name in another order
# than the one stored, checked and audited ("Trojan Source", CVE-2021-42574):
# - the explicit embeddings and overrides, U+202A..U+202E (LRE, RLE, PDF, LRO, RLO), and
#   isolates, U+2066..U+2069 (LRI, RLI, FSI, PDI), which reorder everything up to their end;
# - the marks U+200E, U+200F, U+061C (LRM, RLM, ALM). They embed nothing, but each one is a
#   strong character: numbers and punctuation between two right-to-left marks are laid out
#   right to left, so "1 <RLM>2 <RLM>3" shows as "1 3 2" in a left-to-right letter. The
#   reordering is of the paragraph, wherever the runs of the Word file begin and end.
# The checks name them where they are typed (knowledge/data/hidden_characters.json, kinds
# "bidi" and "bidi-mark"), but a letter exported over an override, or text that never went
# through a check, still holds them. The list is fixed here, not read from that file, so a
# hand-edited reference file cannot let one through. Right-to-left script is kept as typed.
DIRECTION_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def _keeps(ch: str) -> bool:
    if ch in "\n\t":
        return True
    if ch in "\ufffe\uffff" or ch in DIRECTION_CONTROLS:
        return False
    return unicodedata.category(ch) not in ("Cc", "Cs")


# Unicode blocks whose characters Word draws with the East Asian font (w:rFonts w:eastAsia).
_EAST_ASIAN_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x30FF),  # CJK symbols and punctuation, Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
    (0x3200, 0x4DBF),  # enclosed CJK, CJK compatibility, CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul Jamo extended A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)


def is_east_asian(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _EAST_ASIAN_RANGES)


def has_east_asian(text: str) -> bool:
    if not text or max(text) < "\u1100":
        return False  # most of a letter: no character that high, found without a loop step each
    return any(ord(ch) >= 0x1100 and is_east_asian(ch) for ch in text)


@dataclass(frozen=True, slots=True)
class PlacedImage:
    """An image that passed the checks, with its bytes so both exporters read the same data."""

    data: bytes
    width_px: int
    height_px: int

    def stream(self) -> io.BytesIO:
        return io.BytesIO(self.data)

    def fit(self, max_width: float, max_height: float) -> tuple[float, float]:
        """Width and height (in the units given) that fit the box and keep the proportions."""
        scale = min(max_width / self.width_px, max_height / self.height_px)
        return self.width_px * scale, self.height_px * scale


def load_image(path: str | None) -> PlacedImage | None:
    """The image at `path`, or None (with a logged warning) if it cannot be placed."""
    if not path:
        return None
    try:
        return _load_image(path, Path(path).stat().st_mtime_ns)
    except OSError:
        log.warning("Image skipped, file not readable: %s", Path(path).name)
        return None


@lru_cache(maxsize=16)
def _load_image(path: str, _mtime_ns: int) -> PlacedImage | None:
    from PIL import UnidentifiedImageError

    from desktop_app.export.pictures import TooManyPixels, open_picture

    name = Path(path).name
    with limits.open_for_reading(Path(path)) as handle:
        data = handle.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        log.warning("Image skipped, larger than %s: %s", limits.size_words(MAX_IMAGE_BYTES), name)
        return None
    try:
        with open_picture(data, max_pixels=MAX_IMAGE_PIXELS) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except TooManyPixels:
        log.warning("Image skipped, too many pixels for a logo or signature: %s", name)
        return None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        log.warning("Image skipped, not a readable picture: %s", name)
        return None
    if image_format not in IMAGE_FORMATS or not width:
        log.warning("Image skipped, unsupported format or size: %s", name)
        return None
    return PlacedImage(data, width, height)


def unreadable_images(document: LetterDocument) -> list[str]:
    """Paths of the logo or signature images that the exporters would skip."""
    paths = [document.letterhead.logo_path] + [
        block.image_path for block in document.blocks if isinstance(block, SignatureBlock)
    ]
    return [path for path in paths if path and load_image(path) is None]


def contact_line(letterhead: Letterhead) -> str:
    """ "Phone ... · Fax ... · Email ..." for the letterhead, leaving out what is not set."""
    return " \u00b7 ".join(
        f"{label} {value}"
        for label, value in (("Phone", letterhead.phone), ("Fax", letterhead.fax),
                             ("Email", letterhead.email))
        if value
    )


def signature_lines(block: SignatureBlock) -> tuple[list[str], int]:
    """The signature block's lines (as in plain_text) and the index of the name line."""
    return block_text(block), 1 if block.signed_line else 0


def writer_for(fmt: str) -> Callable[[LetterDocument, BinaryIO], None]:
    """The writer for "pdf" or "docx"; raises ExportError for any other format."""
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise ExportError(
            f"Unknown export format '{fmt}'", hint="choose one of: " + ", ".join(EXPORTERS)
        ) from None
