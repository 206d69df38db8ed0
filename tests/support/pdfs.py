"""Small fictional PDFs and images for signing and packet tests, made with reportlab and Pillow."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas

LETTER_FOOTER = "Page {n} of {total}"


def letter_pdf(
    pages: int = 2, *, label: str = "Letter", size: tuple[float, float] = LETTER, rotate: int = 0,
    furniture: bool = True,
) -> bytes:
    """A letter-like PDF: a running header, body text and a centred "Page n of N" footer.

    The header and footer are marked as pagination artifacts, as the app's letters are
    (export/pdf_furniture.py), so a packet can replace them with its own.
    """
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    width, height = size
    for number in range(1, pages + 1):
        if rotate:
            canvas.setPageRotation(rotate)
        if furniture:
            canvas.addLiteral("/Artifact <</Type /Pagination /Subtype /Header>> BDC")
            canvas.setFont("Helvetica", 9)
            canvas.drawString(
                72, height - 45, "Patient: Avery Sample   DOB: 1961-04-02   Member ID: ZZ0000001"
            )
            canvas.addLiteral("EMC")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(72, height - 120, f"{label} body text, page {number}")
        if furniture:
            canvas.addLiteral("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
            canvas.setFont("Helvetica", 8.5)
            canvas.drawCentredString(width / 2, 39.6, LETTER_FOOTER.format(n=number, total=pages))
            canvas.addLiteral("EMC")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def a4_pdf(pages: int = 1) -> bytes:
    """A scanned report on A4 paper: body text only."""
    return letter_pdf(pages, label="A4 report", size=A4, furniture=False)


def encrypted_pdf(user_password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf(1))))
    writer.encrypt(user_password=user_password, owner_password="owner-" + user_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str, size: tuple[int, int] = (900, 600)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (190, 210, 240)).save(out, format=fmt)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def blank_png(width: int, height: int) -> bytes:
    """A black-and-white PNG of any size, a few hundred kB at most: written row by row, so
    a "decompression bomb" of 100 million pixels costs no more to make than to refuse."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    packer = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)  # filter byte, then one bit a pixel
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))
