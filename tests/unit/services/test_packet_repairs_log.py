"""A damaged attachment PDF that pypdf repairs leaves one plain line in the app's log, never
pypdf's own notes (which quote the file) and never the attachment's name or title."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.export.pdf_repairs import REPAIRED
from desktop_app.services.packet import assemble_case_packet
from desktop_app.services.render import render_letter
from tests.support.pdfs import letter_pdf, write
from tests.unit.services.test_sign_case_fixtures import example_case


def _wrong_cross_reference_offset(pdf: bytes) -> bytes:
    """A scan whose `startxref` points at the wrong byte: pypdf rebuilds the table, warning."""
    tail = pdf.rindex(b"startxref")
    return pdf[:tail] + re.sub(rb"startxref\s+\d+", b"startxref\n99", pdf[tail:])


def test_a_repaired_attachment_is_one_line_in_the_log_naming_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    case = example_case(tmp_path / "files", attachments=1)
    attached = Path(case.attachments[0].path)  # type: ignore[index]
    damaged = _wrong_cross_reference_offset(letter_pdf(2, label="HER2 report", furniture=False))
    write(attached, damaged)
    with caplog.at_level(logging.DEBUG):
        PdfReader(io.BytesIO(damaged), strict=False)  # pypdf itself warns on this file
    assert any(r.name.startswith("pypdf") for r in caplog.records)
    caplog.clear()
    letter = render_letter(case, fmt="pdf").data
    with caplog.at_level(logging.DEBUG):
        packet = assemble_case_packet(case, letter)
    assert len(PdfReader(io.BytesIO(packet.data)).pages) >= 4  # cover, letter, the 2 pages
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [REPAIRED]
    for record in caplog.records:
        for secret in (attached.name, "HER2", str(tmp_path)):
            assert secret not in record.getMessage()
    assert logging.getLogger("pypdf").propagate  # as it was, once the packet is made


def test_an_undamaged_packet_logs_no_repair(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    case = example_case(tmp_path / "files", attachments=1)
    letter = render_letter(case, fmt="pdf").data
    with caplog.at_level(logging.DEBUG):
        assemble_case_packet(case, letter)
    assert REPAIRED not in [r.getMessage() for r in caplog.records]
