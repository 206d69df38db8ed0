"""One running header and one "Page n of N" across the whole packet: cover, letter, enclosures.

Fax pages get separated, so every page says whose it is and where it
belongs, in the same words, place and date format as the letter's own pages
(pdf_furniture): the parts' own headers and footers are removed first (packet_place).
"""

from __future__ import annotations

import io

from desktop_app.export import letter_look as look


def stamp_line(number: int, total: int) -> str:
    return f"Page {number} of {total}"


def stamp_overlay(pages: int, header_text: str) -> bytes:
    """A PDF of `pages` transparent Letter pages, each with the header and its page count."""
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.export.fonts import register_pdf_fonts
    from desktop_app.export.pdf_furniture import (
        draw_page_number,
        draw_running_header,
        running_header,
    )

    register_pdf_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(look.PAGE_WIDTH, look.PAGE_HEIGHT), invariant=1)
    for number in range(1, pages + 1):
        draw_running_header(canvas, running_header(header_text))
        draw_page_number(canvas, number, pages)
        canvas.showPage()
    canvas.save()
    return out.getvalue()
