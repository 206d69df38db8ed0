"""The submission packet: parts in order, bookmarks, packet page numbers, bad files refused."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app import limits
from desktop_app.errors import ExportError
from desktop_app.export.packet import PacketPart, build_packet
from desktop_app.export.packet_parts import kind_of
from desktop_app.export.packet_place import CONTENT_BOTTOM, CONTENT_TOP
from desktop_app.export.packet_stamp import stamp_line
from desktop_app.export.pdf_repairs import REPAIRED
from tests.support.pdfs import (
    a4_pdf,
    blank_png,
    encrypted_pdf,
    image_bytes,
    letter_pdf,
    write,
)

HEADER = "Patient: Avery Sample   DOB: 04/02/1961   Member ID: ZZ0000001"


def outline(data: bytes) -> list[tuple[str, int]]:
    reader = PdfReader(io.BytesIO(data))
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def text_position(page: object, wanted: str) -> tuple[float, float]:
    """Where text starting with `wanted` is drawn, in points from the lower-left corner."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if wanted in text:
            # The text matrix within the current transformation (attached pages are scaled).
            found.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4],
                          cm[1] * tm[4] + cm[3] * tm[5] + cm[5]))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    assert found, f"no {wanted!r} on the page"
    return found[0]


@pytest.fixture
def full_packet(tmp_path: Path) -> bytes:
    parts = [
        PacketPart.from_pdf("Fax cover", letter_pdf(1, label="Cover")),
        PacketPart.from_pdf("Letter", letter_pdf(2, label="Letter")),
        PacketPart.from_file("Pathology report", write(tmp_path / "path.pdf", a4_pdf(3))),
        PacketPart.from_file("PET scan image", write(tmp_path / "scan.png", image_bytes("PNG"))),
        PacketPart.from_file(
            "Insurance card", write(tmp_path / "card.jpg", image_bytes("JPEG", (600, 1400)))
        ),
    ]
    return build_packet(parts, header_text=HEADER)


def test_parts_come_in_order_with_bookmarks(full_packet: bytes) -> None:
    assert outline(full_packet) == [
        ("Fax cover", 0),
        ("Letter", 1),
        ("Pathology report", 3),
        ("PET scan image", 6),
        ("Insurance card", 7),
    ]
    pages = texts(full_packet)
    assert len(pages) == 8
    assert "Cover body text, page 1" in pages[0]
    assert "Letter body text, page 2" in pages[2]
    assert "A4 report body text, page 3" in pages[5]


def test_every_page_is_numbered_once_through_the_whole_packet(full_packet: bytes) -> None:
    for number, text in enumerate(texts(full_packet), start=1):
        assert f"Page {number} of 8" in text
        assert len(re.findall(r"Page \d+ of \d+", text)) == 1  # the parts' own counters gone
        assert text.count("Member ID: ZZ0000001") == 1  # one running header, not two


def test_the_letters_own_header_and_footer_give_way_to_the_packets(full_packet: bytes) -> None:
    pages = texts(full_packet)
    assert "Page 1 of 2" not in pages[1] and "Page 2 of 2" not in pages[2]
    assert "DOB: 1961-04-02" not in pages[1]  # the fixture letter's own header, removed
    assert HEADER in pages[1]


def test_header_and_page_count_sit_where_the_letters_do(full_packet: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_packet))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
        header_x, header_y = text_position(page, "Patient:")
        footer_x, footer_y = text_position(page, "Page ")
        assert header_x == pytest.approx(72, abs=0.5)
        assert 792 - 57.6 < header_y < 792 - 40  # just above the rule, 0.8 in from the top
        assert footer_y == pytest.approx(39.6, abs=0.5)
        assert 250 < footer_x < 300  # centred


def test_attached_pages_are_set_inside_the_margins(full_packet: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_packet))
    for index in (3, 4, 5):  # the A4 report, scaled onto Letter below the header
        x, y = text_position(reader.pages[index], "A4 report body text")
        assert x >= 36 and CONTENT_BOTTOM <= y <= CONTENT_TOP


def test_packet_opens_with_bookmarks_showing(full_packet: bytes) -> None:
    assert PdfReader(io.BytesIO(full_packet)).trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_images_become_letter_pages_fitted_inside_the_margins(full_packet: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_packet))
    for index in (6, 7):
        page = reader.pages[index]
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
        images = list(page.images)
        assert len(images) == 1


