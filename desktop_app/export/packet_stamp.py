"""The "Packet page n of N" line stamped in every packet page's top-right corner.

Fax pages get separated (DESIGN.md, PDF), so each page says where it belongs. The stamp sits
above the letter's running header (0.45 inch from the top, export/pdf_styles.py) and far from
its centred footer, so the two never collide.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

STAMP_SIZE = 7.5  # points: small, yet still legible after a fine-mode fax
STAMP_FROM_TOP = 20.0  # baseline, points below the top edge
STAMP_FROM_RIGHT = 36.0
STAMP_GAP = "   "


@dataclass(frozen=True, slots=True)
class PageBox:
    """A page's visible area in its own coordinates: left, bottom, width, height."""

    left: float
    bottom: float
    width: float
    height: float


def page_box(page: Any) -> PageBox:
    box = page.cropbox
    left, bottom = float(min(box.left, box.right)), float(min(box.bottom, box.top))
    return PageBox(left, bottom, abs(float(box.width)), abs(float(box.height)))


def stamp_line(header_text: str, number: int, total: int) -> str:
    page = f"Packet page {number} of {total}"
    header = " ".join(header_text.split())
    return f"{header}{STAMP_GAP}{page}" if header else page


def _fit(text: str, room: float) -> str:
    """Shorten from the left end of the header so "Packet page n of N" always shows whole."""
    if _text_width(text) <= room:
        return text
    while text and _text_width("…" + text) > room:
        text = text[1:]
    return "…" + text


def _runs(text: str) -> list[tuple[str, str, float]]:
    """(text, font, width) runs: the body face, and the fallback for what it lacks (CJK)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop_app.export.fonts import BODY, FALLBACK, split_by_font

    runs = []
    for segment in split_by_font(text):
        font = FALLBACK if segment.fallback else BODY
        runs.append((segment.text, font, stringWidth(segment.text, font, STAMP_SIZE)))
    return runs


def _text_width(text: str) -> float:
    return sum(width for _text, _font, width in _runs(text))


def _draw_right_aligned(canvas: Any, text: str, right: float, baseline: float) -> None:
    runs = _runs(text)
    x = right - sum(width for _text, _font, width in runs)
    for run_text, font, width in runs:
        canvas.setFont(font, STAMP_SIZE)
        canvas.drawString(x, baseline, run_text)
        x += width


def stamp_overlay(boxes: list[PageBox], header_text: str) -> bytes:
    """A PDF with one transparent page per box, carrying only the stamp line."""
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.export.fonts import register_pdf_fonts

    register_pdf_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    total = len(boxes)
    for number, box in enumerate(boxes, start=1):
        canvas.setPageSize((box.width, box.height))
        room = box.width - 2 * STAMP_FROM_RIGHT
        line = _fit(stamp_line(header_text, number, total), room)
        canvas.setFillGray(0.2)
        _draw_right_aligned(canvas, line, box.width - STAMP_FROM_RIGHT, box.height - STAMP_FROM_TOP)
        canvas.showPage()
    canvas.save()
    return out.getvalue()
