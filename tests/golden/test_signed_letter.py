"""Golden checks on a letter signed through the workflow, confirmed by tools other than ours.

poppler's `pdfsig` and pyHanko's own validator (with the test certificate as trust root) must
both accept the signature our workflow made, and both must notice a changed byte.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.services.sign_case import SignOrder, sign_case
from desktop_app.services.signature_workflow import verify_signed_file
from desktop_app.services.signing import SigningRequest
from tests.support.certs import PASSWORD, certificates
from tests.unit.services.test_sign_case_fixtures import (
    BRENNER,
    allow_typed_name_signatures,
    ready_case,
)

SIGNED_AT = dt.datetime(2026, 11, 27, 15, 30, tzinfo=dt.UTC)
PDFSIG = shutil.which("pdfsig")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture(autouse=True)
def typed_names_allowed() -> None:
    """Some letters here are signed by typed name, which a practice must allow in Settings."""
    allow_typed_name_signatures()


@pytest.fixture
def store() -> Iterator[CaseStore]:
    opened = open_case_store()
    yield opened
    opened.close()


@pytest.fixture
def signed_letter(store: CaseStore, tmp_path: Path) -> Path:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    request = SigningRequest(certificates().brenner, PASSWORD)
    sign_case(store, case_id, SignOrder(BRENNER, out, certificate=request), now=SIGNED_AT)
    return out


def _pdfsig(path: Path) -> str:
    assert PDFSIG is not None
    run = subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, check=False)
    return run.stdout + run.stderr


@pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_accepts_the_workflows_signature(signed_letter: Path) -> None:
    out = _pdfsig(signed_letter)
    assert "Signature #1:" in out
    assert "Signature #2:" not in out
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Signer Certificate Common Name: Daniel K. Brenner, MD" in out
    assert "ETSI.CAdES.detached" in out  # PAdES, not the older adbe.pkcs7 forms


@pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_and_our_check_both_see_a_changed_byte(signed_letter: Path) -> None:
    data = bytearray(signed_letter.read_bytes())
    spot = data.index(b"Brenner")  # the letter's author, in the document information
    data[spot] = ord("X")  # one changed byte inside the signed range breaks the signature
    signed_letter.write_bytes(bytes(data))
    assert "Signature is Valid." not in _pdfsig(signed_letter)
    assert not verify_signed_file(signed_letter).ok


def test_pyhanko_validates_against_the_physicians_certificate(signed_letter: Path) -> None:
    from asn1crypto import x509  # type: ignore[import-untyped]
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    bundle = pkcs12.load_pkcs12(certificates().brenner.read_bytes(), PASSWORD)
    assert bundle.cert is not None
    root = x509.Certificate.load(bundle.cert.certificate.public_bytes(Encoding.DER))
    reader = PdfFileReader(io.BytesIO(signed_letter.read_bytes()))
    [signature] = reader.embedded_signatures
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=[root], allow_fetching=False)
    )
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext is not installed")
def test_signature_block_reads_as_expected(store: CaseStore, tmp_path: Path) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "typed.pdf"
    sign_case(store, case_id, SignOrder(BRENNER, out), now=SIGNED_AT, invariant=True)
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = lines.index("Sincerely,")
    assert lines[start + 1 : start + 5] == [
        "Signed by typed name, without a digital certificate: Daniel K. Brenner, MD, PhD on "
        "November 27, 2026",
        "Daniel K. Brenner, MD, PhD",
        "NPI 1548723018",
        "Date: November 27, 2026",
    ]


def test_an_invariant_signed_letter_is_byte_stable(store: CaseStore, tmp_path: Path) -> None:
    """The recorded hash can be reproduced: same case, signer and day give the same bytes."""
    hashes = []
    for number in (1, 2):
        case_id = ready_case(store, tmp_path)
        out = tmp_path / f"typed-{number}.pdf"
        order = SignOrder(BRENNER, out)
        hashes.append(sign_case(store, case_id, order, now=SIGNED_AT, invariant=True).sha256)
    assert hashes[0] == hashes[1]
