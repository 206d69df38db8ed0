"""More attacks `verify` must see through: a later stamp's actions, a signer certificate not
made for signing, a byte range with holes, a timestamp made for other data, and a second
%%EOF appended after signing."""

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


def test_a_certificate_whose_key_usage_rules_out_signing_is_not_valid_even_registered() -> None:
    from desktop_app.export.signing import TrustAnchors
    from tests.support.usage_certs import usage_signer

    signer = usage_signer(("key_encipherment",))
    data = attacks.pyhanko_sign(letter_pdf(1), signer.p12)
    registered = TrustAnchors(registered={signer.fingerprint: "Avery Testwood (NPI 1548723018)"})
    for anchors in (None, registered):
        report = verify_pdf(data, anchors)
        assert not report.ok
        assert report.intact  # the bytes are fine: the key was never meant to sign
        assert report.message.startswith("CERTIFICATE NOT VALID: signature 1 of 1")
        assert "issued NOT FOR SIGNING: its key usage (key encipherment) allows neither" in (
            report.message
        )


def test_a_signing_key_with_no_stated_usage_or_a_signing_bit_stays_valid() -> None:
    from tests.support.usage_certs import usage_signer

    data = attacks.pyhanko_sign(letter_pdf(1), usage_signer(("digital_signature",)).p12)
    assert verify_pdf(data).ok
    assert verify_pdf(signed_once()).ok  # digital signature and non-repudiation


def test_a_trusted_chain_refused_for_key_usage_does_not_blame_the_issuer() -> None:
    """pyHanko wants non-repudiation on a chain to a trusted root; its refusal is not an
    untrusted issuer, and the identity line says which it is."""
    from desktop_app.export.signing import TrustAnchors
    from tests.support.usage_certs import usage_signer

    signer = usage_signer(("digital_signature",), issued=True)
    assert signer.root_der is not None
    data = attacks.pyhanko_sign(letter_pdf(1), signer.p12)
    report = verify_pdf(data, TrustAnchors(roots=(signer.root_der,)), require_trusted=True)
    assert not report.ok
    assert report.message.startswith("NOT VOUCHED FOR: signature 1 of 1")
    assert "it chains to a root the practice trusts, but its key usage (digital signature) " \
        "lacks non-repudiation" in report.message
    other_root = verify_pdf(data, TrustAnchors(roots=(certificates_root(),)))
    assert "its issuer is not trusted" in other_root.text()


def certificates_root() -> bytes:
    from tests.support.certs import practice_authority

    return practice_authority().root_der


def test_a_byte_range_that_leaves_bytes_out_is_altered_not_bytes_added() -> None:
    from tests.support.byte_ranges import resigned_over

    signed = attacks.pyhanko_sign(letter_pdf(1), certificates().valid)
    same = resigned_over(signed, certificates().valid, lambda old, _size: old)
    assert verify_pdf(same).ok  # signing again over the same ranges changes nothing
    holed = resigned_over(
        signed, certificates().valid, lambda old, _size: [0, old[1] - 40, old[2], old[3]]
    )
    report = verify_pdf(holed)
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 1")
    assert "its byte range leaves 40 bytes of the file unsigned besides the signature's own " \
        "value" in report.message
    assert "were added" not in report.text()
    assert "integrity: ALTERED: its byte range leaves 40 bytes" in report.text()


def test_a_timestamp_made_for_other_data_is_not_called_changed_bytes() -> None:
    from tests.support.tsa import _timestamper

    honest = _timestamper()

    class OtherData(type(honest)):  # type: ignore[misc]
        async def async_timestamp(self, message_digest: bytes, md_algorithm: str) -> object:
            return await super().async_timestamp(bytes(len(message_digest)), md_algorithm)

    stamper = OtherData.__new__(OtherData)
    stamper.__dict__.update(honest.__dict__)
    data = attacks.pyhanko_sign(letter_pdf(1), certificates().valid, timestamper=stamper)
    report = verify_pdf(data)
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 1")
    assert "the signed bytes are unchanged, but its timestamp token does not hold" in (
        report.message
    )
    assert "no longer match" not in report.text()
    assert "the timestamp token is BROKEN" in report.text()


@pytest.mark.parametrize("tail", [b"\n%%EOF\n", b"\n1 0 obj (x) endobj\n%%EOF\n"])
def test_bytes_appended_with_another_eof_are_changed_after_signing_not_damage(tail: bytes) -> None:
    """A second %%EOF stops pyHanko finding startxref, while PDF readers show the file as
    before; it was called damaged. The signed part is judged, and the bytes after it counted."""
    report = verify_pdf(signed_once() + tail)
    assert not report.ok
    assert report.message.startswith("CHANGED AFTER SIGNING: signed by Dr. Avery Testwood")
    assert f"but {len(tail)} bytes were added to the file afterwards" in report.message
    flipped = bytearray(signed_once())
    flipped[400] ^= 1
    report = verify_pdf(bytes(flipped) + tail)
    assert report.message.startswith("ALTERED: signature 1 of 1")
    assert "the signed bytes no longer match the signature" in report.message


@pytest.mark.parametrize("markers", [20, 400])
def test_many_eof_markers_are_looked_back_through_a_bounded_number_of_times(
    markers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each %%EOF is a place the signed part might end; looking back from each attempt again
    tried every earlier one, so 20 markers took 8 seconds and 40 never ended."""
    from pyhanko.pdf_utils import reader as pyhanko_reader

    from desktop_app.export.signing_ranges import MAX_EARLIER_ENDS

    reads: list[int] = []

    original = pyhanko_reader.PdfFileReader

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    # verify imports the reader where it uses it, so each attempt to read is counted here.
    monkeypatch.setattr(pyhanko_reader, "PdfFileReader", counted)
    hostile = b"%PDF-1.7\n/ByteRange [0 1 2 3]\n" + b"".join(
        b"part %d\n%%%%EOF\n" % n for n in range(markers))
    report = verify_pdf(hostile)
    assert not report.ok and report.message.startswith("ALTERED: the signed PDF is damaged")
    assert len(reads) <= 1 + MAX_EARLIER_ENDS


def test_a_signature_after_a_certification_that_allows_no_changes_says_so() -> None:
    data = attacks.certified_then_signed(
        letter_pdf(1), certificates().valid, certificates().accented
    )
    report = verify_pdf(data)
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 2")
    assert "it certified the letter allowing no changes at all, and a later revision changed " \
        "more" in report.message
