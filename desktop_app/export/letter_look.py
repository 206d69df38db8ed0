"""The letter's look in points, read by both exporters so the DOCX and the PDF cannot drift apart.

Neither reportlab nor python-docx is imported here: pdf_styles.py turns these measures into
reportlab styles, docx_styles.py into Word styles. Line heights are exact (reportlab's
`leading`, Word's "exactly" line spacing), so a paragraph takes the same height in both and
Word, LibreOffice and the PDF break pages in the same places (tests/golden/test_docx_pages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

# US Letter, 1-inch margins: what US payers' fax lines and mail rooms expect.
PAGE_WIDTH: Final = 612.0
PAGE_HEIGHT: Final = 792.0
MARGIN: Final = 72.0
FRAME_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN
HEADER_TOP: Final = 32.4  # from the top edge: where the running header may start
HEADER_RULE: Final = 57.6  # from the top edge: the thin rule under the running header
HEADER_GAP: Final = 3.0  # between the running header's last baseline area and its rule
FOOTER_BASELINE: Final = 39.6  # from the bottom edge: "Page n of N"

INK: Final = "1A1A1A"
NAVY: Final = "1F3A5F"
GREY: Final = "555555"
RULE: Final = "8C99AA"
HEADER_FILL: Final = "E3E8EF"
BANNER_RED: Final = "9B1C1C"

LOGO_MAX_WIDTH: Final = 115.2  # 1.6 inch
LOGO_MAX_HEIGHT: Final = 57.6
LOGO_GAP: Final = 14.4  # between the logo and the practice's name
SIGNATURE_MAX_WIDTH: Final = 172.8
SIGNATURE_MAX_HEIGHT: Final = 57.6
SIGNATURE_LINE_WIDTH: Final = 201.6  # the line for a wet signature, 2.8 inch
SIGNATURE_LINE_ROOM: Final = 24.0  # blank space above that line
REFERENCE_LABEL_WIDTH: Final = 126.0  # the label column of the patient/plan block

LETTERHEAD_RULE: Final = 1.2  # the navy rule under the letterhead
LETTERHEAD_RULE_BEFORE: Final = 6.0
LETTERHEAD_RULE_AFTER: Final = 10.0
HEADER_RULE_WIDTH: Final = 0.5


@dataclass(frozen=True, slots=True)
class TextLook:
    """One paragraph style: sizes, exact line height and spacing in points."""

    size: float
    leading: float
    before: float = 0.0
    after: float = 0.0
    bold: bool = False
    italic: bool = False
    color: str = INK
    left_indent: float = 0.0
    right_indent: float = 0.0
    align: Literal["left", "center"] = "left"
    keep_with_next: bool = False


BODY_SIZE: Final = 10.5
# Page economy: 14 points (1.33 times the type) reads as easily as 14.5 and saves a line a
# page; the label/value block and the letterhead are set as closely.
BODY_LEADING: Final = 14.0

# Keys are the LetterDocument's paragraph styles plus the exporters' own.
TEXT: Final[dict[str, TextLook]] = {
    "body": TextLook(BODY_SIZE, BODY_LEADING, after=6),
    "heading1": TextLook(12, 15, before=11, after=5, bold=True, color=NAVY, keep_with_next=True),
    "heading2": TextLook(BODY_SIZE, 14, before=8, after=3, bold=True, color=NAVY,
                         keep_with_next=True),
    "banner": TextLook(11, 14, before=6, after=16, bold=True, color=BANNER_RED,
                       left_indent=6, right_indent=6, align="center"),
    "subject": TextLook(BODY_SIZE, BODY_LEADING, before=2, after=8, bold=True),
    "small": TextLook(8.5, 11, after=5, color=GREY),
    "quote": TextLook(10, 13.5, before=1, after=8, italic=True, left_indent=28.8,
                      right_indent=28.8),
    "address": TextLook(BODY_SIZE, 13.5, after=10),
    "closing": TextLook(BODY_SIZE, BODY_LEADING, before=4, after=2, keep_with_next=True),
    "list": TextLook(BODY_SIZE, BODY_LEADING, after=2.5),
    "reference": TextLook(9, 12, after=2),
    "cell": TextLook(9.5, 12),
    "cell_head": TextLook(9.5, 12, bold=True),
    "label": TextLook(10, 13, bold=True),
    "value": TextLook(10, 13),
    "practice": TextLook(15, 19, after=1, bold=True, color=NAVY),
    "practice_line": TextLook(9, 12, color=GREY),
    "signature": TextLook(BODY_SIZE, 13),
    "signed": TextLook(9, 12, after=2, italic=True, color=GREY),
    "running_header": TextLook(8.5, 11, color=GREY),
    "footer": TextLook(8.5, 11, color=GREY, align="center"),
}

# Lists: the text's indent, and where the bullet or number starts.
BULLET_INDENT: Final = 18.0
BULLET_AT: Final = 4.0
NUMBER_INDENT: Final = 22.0
NUMBER_AT: Final = 0.0
LAST_ITEM_AFTER: Final = 6.0  # room between a list and the next block


@dataclass(frozen=True, slots=True)
class TableLook:
    """Cell padding in points, and the space left under the table."""

    left: float
    right: float
    top: float
    bottom: float
    space_after: float


GRID_TABLE: Final = TableLook(left=5, right=5, top=3.5, bottom=4.5, space_after=12)
REFERENCE_TABLE: Final = TableLook(left=0, right=6, top=1, bottom=1.5, space_after=10)
GRID_RULE_WIDTH: Final = 0.5  # light rules, in RULE's colour
HEADER_ROW_RULE_WIDTH: Final = 1.0  # the navy rule under a table's heading row
