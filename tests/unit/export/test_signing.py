"""Signing a letter PDF and verifying it: who, when, intact or altered, and clear refusals."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app.errors import SigningError
from desktop_app.export.signing import default_signature_box, sign_pdf, stamp_safe, verify_pdf
from tests.support.certs import PASSWORD, SIGNER_NAME, certificates
from tests.support.pdfs import encrypted_pdf, letter_pdf


@cache
def signed_letter() -> bytes:
    return sign_pdf(letter_pdf(2), certificates().valid, PASSWORD, location="Springfield")


def signed_ranges(data: bytes) -> list[tuple[int, int]]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    start1, len1, start2, len2 = PdfFileReader(io.BytesIO(data)).embedded_signatures[0].byte_range
    return [(int(start1), int(start1 + len1)), (int(start2), int(start2 + len2))]


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def signature_widget(data: bytes, page: int = -1) -> dict[str, object]:
    reader = PdfReader(io.BytesIO(data))
    for annot in reader.pages[page].get("/Annots", []):
        widget = annot.get_object()
        if widget.get("/FT") == "/Sig" or widget.get("/Parent", {}).get("/FT") == "/Sig":
            return dict(widget)
    raise AssertionError("no signature widget on the page")


def test_signed_letter_verifies_with_signer_time_and_whole_file() -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    report = verify_pdf(signed_letter())
    assert report.ok
    assert (report.signed, report.intact, report.covers_whole_file) == (True, True, True)
    assert report.signer == SIGNER_NAME
    assert report.signed_at is not None
    assert before <= report.signed_at <= dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert report.message.startswith("INTACT")
    assert SIGNER_NAME in report.message


def test_signing_keeps_the_letter_pages_and_text() -> None:
    original = PdfReader(io.BytesIO(letter_pdf(2)))
    signed = PdfReader(io.BytesIO(signed_letter()))
    assert len(signed.pages) == len(original.pages) == 2
    for before, after in zip(original.pages, signed.pages, strict=True):
        assert before.extract_text() == after.extract_text()
    assert signed_letter().startswith(letter_pdf(2))  # an incremental update: bytes untouched


def test_visible_stamp_sits_on_the_last_page_above_the_footer() -> None:
    widget = signature_widget(signed_letter())
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])  # type: ignore[attr-defined]
    assert (x1, y1, x2, y2) == default_signature_box((0, 0, 612, 792))
    assert y1 > 39.6 + 8.5  # clear of the "Page n of N" footer line
    assert y2 <= 72  # inside the bottom margin, below the letter's text
    appearance = widget["/AP"]["/N"].get_object().get_data()  # type: ignore[index]
    assert b"Digitally signed by" in appearance
    assert b"Digitally signed by Dr\\056 Avery Testwood" in appearance  # PDF escapes "."
    assert b"/F1 8 Tf" in appearance
    assert not re.match(rb"q q 0\.\d+ 0 0 0\.\d+", appearance)  # not shrunk to fit the box
    assert b"Letter of medical necessity" in appearance


def test_caller_chosen_box_is_used() -> None:
    data = sign_pdf(letter_pdf(1), certificates().valid, PASSWORD, visible_box=(300, 100, 540, 140))
    x1, y1, x2, y2 = (float(v) for v in signature_widget(data)["/Rect"])  # type: ignore[attr-defined]
    assert (x1, y1, x2, y2) == (300, 100, 540, 140)


def test_signature_carries_reason_location_and_pades_subfilter() -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    sig = PdfFileReader(io.BytesIO(signed_letter())).embedded_signatures[0].sig_object
    assert sig["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES baseline
    assert sig["/Reason"] == "Letter of medical necessity"
    assert sig["/Location"] == "Springfield"


def test_the_certificate_names_the_signer_and_unicode_names_survive() -> None:
    data = sign_pdf(letter_pdf(1), certificates().accented, PASSWORD)
    report = verify_pdf(data)
    assert report.ok
    assert report.signer == "Dra. José Ñúñez-李, MD"  # the certificate's own name
    appearance = signature_widget(data)["/AP"]["/N"].get_object().get_data()  # type: ignore[index]
    assert rb"Jos\351 \321\372\361ez\055\077" in appearance  # no garbage for what Courier lacks


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Dr. Avery Testwood", "Dr. Avery Testwood"),
        ("José Ñúñez", "José Ñúñez"),
        ("Nguyễn Thị Hoa", "Nguyen Thi Hoa"),
        ("李明", "??"),
        ("100% sure", "100%% sure"),
        ("", ""),
    ],
)
def test_stamp_text_prints_in_the_stamp_font(text: str, printed: str) -> None:
    assert stamp_safe(text) == printed


def test_unprotected_certificate_signs_even_if_a_password_is_typed() -> None:
    data = sign_pdf(letter_pdf(1), certificates().unprotected, b"typed anyway")
    assert verify_pdf(data).ok


def test_certificate_issued_by_a_ca_signs_with_its_chain() -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = sign_pdf(letter_pdf(1), certificates().issued_by_ca, PASSWORD)
    report = verify_pdf(data)
    assert report.ok
    assert report.signer == SIGNER_NAME
    embedded = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    names = {cert.subject.native["common_name"] for cert in embedded.other_embedded_certs}
    assert "Fictional Practice Certificate Authority" in names


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_letters_are_signed_whole_or_refused_in_words(data: st.DataObject) -> None:
    letter = letter_pdf(1)
    index = data.draw(st.integers(0, len(letter) - 1))
    cut = data.draw(st.booleans())
    damaged = letter[:index] if cut else flip(letter, index)
    try:
        signed = sign_pdf(damaged, certificates().unprotected, None)
    except SigningError as exc:
        assert "Traceback" not in str(exc)
        return
    assert verify_pdf(signed).ok


def test_second_signature_is_reported_and_both_hold() -> None:
    twice = sign_pdf(signed_letter(), certificates().accented, PASSWORD)
    report = verify_pdf(twice)
    assert report.ok
    assert report.signer == "Dra. José Ñúñez-李, MD"
    assert "2 signatures" in report.message


CERTIFICATE_REFUSALS = [
    ("valid", b"wrong password", "The certificate password is wrong"),
    ("valid", None, "needs a password"),
    ("expired", PASSWORD, "The certificate expired on"),
    ("not_yet_valid", PASSWORD, "The certificate is not valid yet"),
    ("not_a_certificate", PASSWORD, "not a readable PKCS#12 certificate"),
    ("empty", None, "not a readable PKCS#12 certificate"),
]


@pytest.mark.parametrize(("which", "password", "words"), CERTIFICATE_REFUSALS)
def test_certificate_problems_are_refused_in_words(
    which: str, password: bytes | None, words: str
) -> None:
    path = getattr(certificates(), which)
    with pytest.raises(SigningError) as caught:
        sign_pdf(letter_pdf(1), path, password)
    assert words in caught.value.message
    assert str(path) in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_expired_certificate_names_its_dates() -> None:
    with pytest.raises(SigningError) as caught:
        sign_pdf(letter_pdf(1), certificates().expired, PASSWORD)
    today = dt.datetime.now(dt.UTC)
    ended = (today - dt.timedelta(days=35)).strftime("%Y-%m-%d")
    started = (today - dt.timedelta(days=400)).strftime("%Y-%m-%d")
    assert f"expired on {ended}" in caught.value.message
    assert f"valid from {started} to {ended}" in caught.value.message


@pytest.mark.parametrize(
    "path", [Path("/no/such/folder/doctor.p12"), Path("/")], ids=["missing", "folder"]
)
def test_unreadable_certificate_file_is_named(path: Path) -> None:
    words = r"certificate file cannot be read|not a readable PKCS#12"
    with pytest.raises(SigningError, match=words):
        sign_pdf(letter_pdf(1), path, PASSWORD)


def test_huge_file_is_not_read_as_a_certificate(tmp_path: Path) -> None:
    big = tmp_path / "video.p12"
    with big.open("wb") as stream:
        stream.truncate(5 * 1024 * 1024)
    with pytest.raises(SigningError, match="not a readable PKCS#12"):
        sign_pdf(letter_pdf(1), big, PASSWORD)


PDF_REFUSALS = [
    (b"", "not a PDF"),
    (b"Dear payer, plain text", "not a PDF"),
    (b"%PDF-1.4\nnothing else", "damaged"),
    (letter_pdf(1)[:700], "damaged"),
    (encrypted_pdf(), "password-protected"),
]


@pytest.mark.parametrize(("pdf", "words"), PDF_REFUSALS)
def test_unusable_letters_are_refused(pdf: bytes, words: str) -> None:
    with pytest.raises(SigningError, match=words):
        sign_pdf(pdf, certificates().valid, PASSWORD)


def test_one_flipped_byte_in_the_letter_is_caught() -> None:
    data = signed_letter()
    start, _end = signed_ranges(data)[0]
    index = data.index(b"stream", start) + 40  # inside a page's compressed content
    report = verify_pdf(flip(data, index))
    assert report.signed
    assert not report.intact
    assert not report.ok
    assert report.message.startswith("ALTERED")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_flipped_byte_in_the_signed_ranges_is_never_intact(data: st.DataObject) -> None:
    signed = signed_letter()
    (a, b), (c, d) = signed_ranges(signed)
    index = data.draw(st.one_of(st.integers(a, b - 1), st.integers(c, d - 1)))
    try:
        report = verify_pdf(flip(signed, index))
    except SigningError:
        return  # damaged beyond reading as a PDF: refused, never vouched for
    assert not report.ok


def test_appended_junk_is_reported_as_changed_after_signing() -> None:
    report = verify_pdf(signed_letter() + b"\n% appended later\n")
    assert report.signed and report.intact
    assert not report.covers_whole_file
    assert not report.ok
    assert report.message.startswith("CHANGED AFTER SIGNING")
    assert "bytes were added" in report.message


def test_incremental_edit_after_signing_is_reported() -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed_letter()), strict=False)
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue())
    assert report.signed
    assert not report.ok
    assert not report.covers_whole_file


def test_rewritten_file_is_not_vouched_for() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(signed_letter())))
    out = io.BytesIO()
    writer.write(out)
    assert not verify_pdf(out.getvalue()).ok


def test_unsigned_pdf_is_reported_unsigned() -> None:
    report = verify_pdf(letter_pdf(1))
    assert (report.signed, report.intact, report.ok) == (False, False, False)
    assert report.signer is None
    assert report.message.startswith("NOT SIGNED")


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "not a PDF"), (b"GIF89a", "not a PDF"), (b"%PDF-1.7\n junk", "damaged")],
)
def test_verify_refuses_what_is_not_a_pdf(data: bytes, words: str) -> None:
    with pytest.raises(SigningError, match=words):
        verify_pdf(data)


def test_truncated_signed_file_is_refused_in_words() -> None:
    data = signed_letter()
    with pytest.raises(SigningError, match="damaged"):
        verify_pdf(data[: len(data) // 2])


def test_verification_logs_nothing_and_restores_log_levels(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    verify_pdf(signed_letter())
    sign_pdf(letter_pdf(1), certificates().valid, PASSWORD)
    assert [r for r in caplog.records if r.name.startswith("pyhanko")] == []
    assert logging.getLogger("pyhanko").level == logging.NOTSET


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_poppler_pdfsig_accepts_the_signature(tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_letter())
    result = subprocess.run(
        ["pdfsig", str(path)], capture_output=True, text=True, timeout=30, check=False
    )
    assert "Signature is Valid" in result.stdout
    assert "Total document signed" in result.stdout
    assert SIGNER_NAME in result.stdout
    assert "ETSI.CAdES.detached" in result.stdout
