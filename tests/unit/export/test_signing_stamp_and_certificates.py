"""The visible stamp fits its box for any name, and certificate problems are told apart."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app.errors import SigningError
from desktop_app.export.signing import (
    COURIER_ADVANCE,
    STAMP_BORDER,
    STAMP_FONT_SIZE,
    STAMP_LEADING,
    STAMP_PAD,
    sign_pdf,
    stamp_lines,
    verify_pdf,
)
from tests.support.certs import PASSWORD, certificates, make_pkcs12
from tests.support.pdfs import letter_pdf

# X.509 caps a common name at 64 characters; certificates made here go past it on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:Attribute's length:UserWarning")


@functools.cache
def _key() -> object:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def certificate_named(name: str, folder: Path) -> Path:
    return make_pkcs12(folder / "named.p12", name=name, key=_key())  # type: ignore[arg-type]


def stamp_widget(data: bytes) -> tuple[tuple[float, float, float, float], bytes]:
    reader = PdfReader(io.BytesIO(data))
    for page in reversed(reader.pages):
        for annot in page.get("/Annots", []):
            widget = annot.get_object()
            if widget.get("/FT") == "/Sig":
                x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
                return (x1, y1, x2, y2), widget["/AP"]["/N"].get_object().get_data()
    raise AssertionError("no signature stamp")


def assert_stamp_fits(data: bytes) -> None:
    (x1, y1, x2, y2), appearance = stamp_widget(data)
    shown = re.findall(rb"\((.*?)(?<!\\)\) Tj", appearance)
    assert shown, appearance[:200]
    room = x2 - x1 - 2 * (STAMP_BORDER + STAMP_PAD)
    for line in shown:
        printed = re.sub(rb"\\[0-7]{3}|\\.", b"x", line)  # one character per escape
        assert len(printed) * COURIER_ADVANCE * STAMP_FONT_SIZE <= room
    assert len(shown) * STAMP_LEADING + 2 * STAMP_BORDER + 2 <= y2 - y1
    assert not re.search(rb"q q 0\.\d+ 0 0 0\.\d+", appearance)  # never shrunk to fit
    assert y1 > 39.6 + 6.5  # above the "Page n of N" footer's capitals


NAMES = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,-'éñü%"),
    min_size=1,
    max_size=120,
).filter(lambda text: text.strip())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_the_stamp_fits_its_box_for_any_name_up_to_120_characters(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("names")
    data = sign_pdf(letter_pdf(1), certificate_named(name, folder), PASSWORD)
    assert_stamp_fits(data)
    assert verify_pdf(data).ok


@pytest.mark.parametrize("length", [1, 64, 75, 95, 120])
def test_long_names_wrap_and_the_whole_name_is_printed(length: int, tmp_path: Path) -> None:
    name = ("Maximiliana Wolfeschlegelsteinhausenberger-Featherstonehaugh " * 3)[:length]
    data = sign_pdf(letter_pdf(1), certificate_named(name.strip() or "M", tmp_path), PASSWORD)
    assert_stamp_fits(data)
    _box, appearance = stamp_widget(data)
    shown = b" ".join(re.findall(rb"\((.*?)(?<!\\)\) Tj", appearance))
    printed = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m[1], 8)]), shown).decode("latin-1")
    assert " ".join(name.split()).split()[-1] in printed  # the end of the name is not cut off


def test_the_stamp_fits_in_a_signed_packet(tmp_path: Path) -> None:
    from desktop_app.services.packet import packet_parts, write_packet
    from desktop_app.services.signing import SigningRequest

    name = "Dr. " + "Bartholomew-Featherstonehaugh " * 4
    request = SigningRequest(certificate_named(name[:120], tmp_path), PASSWORD)
    parts = packet_parts(letter_pdf(2), cover_pdf=letter_pdf(1, label="Fax cover"))
    result = write_packet(tmp_path / "packet.pdf", parts, header_text="ZZ0000001", signing=request)
    data = result.path.read_bytes()
    assert_stamp_fits(data)
    assert result.signature is not None and result.signature.ok


def test_stamp_lines_keep_the_time_and_reason() -> None:
    lines = stamp_lines("Dr. Avery Testwood, MD", "Letter of medical necessity", 468)
    assert lines == [
        "Digitally signed by Dr. Avery Testwood, MD",
        "\x00time\x00 - Letter of medical necessity",
    ]


# -- certificate files: damaged, wrong password, no key -------------------------------------


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_certificate_is_never_called_a_wrong_password(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    original = certificates().valid.read_bytes()
    index = data.draw(st.integers(0, len(original) - 1))
    damaged = tmp_path_factory.mktemp("p12") / "damaged.p12"
    damaged.write_bytes(flip(original, index))
    try:
        sign_pdf(letter_pdf(1), damaged, PASSWORD)
    except SigningError as exc:
        assert "password is wrong" not in exc.message
        assert "not a readable PKCS#12 certificate" in exc.message
        assert str(damaged) in str(exc)


def test_a_damaged_certificate_is_named_as_damaged(tmp_path: Path) -> None:
    original = certificates().valid.read_bytes()
    damaged = tmp_path / "damaged.p12"
    damaged.write_bytes(flip(original, len(original) // 2))
    with pytest.raises(SigningError) as caught:
        sign_pdf(letter_pdf(1), damaged, PASSWORD)
    assert caught.value.message.startswith("The file is not a readable PKCS#12 certificate")
    assert "damaged" in caught.value.message


def test_the_wrong_password_is_called_so(tmp_path: Path) -> None:
    with pytest.raises(SigningError, match="The certificate password is wrong"):
        sign_pdf(letter_pdf(1), certificates().valid, b"Tr0ub4dor&3")


def test_a_password_with_a_nul_byte_is_refused_in_words_without_echoing_it() -> None:
    # cryptography panics (a BaseException) on a NUL, with the password's bytes in its text.
    with pytest.raises(SigningError, match="holds a NUL byte") as caught:
        sign_pdf(letter_pdf(1), certificates().valid, b"secret\x00word")
    assert "secret" not in str(caught.value)
    assert str(certificates().valid) in str(caught.value)


def test_a_certificate_without_its_private_key_says_so(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    bundle = pkcs12.load_pkcs12(certificates().valid.read_bytes(), PASSWORD)
    assert bundle.cert is not None
    only_cert = tmp_path / "public-only.p12"
    only_cert.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"public", None, bundle.cert.certificate, None, BestAvailableEncryption(PASSWORD)
        )
    )
    with pytest.raises(SigningError, match="holds no private key"):
        sign_pdf(letter_pdf(1), only_cert, PASSWORD)