def test_rotated_pages_are_set_upright(tmp_path: Path) -> None:
    rotated = write(tmp_path / "rotated.pdf", letter_pdf(1, rotate=90, furniture=False))
    data = build_packet(
        [PacketPart.from_pdf("Letter", letter_pdf(1)), PacketPart.from_file("Chart", rotated)],
        header_text="",
    )
    page = PdfReader(io.BytesIO(data)).pages[1]
    assert page.rotation == 0
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    assert "Page 2 of 2" in page.extract_text()


def test_a_sideways_phone_photo_prints_upright(tmp_path: Path) -> None:
    """EXIF orientation 6: stored landscape, meant to be seen turned a quarter clockwise."""
    from PIL import Image

    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (800, 400), (200, 200, 200)).save(photo, format="JPEG", exif=exif)
    path = write(tmp_path / "card.jpg", photo.getvalue())
    data = build_packet(
        [PacketPart.from_pdf("Letter", letter_pdf(1)), PacketPart.from_file("Card", path)],
        header_text="",
    )
    image = next(iter(PdfReader(io.BytesIO(data)).pages[1].images)).image
    assert image.height > image.width  # portrait, as the photo was taken


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    # 9,000 x 9,000 pixels in a file of 10 kB: once decoded whole (81 MB, and four copies).
    path = write(tmp_path / "scan.png", blank_png(9000, 9000))
    with pytest.raises(ExportError) as caught:
        build_packet([PacketPart.from_pdf("Letter", letter_pdf(1)),
                      PacketPart.from_file("Pathology report", path)], header_text="")
    assert caught.value.message == (
        "Attachment 'Pathology report' is a picture too large to attach (9,000 x 9,000 "
        "pixels, over 60 million)")
    assert caught.value.file == str(path)


def test_a_bomb_past_pillows_own_limit_is_refused_in_the_same_words(tmp_path: Path) -> None:
    path = write(tmp_path / "scan.png", blank_png(20_000, 20_000))  # 400 million pixels
    with pytest.raises(ExportError, match="too large to attach \\(far over 60 million"):
        build_packet([PacketPart.from_file("Scan", path)], header_text="")


def test_a_large_photo_is_kept_at_the_resolution_a_page_prints(tmp_path: Path) -> None:
    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (6000, 4000), (90, 120, 150)).save(photo, format="JPEG")
    path = write(tmp_path / "photo.jpg", photo.getvalue())
    data = build_packet([PacketPart.from_file("Photo", path)], header_text="")
    image = next(iter(PdfReader(io.BytesIO(data)).pages[0].images)).image
    assert max(image.size) == limits.ATTACHMENT_IMAGE_SIDE  # 300 dpi on a Letter page
    assert image.width > image.height


def test_non_latin_header_prints(tmp_path: Path) -> None:
    data = build_packet(
        [PacketPart.from_pdf("Letter", letter_pdf(1))], header_text="Trần Thị Hoa · 李小龍"
    )
    assert "Trần Thị Hoa" in texts(data)[0]
    assert "Page 1 of 1" in texts(data)[0]


def test_overlong_header_still_leaves_the_page_number() -> None:
    data = build_packet([PacketPart.from_pdf("Letter", letter_pdf(1))], header_text="X " * 200)
    assert "Page 1 of 1" in texts(data)[0]


def test_stamp_line() -> None:
    assert stamp_line(2, 9) == "Page 2 of 9"


