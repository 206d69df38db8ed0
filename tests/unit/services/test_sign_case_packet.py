"""The case's submission packet: counted fax cover, signed letter, enclosures that agree."""

from __future__ import annotations

import errno
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.case_evidence import Attachment
from desktop_app.errors import ExportError, SigningError, StorageError
from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.services.packet import (
    assemble_case_packet,
    packet_letter,
    save_case_packet,
    without_digital_signatures,
)
from desktop_app.services.sign_case import SignOrder, sign_case
from desktop_app.services.signing import SigningRequest, verify_file
from tests.support.certs import PASSWORD, certificates
from tests.support.pdfs import encrypted_pdf, letter_pdf, write
from tests.unit.services.test_sign_case_fixtures import (
    BRENNER,
    allow_typed_name_signatures,
    attachment_files,
    example_case,
    ready_case,
)


@pytest.fixture(autouse=True)
def typed_names_allowed() -> None:
    """Some letters here are signed by typed name, which a practice must allow in Settings."""
    allow_typed_name_signatures()


@pytest.fixture
def store() -> Iterator[CaseStore]:
    opened = open_case_store()
    yield opened
    opened.close()


def page_texts(data: bytes | Path) -> list[str]:
    reader = PdfReader(data) if isinstance(data, Path) else PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages]


def enclosures_listed(texts: list[str]) -> list[str]:
    """The numbered lines between the letter's "Enclosures" heading and the attestation."""
    whole = "\n".join(texts)
    section = whole.split("Enclosures", 1)[1].split("I attest", 1)[0]
    return [m.group(1).strip() for m in re.finditer(r"^\s*\d+\.\s+(.+)$", section, re.M)]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_packet_order_cover_count_and_enclosures_agree(tmp_path: Path, count: int) -> None:
    case = example_case(tmp_path, attachments=count)
    from desktop_app.services.render import render_letter

    letter = render_letter(case, fmt="pdf").data
    packet = assemble_case_packet(case, letter)
    reader = PdfReader(io.BytesIO(packet.data))
    titles = [item.title for item in reader.outline]
    attached = [a.title for a in case.attachments or []]
    assert titles == ["Fax cover", "Letter", *attached]
    texts = page_texts(packet.data)
    total = len(texts)
    assert packet.pages == total
    cover = re.sub(r"\s+", " ", texts[0])
    assert f"Pages (including cover) {total}" in cover
    assert "(617) 555-0188" in cover  # the payer's fax from the case
    assert "CONFIDENTIALITY NOTICE" in cover
    # One running header and one page count across cover, letter and enclosures.
    header = f"Patient: {case.patient.name}"
    for number, text in enumerate(texts, 1):
        assert re.findall(r"Page \d+ of \d+", text) == [f"Page {number} of {total}"]
        assert text.count(header) == 1
    if attached:
        letter_texts = texts[packet.cover_pages : packet.cover_pages + packet.letter_pages]
        assert enclosures_listed(letter_texts) == attached
    else:
        assert "Enclosures" not in "\n".join(texts)


def test_a_long_packet_counts_its_cover_right(tmp_path: Path) -> None:
    from desktop_app.services.render import render_letter

    case = example_case(tmp_path, attachments=0)
    many = [
        Attachment(title=f"Scan {n}", path=str(write(tmp_path / f"s{n}.pdf", letter_pdf(1))))
        for n in range(12)
    ]
    case = case.model_copy(update={"attachments": many})
    packet = assemble_case_packet(case, render_letter(case, fmt="pdf").data)
    cover = re.sub(r"\s+", " ", page_texts(packet.data)[0])
    assert f"Pages (including cover) {packet.pages}" in cover
    assert packet.pages >= 15


