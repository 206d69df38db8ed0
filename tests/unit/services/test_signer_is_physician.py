"""In-app signing: the certificate must be the prescriber's own, the stamp and audit say whose,
typed names only where the practice allows them, and a timestamp where a server is set."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.errors import SigningError
from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.services.sign_case import SignOrder, sign_case
from desktop_app.services.signer_identity import comparable_name
from desktop_app.services.signing import SigningRequest, verify_file
from desktop_app.services.trust import read_certificate_file, registration_for
from desktop_app.storage.settings import load_settings, save_settings
from tests.support.certs import PASSWORD, certificates, practice_authority
from tests.unit.services.test_sign_case_fixtures import (
    BRENNER,
    add_physicians,
    allow_typed_name_signatures,
    ready_case,
)


@pytest.fixture
def store() -> Iterator[CaseStore]:
    opened = open_case_store()
    yield opened
    opened.close()


def stamp_text(path: Path) -> bytes:
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots", []):
            widget = annot.get_object()
            if widget.get("/FT") == "/Sig":
                return bytes(widget["/AP"]["/N"].get_object().get_data())
    raise AssertionError("no stamp")


@pytest.mark.parametrize(
    ("certificate_name", "letter_name", "same"),
    [
        ("Daniel K. Brenner, MD", "Daniel K. Brenner", True),
        ("Dr. Daniel K. Brenner", "daniel k brenner", True),
        ("Dra. José Ñúñez-Li, MD", "Jose Nunez-Li", True),
        ("Daniel Brenner, MD", "Daniel K. Brenner", False),
        ("Test Doctor MD", "Anita R. Desai", False),
        ("Dr. Sarah Chen, MD (Chief of Oncology)", "Sarah Chen", True),
    ],
)
def test_names_compare_without_titles_credentials_or_accents(
    certificate_name: str, letter_name: str, same: bool
) -> None:
    assert (comparable_name(certificate_name) == comparable_name(letter_name)) is same


def test_without_the_switch_a_typed_name_is_refused(store: CaseStore, tmp_path: Path) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    with pytest.raises(SigningError, match="needs the physician's own certificate"):
        sign_case(store, case_id, SignOrder(BRENNER, out))
    assert not out.exists()
    assert store.get_case(case_id).status == "ready_for_signature"


def test_someone_elses_certificate_is_refused_naming_whose_it_is(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    request = SigningRequest(certificates().valid, PASSWORD)
    with pytest.raises(SigningError) as caught:
        sign_case(store, case_id, SignOrder(BRENNER, out, certificate=request))
    assert caught.value.message.startswith(
        "This certificate belongs to Dr. Avery Testwood, MD, not to Daniel K. Brenner"
    )
    assert not out.exists()
    assert store.signatures(case_id) == []


def test_the_prescribers_own_certificate_signs_and_the_audit_names_signer_and_operator(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    request = SigningRequest(certificates().brenner, PASSWORD)
    signed = sign_case(store, case_id, SignOrder(BRENNER, out, certificate=request))
    assert signed.signer == "Daniel K. Brenner, MD"
    assert b"(Digitally signed by Daniel K\\056 Brenner\\054 MD)" in stamp_text(out)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Digitally signed with the certificate of Daniel K. Brenner, MD" in text
    [entry] = [e for e in audit.entries(50, case_id=case_id) if e.action == "letter.signed"]
    facts = read_certificate_file(certificates().brenner, PASSWORD)
    assert entry.detail["signer_certificate_sha256"] == facts.fingerprint
    assert "CN=Daniel K. Brenner" in str(entry.detail["signer_subject"])
    assert entry.detail["operator"] == audit.current_user()


def test_a_registered_certificate_under_another_name_signs_and_verify_vouches_for_it(
    store: CaseStore, tmp_path: Path
) -> None:
    facts = read_certificate_file(certificates().valid, PASSWORD)
    physician = BRENNER.model_copy(update={"certificates": [registration_for(facts)]})
    add_physicians(physician)
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    request = SigningRequest(certificates().valid, PASSWORD)
    sign_case(store, case_id, SignOrder(physician, out, certificate=request))
    assert b"Digitally signed by Dr\\056 Avery Testwood\\054 MD" in stamp_text(out)  # its own
    report = verify_file(out, require_trusted=True)
    assert report.ok
    assert (
        "vouched for: the practice registered this certificate for Daniel K. Brenner "
        "(NPI 1548723018)"
    ) in report.text()


def test_where_allowed_a_typed_name_is_labelled_in_the_letter_and_in_verify(
    store: CaseStore, tmp_path: Path
) -> None:
    allow_typed_name_signatures()
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "typed.pdf"
    sign_case(store, case_id, SignOrder(BRENNER, out))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Signed by typed name, without a digital certificate" in text
    report = verify_file(out)
    assert not report.ok
    assert "signed by typed name, without a digital certificate" in report.message
    [entry] = [e for e in audit.entries(50, case_id=case_id) if e.action == "letter.signed"]
    assert entry.detail["signer_subject"] == "typed name, no certificate"


def test_a_timestamp_server_in_settings_timestamps_the_signature(
    store: CaseStore, tmp_path: Path
) -> None:
    from tests.support.tsa import timestamp_server

    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    request = SigningRequest(certificates().brenner, PASSWORD)
    with timestamp_server() as (url, received):
        settings = load_settings()
        settings.timestamp_url = url
        save_settings(settings)
        sign_case(store, case_id, SignOrder(BRENNER, out, certificate=request))
    assert received
    report = verify_file(out, trust=[practice_authority().root_pem])
    assert report.ok
    assert "from an RFC 3161 timestamp by Fictional Practice Timestamp Server" in report.text()
    assert "the timestamp server is vouched for" in report.text()
    assert PdfReader(io.BytesIO(out.read_bytes())).pages  # still a readable letter
