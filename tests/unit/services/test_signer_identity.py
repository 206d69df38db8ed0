"""Which prescriber a letter names, and their entry in the practice directory, for `sign`."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from desktop_app.export.base import APP_NAME
from desktop_app.services.signer_identity import directory_entry, letter_prescriber
from desktop_app.storage.settings import DirectoryPrescriber, RegisteredCertificate
from tests.support.pdfs import letter_pdf


def pdf_by(creator: str, author: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setCreator(creator)
    canvas.setAuthor(author)
    canvas.drawString(72, 700, "Letter")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_letter_made_by_the_app_names_its_prescriber() -> None:
    assert letter_prescriber(pdf_by(APP_NAME, "  Maya R. Okafor ")) == "Maya R. Okafor"


def test_other_software_names_nobody_whatever_its_author_says() -> None:
    assert letter_prescriber(letter_pdf(1)) is None  # reportlab's "anonymous"
    assert letter_prescriber(pdf_by("Word", "Maya R. Okafor")) is None
    assert letter_prescriber(pdf_by(APP_NAME, "   ")) is None


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_a_damaged_or_random_file_names_nobody_and_raises_nothing(junk: bytes) -> None:
    assert letter_prescriber(b"%PDF-1.7\n" + junk) is None
    assert letter_prescriber(pdf_by(APP_NAME, "Dr. A")[:200] + junk) is None


def test_the_directory_entry_carries_the_prescribers_registered_certificates() -> None:
    cert = RegisteredCertificate(fingerprint="ab" * 32, subject="M. Okafor", not_after="2030-01-01")
    directory = [
        DirectoryPrescriber(name="Daniel K. Brenner"),
        DirectoryPrescriber(name="Maya R. Okafor", npi="1304567898", certificates=[cert]),
    ]
    found = directory_entry("Dr. maya r. okafor, MD", directory)
    assert found.npi == "1304567898"
    assert [c.fingerprint for c in found.certificates] == ["ab" * 32]
    assert directory[1].certificates == [cert]  # the directory itself is left as it was


def test_someone_not_in_the_directory_has_no_registered_certificate() -> None:
    found = directory_entry("Jordan Lee", [DirectoryPrescriber(name="Daniel K. Brenner")])
    assert found.name == "Jordan Lee"
    assert found.certificates == []