BAD_ATTACHMENTS = [
    ("missing.pdf", None, "cannot be found"),
    ("locked.pdf", encrypted_pdf(), "password-protected"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "damaged PDF"),
    ("half.pdf", letter_pdf(2)[:900], "damaged PDF"),
    ("notes.docx", b"PK\x03\x04 a word file", "not a PDF, PNG or JPEG"),
    ("empty.pdf", b"", "not a PDF, PNG or JPEG"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged image"),
    ("disguised.pdf", image_bytes("PNG"), None),  # a PNG named .pdf: content decides, it works
]


@pytest.mark.parametrize(("name", "content", "words"), BAD_ATTACHMENTS)
def test_bad_attachments_are_refused_naming_title_and_file(
    tmp_path: Path, name: str, content: bytes | None, words: str | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    parts = [
        PacketPart.from_pdf("Letter", letter_pdf(1)),
        PacketPart.from_file("Lab results", path),
    ]
    if words is None:
        assert len(texts(build_packet(parts, header_text=""))) == 2
        return
    with pytest.raises(ExportError) as caught:
        build_packet(parts, header_text="")
    assert words in caught.value.message
    assert "Attachment 'Lab results'" in caught.value.message
    assert caught.value.file == str(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("before", [b"\xef\xbb\xbf", b"\r\n\x00junk\n", b"-" * 1019])
def test_an_attachment_with_bytes_before_its_pdf_header_is_attached(
    tmp_path: Path, before: bytes, caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "pathology.pdf"
    path.write_bytes(before + letter_pdf(2, label="Pathology", furniture=False))
    parts = [PacketPart.from_pdf("Letter", letter_pdf(1)), PacketPart.from_file("Report", path)]
    pages = texts(build_packet(parts, header_text=""))
    assert len(pages) == 3
    assert "Pathology body text, page 2" in pages[2]
    assert REPAIRED not in caplog.text  # read from its header, nothing needed repair


def test_an_attachment_whose_pdf_header_starts_past_1024_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pathology.pdf"
    path.write_bytes(b"-" * 1024 + letter_pdf(1, furniture=False))
    parts = [PacketPart.from_pdf("Letter", letter_pdf(1)), PacketPart.from_file("Report", path)]
    with pytest.raises(ExportError, match="is not a PDF, PNG or JPEG file") as caught:
        build_packet(parts, header_text="")
    assert caught.value.file == str(path)


def test_a_folder_is_not_an_attachment(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="folder"):
        build_packet([PacketPart.from_file("Scans", tmp_path)], header_text="")


@pytest.mark.parametrize("data", [b"", b"not a pdf", encrypted_pdf()])
def test_bad_letter_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(ExportError, match="letter"):
        build_packet([PacketPart.from_pdf("Letter", data)], header_text="")


def test_empty_packet_is_refused() -> None:
    with pytest.raises(ExportError, match="at least the letter"):
        build_packet([], header_text="")


def test_a_part_needs_exactly_one_source() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        PacketPart(title="Letter")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4", "pdf"),
        (b"\n %PDF-1.7", "pdf"),
        (b"\xef\xbb\xbf%PDF-1.7", "pdf"),  # a UTF-8 byte order mark first
        (b"x" * 1023 + b"%PDF-1.7", "pdf"),  # the header starts within the first 1024 bytes
        (b"x" * 1024 + b"%PDF-1.7", None),  # and not after them, as the PDF readers judge
        (b"\x89PNG\r\n\x1a\nrest", "png"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"GIF89a", None),
        (b"", None),
    ],
)
def test_kind_is_judged_by_content(data: bytes, kind: str | None) -> None:
    assert kind_of(data) == kind


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=4))
def test_numbering_and_bookmarks_follow_any_mix_of_parts(page_counts: list[int]) -> None:
    parts = [PacketPart.from_pdf(f"Part {i}", letter_pdf(n)) for i, n in enumerate(page_counts, 1)]
    data = build_packet(parts, header_text="")
    total = sum(page_counts)
    pages = texts(data)
    assert len(pages) == total
    assert all(f"Page {i} of {total}" in t for i, t in enumerate(pages, 1))
    starts = [sum(page_counts[:i]) for i in range(len(page_counts))]
    assert outline(data) == [(f"Part {i}", s) for i, s in enumerate(starts, 1)]


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_damaged_attachments_are_included_whole_or_refused_in_words(data: st.DataObject) -> None:
    original = a4_pdf(1) if data.draw(st.booleans()) else image_bytes("PNG", (40, 30))
    index = data.draw(st.integers(0, len(original) - 1))
    if data.draw(st.booleans()):
        damaged = original[:index]
    else:
        damaged = original[:index] + bytes([original[index] ^ 0xFF]) + original[index + 1 :]
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "scan.bin", damaged)
        parts = [PacketPart.from_pdf("Letter", letter_pdf(1)), PacketPart.from_file("Scan", path)]
        try:
            packet = build_packet(parts, header_text="")
        except ExportError as exc:
            assert "Scan" in exc.message or "packet" in exc.message
            return
    assert len(PdfReader(io.BytesIO(packet)).pages) >= 2


def test_the_packets_drawing_is_compressed(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from tests.unit.export.test_pdf_page_text import heavy_page_pdf

    records = tmp_path / "records.pdf"
    with records.open("wb") as out:
        PdfWriter(clone_from=heavy_page_pdf(600_000)).write(out)
    packet = build_packet([PacketPart.from_pdf("Letter", letter_pdf(1)),
                           PacketPart.from_file("Records", records)], header_text=HEADER)
    placed = PdfReader(io.BytesIO(packet)).pages[1]
    drawing = placed.get_contents()
    assert drawing is not None and len(drawing.get_data()) > 600_000  # all of it is there
    assert len(packet) < 100_000  # and kept compressed, as it came (merging had undone it)
