"""Text widths in the bundled fonts, for the few places the DOCX must know how the PDF wraps.

The running header is one line in nearly every letter; a long one wraps upward from its rule
in the PDF, and the DOCX header then starts higher by as many lines (docx_page).
"""

from __future__ import annotations

from desktop_app.export.fonts import segment_font, split_by_font


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in points of `text` set in the body face, fallbacks where the face lacks a glyph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(
        float(stringWidth(segment.text, segment_font(segment, bold=bold, italic=italic), size))
        for segment in split_by_font(text, bold=bold, italic=italic)
    )


def line_count(text: str, size: float, width: float) -> int:
    """Lines the text takes when wrapped at spaces to `width`, as reportlab's Paragraph does."""
    words = text.split()
    if not words:
        return 1
    space = text_width(" ", size)
    lines, used = 1, 0.0
    for word in words:
        needed = text_width(word, size)
        if used and used + space + needed > width:
            lines, used = lines + 1, needed
        else:
            used += (space if used else 0.0) + needed
    return lines
