"""Assembles the submission packet: fax cover, letter and attachments in one bookmarked PDF.

The packet reads as one document: each part gets a bookmark; the cover's and the letter's
own headers and page numbers give way to one running header and one "Page n of N" across
every page (packet_stamp); attached pages are set upright inside the margins
(packet_place). Nothing is returned unless every part could be read, so a bad attachment
never yields a packet with a page missing. To sign a packet, sign the bytes this returns
(export.signing).
"""

from __future__ import annotations

import io
from typing import Any

from desktop_app.errors import ExportError
from desktop_app.export.packet_inert import without_actions
from desktop_app.export.packet_parts import PacketPart, load_part, part_problem
from desktop_app.export.packet_place import place_on_letter, strip_pagination
from desktop_app.export.packet_stamp import stamp_overlay
from desktop_app.export.pdf_repairs import attachment_repairs_noted
from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS

__all__ = ["PacketPart", "build_packet"]

COVER_TITLE = "Fax cover"
LETTER_TITLE = "Letter"


def _gather(parts: list[PacketPart]) -> tuple[Any, list[tuple[str, int]]]:
    """All parts' pages in one writer, and (title, first page index) for the bookmarks."""
    from pypdf import PdfWriter
    from pypdf.errors import PyPdfError

    loaded = [(part, load_part(part)) for part in parts]  # every part read before any page
    failures: tuple[type[BaseException], ...] = (PyPdfError, *DAMAGED_FILE_ERRORS)
    writer = PdfWriter()
    marks: list[tuple[str, int]] = []
    for part, reader in loaded:
        marks.append((part.title, len(writer.pages)))
        try:
            for page in reader.pages:
                if part.pdf is None:  # an attachment: placed clear of the header and footer
                    without_actions(page)  # before placing: nothing removed is copied
                    place_on_letter(writer, page)
                    continue
                added = writer.add_page(page)
                if added.rotation:
                    added.transfer_rotation_to_content()
                strip_pagination(added, writer)
        except failures as exc:
            raise part_problem(part, "has a damaged page", "open it and save it again") from exc
    return writer, marks


def _stamp(writer: Any, header_text: str) -> None:
    from pypdf import PdfReader, Transformation

    overlay = PdfReader(io.BytesIO(stamp_overlay(len(writer.pages), header_text)))
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        box = page.cropbox
        left, bottom = float(min(box.left, box.right)), float(min(box.bottom, box.top))
        page.merge_transformed_page(
            stamp, Transformation().translate(left, bottom), expand=False
        )


def build_packet(parts: list[PacketPart], *, header_text: str) -> bytes:
    """One PDF: the parts in order, each bookmarked by title, every page numbered.

    `header_text` is the running header on every page, as the letter words it ("Patient: ...
    DOB: ... Member ID: ..."); the footer counts pages across the whole packet. Raises
    ExportError naming the part and its file if any part is missing, damaged, encrypted or
    of a kind that cannot be attached.
    """
    from pypdf.errors import PyPdfError

    failures: tuple[type[BaseException], ...] = (PyPdfError, *DAMAGED_FILE_ERRORS)
    if not parts:
        raise ExportError("A packet needs at least the letter")
    with attachment_repairs_noted():
        writer, marks = _gather(parts)
        try:
            _stamp(writer, header_text)
            for title, first_page in marks:
                writer.add_outline_item(title=title, page_number=first_page)
            writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
            for page in writer.pages:
                # Merging pages leaves their drawing uncompressed: several times the size
                # of the files put in, against the upload and fax limits payers set.
                page.compress_content_streams()
            out = io.BytesIO()
            writer.write(out)
        except failures as exc:
            raise ExportError(
                "The packet could not be assembled",
                hint="check that each attachment opens on its own",
            ) from exc
    return out.getvalue()
