"""The signature block the letter prints: name, credentials, date words, and how it was signed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.errors import SigningError
from desktop_app.export.signing_certs import SigningCertificate
from desktop_app.services.signature_block import (
    signature_block,
    signer_display_name,
    signing_date_words,
)
from desktop_app.storage.settings import DirectoryPrescriber
from tests.unit.services.test_sign_case_fixtures import BRENNER

pytestmark = pytest.mark.no_database  # runs once: opens no case database

DAY = dt.date(2026, 11, 28)


def _certificate(common_name: str) -> SigningCertificate:
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return SigningCertificate(b"", b"", (), common_name, moment, moment)


def test_the_name_carries_credentials_only_when_there_are_some() -> None:
    assert signer_display_name(BRENNER) == "Daniel K. Brenner, MD, PhD"
    bare = DirectoryPrescriber(name=" Ada Lin ", credentials="  ", npi="1548723018")
    assert signer_display_name(bare) == "Ada Lin"


def test_a_typed_name_signature_says_it_has_no_certificate() -> None:
    block = signature_block(BRENNER, DAY)
    assert block.date_text == signing_date_words(DAY) == "November 28, 2026"
    assert block.signed_line == (
        "Signed by typed name, without a digital certificate: "
        "Daniel K. Brenner, MD, PhD on November 28, 2026"
    )
    assert (block.name, block.credentials, block.npi) == (
        "Daniel K. Brenner",
        "MD, PhD",
        "1548723018",
    )
    assert block.image_path is None


def test_a_certificate_signature_names_the_holder_or_falls_back_to_the_physician() -> None:
    named = signature_block(BRENNER, DAY, _certificate("Dr. D. Brenner"))
    assert named.signed_line == (
        "Digitally signed with the certificate of Dr. D. Brenner on November 28, 2026"
    )
    unnamed = signature_block(BRENNER, DAY, _certificate("  "))
    assert "certificate of Daniel K. Brenner, MD, PhD on" in unnamed.signed_line


def test_a_missing_signature_image_is_refused_with_a_way_out(tmp_path: Path) -> None:
    gone = tmp_path / "signature.png"
    physician = BRENNER.model_copy(update={"signature_image": str(gone)})
    with pytest.raises(SigningError, match="cannot be found") as refused:
        signature_block(physician, DAY)
    assert "typed line" in str(refused.value.hint)
