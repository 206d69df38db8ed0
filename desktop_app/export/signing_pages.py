"""Pages as a reader sees them, rendered with PDFium, to tell what a later revision covered.

pyHanko's difference analysis rates a second signature whose visible stamp covers the signed
text as mere form filling. So each signed revision's pages
are rendered and compared with the final file's: a pixel that changed where the signed page
had ink means something now covers or alters what the signer saw. The only change allowed on
a page is a later signature's stamp, drawn on space that was blank.

PDFium (pypdfium2, a wheel with no system dependency) renders in-process in a few
milliseconds a page; poppler's pdftoppm would mean a subprocess per revision and an apt
package. It is imported only when a file has revisions after a signature.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

SCALE = 1.5  # 108 dpi: a changed digit in 8-point text still changes whole pixels
INK = 235  # grey level below which a pixel is ink rather than paper (anti-aliasing aside)
CHANGED = 48  # grey levels two renders must differ by to count as a change
SLACK = 2  # pixels around a stamp's box its anti-aliased border may touch
MAX_PIXELS_PER_SIDE = 2400  # a hostile page 200 inches wide must not take gigabytes to draw

Box = tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One page as a grey image, with what maps PDF points to its pixels."""

    image: Any  # PIL image, mode "L"
    to_pixels: Any  # callable (x, y) -> (px, py)


def _scale(page: Any) -> float:
    """SCALE, or less for a page so large its image would not fit in sensible memory."""
    longest = max(float(page.get_width()), float(page.get_height()), 1.0)
    return min(SCALE, MAX_PIXELS_PER_SIDE / longest)


def _mapper(page: Any, width: int, height: int) -> Any:
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    def to_pixels(x: float, y: float) -> tuple[int, int]:
        px, py = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDF_PageToDevice(
            page.raw, 0, 0, width, height, 0, x, y, ctypes.byref(px), ctypes.byref(py)
        )
        return px.value, py.value

    return to_pixels


def render_pages(pdf_bytes: bytes) -> list[RenderedPage]:
    """Every page, grey, with form fields and annotations drawn (signature stamps included)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        document.init_forms()  # without it PDFium leaves signature widgets undrawn
        pages = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=_scale(page), grayscale=True, draw_annots=True)
            image = bitmap.to_pil().convert("L")
            mapper = _mapper(page, image.width, image.height)
            # Map now, while the page is open: keep the four corners' mapping as an affine fit.
            origin, right, up = mapper(0, 0), mapper(100, 0), mapper(0, 100)
            pages.append(RenderedPage(image, _affine(origin, right, up)))
        return pages
    finally:
        document.close()


def _affine(origin: tuple[int, int], right: tuple[int, int], up: tuple[int, int]) -> Any:
    ax, ay = (right[0] - origin[0]) / 100, (right[1] - origin[1]) / 100
    bx, by = (up[0] - origin[0]) / 100, (up[1] - origin[1]) / 100

    def to_pixels(x: float, y: float) -> tuple[float, float]:
        return origin[0] + ax * x + bx * y, origin[1] + ay * x + by * y

    return to_pixels


def _pixel_box(page: RenderedPage, box: Box, slack: int) -> tuple[int, int, int, int]:
    corners = [page.to_pixels(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (
        max(0, int(min(xs)) - slack),
        max(0, int(min(ys)) - slack),
        min(page.image.width, int(max(xs)) + 1 + slack),
        min(page.image.height, int(max(ys)) + 1 + slack),
    )


def _ink(image: Any) -> Any:
    return image.point(lambda v: 255 if v < INK else 0)


def box_is_blank(page: RenderedPage, box: Box) -> bool:
    """True when nothing is drawn inside `box` (in PDF points) on the page."""
    left, top, right, bottom = _pixel_box(page, box, -SLACK)
    if right <= left or bottom <= top:
        return True
    return _ink(page.image.crop((left, top, right, bottom))).getbbox() is None


def page_changes(before: RenderedPage, after: RenderedPage, stamps: list[Box]) -> str | None:
    """Words for what changed on the page between two renders, or None if only `stamps` did.

    A pixel may change only inside a later signature's stamp box and only where the signed
    page was blank; the stamp box itself must also have been blank.
    """
    from PIL import ImageChops, ImageDraw

    if before.image.size != after.image.size:
        return "the page's size or orientation changed"
    changed = ImageChops.difference(before.image, after.image).point(
        lambda v: 255 if v > CHANGED else 0
    )
    if changed.getbbox() is None:
        return None
    if ImageChops.darker(changed, _ink(before.image)).getbbox() is not None:
        return "something now covers or alters text or images that were signed"
    allowed = changed.copy()
    allowed.paste(0, (0, 0, *allowed.size))
    draw = ImageDraw.Draw(allowed)
    for box in stamps:
        draw.rectangle(_pixel_box(after, box, SLACK), fill=255)
    if ImageChops.subtract(changed, allowed).getbbox() is not None:
        return "new content was drawn on the page"
    return None


def find_blank_box(
    pdf_bytes: bytes, size: tuple[float, float], left: float, lowest: float, step: float = 6.0
) -> tuple[int, Box] | None:
    """The lowest blank `size` box at `left` on the last page (else an earlier one), or None.

    Candidates rise from `lowest` points above the page's bottom edge; a box must be blank
    with a small gap around it, so a stamp never sits on the letter's text or another stamp.
    """
    import pypdfium2 as pdfium

    width, height = size
    gap = 2.0
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        document.init_forms()
        for index in range(len(document) - 1, -1, -1):
            page = document[index]
            image = page.render(scale=_scale(page), grayscale=True, draw_annots=True).to_pil()
            mapper = _mapper(page, image.width, image.height)
            rendered = RenderedPage(
                image.convert("L"), _affine(mapper(0, 0), mapper(100, 0), mapper(0, 100))
            )
            page_height = float(page.get_height())
            bottom = lowest
            while bottom + height + gap <= page_height - lowest:
                box = (left, bottom, left + width, bottom + height)
                padded = (left - gap, bottom - gap, left + width + gap, bottom + height + gap)
                if box_is_blank(rendered, padded):
                    return index, box
                bottom += step
        return None
    finally:
        document.close()
