"""More attacks `verify` must see through: a later stamp's actions, a signer certificate not
made for signing, a byte range with holes, and a timestamp made for other data."""

from __future__ import annotations

from functools import cache

import pytest

from desktop_app.export.signing import sign_pdf, verify_pdf
from tests.support import attacks
from tests.support.certs import PASSWORD, certificates
from tests.support.pdfs import letter_pdf

pytestmark = pytest.mark.no_database


@cache
def signed_once() -> bytes:
    return sign_pdf(letter_pdf(2), certificates().valid, PASSWORD)


@pytest.mark.parametrize(
    ("action", "words"),
    [
        ("JavaScript", "(JavaScript)"),
        ("Hide", "(Hide)"),
        ("URI", "(URI)"),
        ("PageOpen", "(an additional action)"),
    ],
)
def test_a_later_stamp_that_runs_an_action_is_altered(action: str, words: str) -> None:
    """A second signer's stamp on blank space that hides the first stamp, opens a web page or
    runs a script changes what a reader's software shows, though PDFium draws it alike."""
    data = attacks.stamp_with_action(signed_once(), certificates().accented, action)
    report = verify_pdf(data)
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 2")
    assert f"a later signature's stamp on page 2 carries an action {words}" in report.message
    assert "in revision 3 of 3" in report.message
    assert report.signatures[1].later_change is None
