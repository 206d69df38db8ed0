"""The parts of a submission packet, read as PDF pages: cover and letter bytes, attached files.

Attachments may be PDFs, PNGs or JPEGs (the file's first bytes decide, not its name). Images
become one page each, turned upright as their EXIF orientation says; the packet then sets
every attached page on a US Letter page inside the margins (packet_place).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from math import ceil
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.errors import ExportError
from desktop_app.export.pictures import TooManyPixels, open_picture, pixels_words
from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS


@dataclass(frozen=True, slots=True)
class PacketPart:
    """One bookmarked section of the packet: PDF bytes already in memory, or a file to attach."""

    title: str
    pdf: bytes | None = None
    path: Path | None = None

    def __post_init__(self) -> None:
        if (self.pdf is None) == (self.path is None):
            raise ValueError("a packet part needs exactly one of pdf bytes or a file path")

    @classmethod
    def from_pdf(cls, title: str, data: bytes) -> PacketPart:
        return cls(title=title, pdf=data)

    @classmethod
    def from_file(cls, title: str, path: Path | str) -> PacketPart:
        return cls(title=title, path=Path(path))

    @property
    def where(self) -> str | None:
        return str(self.path) if self.path is not None else None


def part_problem(part: PacketPart, what: str, hint: str | None = None) -> ExportError:
    label = f"Attachment '{part.title}'" if part.path is not None else f"The {part.title.lower()}"
    return ExportError(f"{label} {what}", file=part.where, hint=hint)


def _read_file(part: PacketPart) -> bytes:
    assert part.path is not None
    try:
        with limits.open_for_reading(part.path) as handle:
            data = handle.read(limits.ATTACHMENT_FILE_BYTES + 1)
    except FileNotFoundError:
        raise part_problem(part, "cannot be found", "check the file is still there") from None
    except IsADirectoryError:
        raise part_problem(part, "is a folder, not a file") from None
    except OSError as exc:
        raise part_problem(part, f"cannot be read ({exc.strerror or 'unreadable'})") from None
    if len(data) > limits.ATTACHMENT_FILE_BYTES:
        cap = limits.size_words(limits.ATTACHMENT_FILE_BYTES)
        raise part_problem(part, f"is too large to attach (over {cap})",
                           "attach a smaller scan or split the document")
    return data


# Acrobat opens a PDF whose header starts anywhere in its first 1024 bytes ("Acrobat viewers
# require only that the header appear somewhere within the first 1024 bytes of the file",
# Adobe Supplement to ISO 32000, on 7.5.2 "File Header", https://www.adobe.com/content/dam/
# Adobe/en/devnet/acrobat/pdfs/adobe_supplement_iso32000.pdf, as quoted in PDFBOX-2250): a
# UTF-8 byte order mark or a mail program's few bytes before it. The file is read from its
# header on, as Acrobat reads it.
PDF_HEADER_WITHIN = 1024


def pdf_header_at(data: bytes) -> int | None:
    """Where `%PDF-` starts, if it starts within the first 1024 bytes."""
    at = data.find(b"%PDF-", 0, PDF_HEADER_WITHIN - 1 + len(b"%PDF-"))
    return None if at < 0 else at


def kind_of(data: bytes) -> str | None:
    """'pdf', 'png', 'jpeg' or None, judged by the first bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if pdf_header_at(data) is not None:
        return "pdf"
    return None


def _pdf_reader(part: PacketPart, data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    failures: tuple[type[BaseException], ...] = (PyPdfError, *DAMAGED_FILE_ERRORS)
    start = pdf_header_at(data) or 0  # what comes before the header is no part of the PDF
    try:
        reader = PdfReader(io.BytesIO(data[start:] if start else data), strict=False)
        if reader.is_encrypted:
            raise part_problem(
                part,
                "is a password-protected PDF",
                "save an unprotected copy (print to PDF) and attach that",
            )
        for page in reader.pages:  # touch every page now, so damage shows before writing
            _ = page.mediabox, page.get_contents()
        if len(reader.pages) == 0:
            raise part_problem(part, "is a PDF with no pages")
    except failures as exc:
        raise part_problem(part, "is a damaged PDF", "open it and save it again") from exc
    return reader


def _image_pdf(part: PacketPart, data: bytes) -> bytes:
    """One page holding the image upright, the size of its room on a Letter page.

    A phone photo or scanner often stores its picture sideways with an EXIF note saying how
    to turn it; the note is applied, so the page prints as the camera's user saw it.
    """
    from PIL import ImageOps, UnidentifiedImageError
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.export.packet_place import placement

    failures: tuple[type[BaseException], ...] = (UnidentifiedImageError, *DAMAGED_FILE_ERRORS)
    out = io.BytesIO()
    side = limits.ATTACHMENT_IMAGE_SIDE
    try:
        with open_picture(data, max_pixels=limits.ATTACHMENT_IMAGE_PIXELS) as opened:
            # Finer than the page prints is only memory: a JPEG decodes at a fraction of its
            # size, anything else is shrunk before it is turned upright (which copies it).
            shrink = min(1.0, side / max(opened.size))
            opened.draft("RGB", (ceil(opened.width * shrink), ceil(opened.height * shrink)))
            opened.thumbnail((side, side))
            upright = ImageOps.exif_transpose(opened)
        width, height = upright.size
        scale, _x, _y = placement(width, height)
        size = (width * scale, height * scale)
        canvas = Canvas(out, pagesize=size, invariant=1)
        canvas.drawImage(ImageReader(upright), 0, 0, *size)
        canvas.showPage()
        canvas.save()
    except TooManyPixels as exc:
        raise part_problem(part, f"is a picture too large to attach ({pixels_words(exc)})",
                           "scan it again at 300 dpi, or save a smaller copy") from None
    except failures as exc:
        raise part_problem(part, "is a damaged image", "open it and save it again") from exc
    return out.getvalue()


def load_part(part: PacketPart) -> Any:
    """The part's pages as a pypdf reader; raises ExportError naming the part and file."""
    if part.pdf is not None:
        if kind_of(part.pdf) != "pdf":
            raise ExportError(f"The {part.title.lower()} is not a PDF")
        return _pdf_reader(part, part.pdf)
    data = _read_file(part)
    kind = kind_of(data)
    if kind == "pdf":
        return _pdf_reader(part, data)
    if kind in ("png", "jpeg"):
        return _pdf_reader(part, _image_pdf(part, data))
    raise part_problem(
        part, "is not a PDF, PNG or JPEG file", "convert it to PDF, or scan it as PDF or JPEG"
    )
