"""Writing the submission packet: attachments from the case, signed whole, never half-done."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import Attachment
from desktop_app.domain.case_parties import Patient, Payer
from desktop_app.errors import ExportError, SigningError
from desktop_app.services.packet import (
    attachment_parts,
    packet_header_text,
    packet_parts,
    write_packet,
)
from desktop_app.services.signing import SigningRequest, verify_file
from tests.support.certs import PASSWORD, SIGNER_NAME, certificates
from tests.support.pdfs import encrypted_pdf, image_bytes, letter_pdf, write


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    (folder / "scans").mkdir(parents=True)
    write(folder / "scans" / "pathology.pdf", letter_pdf(3, label="Pathology"))
    write(folder / "ngs.png", image_bytes("PNG"))
    return folder


def attachments(*pairs: tuple[str, str]) -> list[Attachment]:
    return [Attachment(title=title, path=path) for title, path in pairs]


def test_unsigned_packet_is_written_with_every_part(case_folder: Path) -> None:
    parts = packet_parts(
        letter_pdf(2),
        cover_pdf=letter_pdf(1, label="Cover"),
        attachments=attachment_parts(
            attachments(("Pathology report", "scans/pathology.pdf"), ("NGS report", "ngs.png")),
            case_folder,
        ),
    )
    out = case_folder / "packet.pdf"
    result = write_packet(out, parts, header_text="Member ID ZZ0000001")
    assert result.pages == 7
    assert result.signature is None
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    reader = PdfReader(out)
    assert [item.title for item in reader.outline] == [
        "Fax cover",
        "Letter",
        "Pathology report",
        "NGS report",
    ]
    assert "Page 7 of 7" in reader.pages[6].extract_text()
    assert "Packet of 7 pages" in result.summary()


def test_signing_covers_the_whole_packet(case_folder: Path) -> None:
    parts = packet_parts(
        letter_pdf(2),
        attachments=attachment_parts(
            attachments(("Pathology", "scans/pathology.pdf")), case_folder
        ),
    )
    out = case_folder / "signed-packet.pdf"
    signing = SigningRequest(certificates().valid, PASSWORD, location="Springfield")
    result = write_packet(out, parts, header_text="", signing=signing)
    assert result.signature is not None
    assert result.signature.ok
    report = verify_file(out)
    assert report.ok and report.covers_whole_file
    assert report.signer == SIGNER_NAME
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages == 5
    assert [item.title for item in reader.outline] == ["Letter", "Pathology"]  # kept by signing
    assert all(
        f"Page {n} of 5" in page.extract_text() for n, page in enumerate(reader.pages, 1)
    )


def test_bad_attachment_writes_nothing(case_folder: Path) -> None:
    write(case_folder / "locked.pdf", encrypted_pdf())
    out = case_folder / "packet.pdf"
    out.write_bytes(b"the previous packet")
    parts = packet_parts(
        letter_pdf(1),
        attachments=attachment_parts(
            attachments(("Pathology", "scans/pathology.pdf"), ("Prior denial", "locked.pdf")),
            case_folder,
        ),
    )
    with pytest.raises(ExportError) as caught:
        write_packet(out, parts, header_text="")
    assert "Attachment 'Prior denial' is a password-protected PDF" in caught.value.message
    assert caught.value.file == str(case_folder / "locked.pdf")
    assert out.read_bytes() == b"the previous packet"
    assert not [p for p in case_folder.iterdir() if p.name.startswith(".part-")]


def test_refused_signature_writes_nothing(case_folder: Path) -> None:
    out = case_folder / "packet.pdf"
    signing = SigningRequest(certificates().expired, PASSWORD)
    with pytest.raises(SigningError, match="expired"):
        write_packet(out, packet_parts(letter_pdf(1)), header_text="", signing=signing)
    assert not out.exists()


def test_relative_paths_are_read_beside_the_case_and_absolute_ones_as_given(
    case_folder: Path, tmp_path: Path
) -> None:
    elsewhere = write(tmp_path / "elsewhere.pdf", letter_pdf(1))
    parts = attachment_parts(
        attachments(("A", "scans/pathology.pdf"), ("B", str(elsewhere)), ("", "ngs.png")),
        case_folder,
    )
    assert [(p.title, p.path) for p in parts] == [
        ("A", case_folder / "scans" / "pathology.pdf"),
        ("B", elsewhere),
        ("Attachment 3", case_folder / "ngs.png"),  # an untitled attachment still gets a bookmark
    ]


def test_attachment_without_a_path_names_the_field(case_folder: Path) -> None:
    with pytest.raises(ExportError) as caught:
        attachment_parts(attachments(("A", "ngs.png"), ("Labs", "  ")), case_folder)
    assert caught.value.field == "attachments.1.path"
    assert "Labs" in caught.value.message


def test_header_repeats_who_the_packet_is_for() -> None:
    case = Case(
        patient=Patient(name="Avery Sample", dob=dt.date(1961, 4, 2)),
        payer=Payer(name="Fictional Health", member_id="ZZ0000001"),
    )
    # The letter's own words and date format, so the packet has one header, not two.
    assert packet_header_text(case) == (
        "Patient: Avery Sample   DOB: 04/02/1961   Member ID: ZZ0000001"
    )
    assert packet_header_text(Case()) == ""


def test_cover_comes_first_when_given() -> None:
    parts = packet_parts(b"%PDF-letter", cover_pdf=b"%PDF-cover")
    assert [p.title for p in parts] == ["Fax cover", "Letter"]
    assert [p.title for p in packet_parts(b"%PDF-letter")] == ["Letter"]


def test_packet_bytes_read_back_as_a_pdf(case_folder: Path) -> None:
    out = case_folder / "p.pdf"
    write_packet(out, packet_parts(letter_pdf(1)), header_text="")
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 1
