"""Attacks on signed letters that `verify` must see through, each built with pyHanko and pypdf.

Every test asserts the verdict (ok or not, which is the CLI's exit code) and the words a
payer's reviewer would read: which signature, which revision, and what happened.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from desktop_app.export.signing import TrustAnchors, sign_pdf, verify_pdf
from tests.support import attacks
from tests.support.certs import (
    PASSWORD,
    SIGNER_NAME,
    certificates,
    make_pkcs12,
    practice_authority,
)
from tests.support.pdfs import letter_pdf


@cache
def signed_once() -> bytes:
    return sign_pdf(letter_pdf(2), certificates().valid, PASSWORD)


def test_a_shadow_stamp_over_the_signed_text_is_altered_naming_signature_and_revision() -> None:
    report = verify_pdf(attacks.shadow_stamp(signed_once(), certificates().accented))
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 2")
    assert f"by {SIGNER_NAME}" in report.message  # the first signer, not the latest
    assert "stamp covers signed content on page 1" in report.message
    assert "in revision 3 of 3" in report.message
    first, second = report.signatures
    assert first.later_change is not None
    assert second.later_change is None  # the shadow signature itself is cryptographically fine


def test_an_annotation_drawn_over_the_text_is_altered() -> None:
    report = verify_pdf(attacks.annotation_overlay(signed_once()))
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 1")
    assert "covers or alters text or images that were signed (page 1)" in report.message
    assert "revision 3 of 3" in report.message


def test_a_replaced_page_is_altered() -> None:
    report = verify_pdf(attacks.page_replacement(signed_once()))
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 1")
    assert "(page 1)" in report.message


def test_edited_metadata_then_a_second_signature_is_altered() -> None:
    edited = attacks.metadata_edit(signed_once())
    resigned = sign_pdf(edited, certificates().accented, PASSWORD)
    report = verify_pdf(resigned)
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 2")
    assert "document information was edited (author, title)" in report.message
    assert "in revision 3 of 4" in report.message
    assert report.signatures[1].later_change is None


def test_a_second_signature_on_blank_space_keeps_both_valid() -> None:
    twice = sign_pdf(signed_once(), certificates().accented, PASSWORD)
    report = verify_pdf(twice)
    assert report.ok
    assert report.message.startswith("INTACT")
    assert "(2 signatures)" in report.message
    assert "another signature on blank space" in report.text()


def test_three_signatures_draw_the_final_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each signature is compared with the same final file: its pages are drawn once, plus
    once per signed revision that has others after it (a packet signed by three people)."""
    from desktop_app.export import signing_pages

    data = signed_once()
    for who in ("accented", "valid"):
        data = sign_pdf(data, getattr(certificates(), who), PASSWORD)
    drawn: list[int] = []
    real = signing_pages.render_pages

    def counted(pdf_bytes: bytes) -> list[signing_pages.RenderedPage]:
        drawn.append(len(pdf_bytes))
        return real(pdf_bytes)

    monkeypatch.setattr(signing_pages, "render_pages", counted)
    report = verify_pdf(data)
    assert report.ok
    assert "(3 signatures)" in report.message
    assert all(check.later_change is None for check in report.signatures)
    assert drawn.count(len(data)) == 1  # the final file
    assert len(drawn) == 3  # and the two signed revisions that have signatures after them


@pytest.mark.parametrize(
    ("which", "words"),
    [("expired", "EXPIRED when it signed"), ("not_yet_valid", "NOT YET VALID when it signed")],
)
def test_certificates_outside_their_dates_at_signing_fail(which: str, words: str) -> None:
    data = attacks.pyhanko_sign(letter_pdf(1), getattr(certificates(), which))
    report = verify_pdf(data)
    assert not report.ok
    assert report.intact  # the bytes are fine: it is the certificate that was not
    assert report.message.startswith("CERTIFICATE NOT VALID: signature 1 of 1")
    assert words in report.message


@cache
def impostor() -> Path:
    return make_pkcs12(
        certificates().folder / "impostor.p12", name="Dr. Sarah Chen, MD (Chief of Oncology)"
    )


def test_a_self_signed_impostor_is_intact_but_not_vouched_for() -> None:
    report = verify_pdf(attacks.pyhanko_sign(letter_pdf(1), impostor()))
    assert report.ok  # integrity holds and the certificate was in date: exit 0 is allowed
    assert not report.trusted
    text = report.text()
    assert "signer: Dr. Sarah Chen, MD (Chief of Oncology)" in text
    assert "integrity: intact" in text
    assert "identity: identity not vouched for: the certificate is self-signed" in text


