"""Packet pages made ready for one header and one page count: furniture removed, scans placed.

- The cover's and the letter's own running header and "Page n of N" are removed: they are
  marked as pagination artifacts (pdf_furniture), and the packet draws its own on every page.
- An attached page (a scan, a report, any page size or rotation) is set upright on a US
  Letter page, scaled to fit between the header's rule and the footer, inside half-inch side
  margins, so the packet's header and page count never cover what it says.
"""

from __future__ import annotations

from typing import Any, Final

from desktop_app.export import letter_look as look

# The room an attached page gets: below the running header's rule, above the footer.
SIDE_MARGIN: Final = 36.0
CONTENT_TOP: Final = look.PAGE_HEIGHT - look.HEADER_RULE - 6.0
CONTENT_BOTTOM: Final = look.FOOTER_BASELINE + 12.0
CONTENT_WIDTH: Final = look.PAGE_WIDTH - 2 * SIDE_MARGIN
CONTENT_HEIGHT: Final = CONTENT_TOP - CONTENT_BOTTOM

_PAGINATION = "/Pagination"


def _is_pagination(operands: list[Any]) -> bool:
    if len(operands) < 2 or operands[0] != "/Artifact":
        return False
    properties = operands[1]
    return hasattr(properties, "get") and properties.get("/Type") == _PAGINATION


def strip_pagination(page: Any, pdf: Any) -> bool:
    """Remove the page's pagination artifacts (its header and footer); True if there were."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return False
    stream = ContentStream(contents, pdf)
    kept: list[tuple[Any, bytes]] = []
    depth = 0  # inside an artifact: how many marked-content sections are open
    removed = False
    for operands, operator in stream.operations:
        if depth:
            if operator in (b"BDC", b"BMC"):
                depth += 1
            elif operator == b"EMC":
                depth -= 1
            continue
        if operator == b"BDC" and _is_pagination(operands):
            depth, removed = 1, True
            continue
        kept.append((operands, operator))
    if removed:
        stream.operations = kept
        page.replace_contents(stream)
    return removed


def placement(width: float, height: float) -> tuple[float, float, float]:
    """(scale, x, y): a page of this size fitted, centred, into the attachment's room."""
    scale = min(CONTENT_WIDTH / width, CONTENT_HEIGHT / height)
    x = SIDE_MARGIN + (CONTENT_WIDTH - width * scale) / 2
    y = CONTENT_BOTTOM + (CONTENT_HEIGHT - height * scale) / 2
    return scale, x, y


def place_on_letter(writer: Any, source: Any) -> Any:
    """A new Letter page in `writer` with `source` upright and fitted into the room."""
    from pypdf import PdfWriter, Transformation

    if source.rotation:
        # Upright, as a reader sees the page: pypdf turns only a page a writer holds.
        source = PdfWriter().add_page(source)
        source.transfer_rotation_to_content()
    box = source.cropbox
    left, bottom = float(min(box.left, box.right)), float(min(box.bottom, box.top))
    width, height = abs(float(box.width)), abs(float(box.height))
    scale, x, y = placement(width, height)
    page = writer.add_blank_page(look.PAGE_WIDTH, look.PAGE_HEIGHT)
    transform = Transformation().translate(-left, -bottom).scale(scale).translate(x, y)
    page.merge_transformed_page(source, transform, expand=False)
    return page