def test_missing_attachments_are_named_by_title_before_anything_is_written(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path, attachments=3)
    attachments = list(store.get_case(case_id).case.attachments or [])
    Path(attachments[0].path).unlink()
    Path(attachments[2].path).unlink()
    case, letter, _signed = packet_letter(store, case_id, attachments)
    with pytest.raises(ExportError) as caught:
        assemble_case_packet(case, letter)
    message = str(caught.value)
    assert "2 attachments cannot be found: 'HER2 testing report', 'NGS panel'" in message
    assert "Pathology photo" not in message
    assert not [e for e in audit.entries(50) if e.action == "packet.exported"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (encrypted_pdf(), "is a password-protected PDF"),
        (b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage", "is a damaged PDF"),
        (b"just some notes, not a scan", "is not a PDF, PNG or JPEG file"),
    ],
)
def test_bad_attachments_are_named_by_title(tmp_path: Path, content: bytes, words: str) -> None:
    from desktop_app.services.render import render_letter

    bad = Attachment(title="Insurance card scan", path=str(write(tmp_path / "card.pdf", content)))
    case = example_case(tmp_path, attachments=1)
    case = case.model_copy(update={"attachments": [*(case.attachments or []), bad]})
    with pytest.raises(ExportError, match=f"Attachment 'Insurance card scan' {words}"):
        assemble_case_packet(case, render_letter(case, fmt="pdf").data)


def test_a_signed_letter_goes_into_the_packet_as_signed_and_the_packet_is_signed_whole(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path, attachments=2)
    request = SigningRequest(certificates().brenner, PASSWORD)
    sign_case(store, case_id, SignOrder(BRENNER, tmp_path / "signed.pdf", certificate=request))
    attachments = list(store.get_case(case_id).case.attachments or [])
    case, letter, signed = packet_letter(store, case_id, attachments)
    assert signed
    assert letter == (tmp_path / "signed.pdf").read_bytes()
    packet = assemble_case_packet(case, letter, letter_signed=True)
    texts = page_texts(packet.data)
    assert any("Digitally signed with the certificate of Daniel K. Brenner, MD" in t for t in texts)
    assert enclosures_listed(texts) == [a.title for a in attachments]
    out = tmp_path / "packet.pdf"
    result = save_case_packet(out, packet, case_id=case_id, signing=request)
    report = verify_file(out)
    assert report.ok
    assert report.covers_whole_file
    assert result.signature is not None
    [entry] = [e for e in audit.entries(50, case_id=case_id) if e.action == "packet.exported"]
    assert entry.detail["sha256"] == result.sha256
    assert entry.detail["signed"] is True


def test_a_signed_letters_enclosures_cannot_change_without_a_new_version(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path, attachments=2)
    sign_case(store, case_id, SignOrder(BRENNER, tmp_path / "signed.pdf"))
    attachments = list(store.get_case(case_id).case.attachments or [])
    extra = attachment_files(tmp_path / "more", 3)[2]
    for changed in ([*attachments, extra], attachments[::-1], attachments[:1]):
        with pytest.raises(ExportError, match="differ from the signed letter's Enclosures"):
            packet_letter(store, case_id, changed)


def test_a_changed_kept_copy_is_refused(store: CaseStore, tmp_path: Path) -> None:
    from desktop_app.services.kept_signed_letters import kept_copy_path

    case_id = ready_case(store, tmp_path, attachments=1)
    sign_case(store, case_id, SignOrder(BRENNER, tmp_path / "signed.pdf"))
    kept_copy_path(case_id, 1).write_bytes(letter_pdf(1))
    attachments = list(store.get_case(case_id).case.attachments or [])
    with pytest.raises(SigningError, match="does not match what was signed"):
        packet_letter(store, case_id, attachments)


def test_digital_signature_fields_are_removed_from_the_letter_pages(tmp_path: Path) -> None:
    from desktop_app.services.signing import sign_bytes

    signed, _report = sign_bytes(letter_pdf(2), SigningRequest(certificates().valid, PASSWORD))
    plain = without_digital_signatures(signed)
    assert b"/ByteRange" not in plain
    assert len(PdfReader(io.BytesIO(plain)).pages) == 2
    assert without_digital_signatures(letter_pdf(1)) == letter_pdf(1)


def test_a_full_disk_leaves_no_packet_and_no_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services.render import render_letter

    case = example_case(tmp_path, attachments=1)
    packet = assemble_case_packet(case, render_letter(case, fmt="pdf").data)

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    out = tmp_path / "packet.pdf"
    with pytest.raises(StorageError, match="No space left"):
        save_case_packet(out, packet)
    assert not out.exists()
    assert not [e for e in audit.entries(50) if e.action == "packet.exported"]