def test_require_trusted_refuses_an_impostor() -> None:
    report = verify_pdf(attacks.pyhanko_sign(letter_pdf(1), impostor()), require_trusted=True)
    assert not report.ok
    assert report.message.startswith("NOT VOUCHED FOR: signature 1 of 1")
    assert "self-signed" in report.message


def test_a_registered_physician_certificate_is_vouched_for() -> None:
    data = signed_once()
    print_ = verify_pdf(data).signatures[0].fingerprint
    assert print_ is not None
    anchors = TrustAnchors(registered={print_: "Avery Testwood (NPI 1548723018)"})
    report = verify_pdf(data, anchors, require_trusted=True)
    assert report.ok
    assert "the practice registered this certificate for Avery Testwood" in report.text()


def test_a_chain_to_a_trusted_root_is_vouched_for_and_an_unknown_issuer_is_not() -> None:
    authority = practice_authority()
    data = sign_pdf(letter_pdf(1), authority.physician, PASSWORD)
    unknown = verify_pdf(data)
    assert unknown.ok and not unknown.trusted
    assert "identity not vouched for: its issuer is not trusted" in unknown.text()
    trusted = verify_pdf(data, TrustAnchors(roots=(authority.root_der,)), require_trusted=True)
    assert trusted.ok and trusted.trusted
    assert "chains to a root the practice trusts" in trusted.text()


def test_without_a_timestamp_the_time_is_the_signers_claim() -> None:
    text = verify_pdf(signed_once()).text()
    assert "as the signer's own computer claims (no timestamp from a timestamp server)" in text


def test_a_timestamp_from_the_local_server_is_reported() -> None:
    from pyhanko.sign.timestamps import HTTPTimeStamper

    from tests.support.tsa import timestamp_server

    before = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    authority = practice_authority()
    with timestamp_server() as (url, received):
        data = sign_pdf(
            letter_pdf(1), certificates().valid, PASSWORD, timestamper=HTTPTimeStamper(url)
        )
    assert received  # pyHanko asks twice: once to size the signature, once for real
    report = verify_pdf(data, TrustAnchors(roots=(authority.root_der,)))
    assert report.ok
    [check] = report.signatures
    assert check.signed_at is not None and check.signed_at >= before
    assert "from an RFC 3161 timestamp by Fictional Practice Timestamp Server" in check.time_words
    assert "the timestamp server is vouched for" in check.time_words
    untrusted = verify_pdf(data).signatures[0].time_words
    assert "the timestamp server is not vouched for" in untrusted


def test_an_unreachable_timestamp_server_refuses_to_sign_in_words() -> None:
    from pyhanko.sign.timestamps import HTTPTimeStamper

    from desktop_app.errors import SigningError

    with pytest.raises(SigningError, match="timestamp server did not answer"):
        sign_pdf(
            letter_pdf(1),
            certificates().valid,
            PASSWORD,
            timestamper=HTTPTimeStamper("http://127.0.0.1:9/tsa", timeout=2),
        )


def test_a_letter_signed_by_typed_name_says_so() -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    from desktop_app.export.signing_report import TYPED_NAME_KEYWORD

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf(1))))
    writer.add_metadata({"/Keywords": f"prior authorization; {TYPED_NAME_KEYWORD}"})
    out = io.BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue())
    assert not report.ok
    assert report.message.startswith("NOT SIGNED")
    assert "signed by typed name, without a digital certificate" in report.message


def test_many_revisions_after_a_signature_are_still_judged() -> None:
    data = signed_once()
    for number in range(15):
        data = attacks.metadata_edit(data, author=f"Editor {number}")
    report = verify_pdf(data)
    assert not report.ok
    assert report.message.startswith("ALTERED: signature 1 of 1")
    assert "document information was edited" in report.message


def test_a_giant_page_is_drawn_small_enough_to_check() -> None:
    giant = letter_pdf(1, size=(14400.0, 14400.0))  # 200 inches square, PDF's largest page
    signed = sign_pdf(giant, certificates().valid, PASSWORD)
    assert verify_pdf(signed).ok
    report = verify_pdf(attacks.page_replacement(signed))
    assert not report.ok
    assert report.message.startswith("ALTERED")
