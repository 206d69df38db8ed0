"""`pa-letter sign` and `pa-letter verify` as a process: exit codes and the words printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import attacks
from tests.support.certs import PASSWORD, SIGNER_NAME, certificates, practice_authority
from tests.support.pdfs import letter_pdf

pytestmark = pytest.mark.slow


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "password.txt"
    path.write_bytes(PASSWORD + b"\n")
    return path


def test_sign_then_verify_a_plain_letter(pa_letter, tmp_path: Path, password_file: Path) -> None:
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(letter_pdf(2))
    signed = tmp_path / "signed.pdf"
    result = pa_letter(
        "sign", letter, "--p12", certificates().valid, "--password-file", password_file,
        "-o", signed,
    )
    assert result.code == 0, result.err
    assert f"as {SIGNER_NAME}" in result.out
    checked = pa_letter("verify", signed)
    assert checked.code == 0, checked.out + checked.err
    lines = checked.out.splitlines()
    assert lines[0].startswith(f"INTACT: signed by {SIGNER_NAME}")
    assert "  integrity: intact: the signed bytes are unchanged" in lines
    assert "  identity: identity not vouched for: the certificate is self-signed" in lines
    assert any("as the signer's own computer claims" in line for line in lines)
    assert "Traceback" not in checked.out + checked.err


def test_require_trusted_and_trust_decide_the_exit_code(pa_letter, tmp_path: Path) -> None:
    from desktop_app.export.signing import sign_pdf

    authority = practice_authority()
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(1), authority.physician, PASSWORD))
    assert pa_letter("verify", signed).code == 0
    refused = pa_letter("verify", signed, "--require-trusted")
    assert refused.code == 1
    assert refused.out.startswith("NOT VOUCHED FOR: signature 1 of 1")
    assert "its issuer is not trusted" in refused.out
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    bundle = pkcs12.load_pkcs12(certificates().valid.read_bytes(), PASSWORD)
    assert bundle.cert is not None
    other_root = tmp_path / "other.pem"  # a root that vouches for someone else
    other_root.write_bytes(bundle.cert.certificate.public_bytes(Encoding.PEM))
    alone = pa_letter("verify", signed, "--trust", other_root, "--require-trusted")
    assert alone.code == 1
    vouched = pa_letter(
        "verify", signed, "--trust", other_root, "--trust", authority.root_pem,
        "--require-trusted",
    )
    assert vouched.code == 0, vouched.out
    assert "chains to a root the practice trusts" in vouched.out


def test_a_shadow_stamp_exits_one_naming_the_first_signature(pa_letter, tmp_path: Path) -> None:
    from desktop_app.export.signing import sign_pdf

    first = sign_pdf(letter_pdf(2), certificates().valid, PASSWORD)
    attacked = tmp_path / "shadow.pdf"
    attacked.write_bytes(attacks.shadow_stamp(first, certificates().accented))
    result = pa_letter("verify", attacked)
    assert result.code == 1
    assert result.out.startswith("ALTERED: signature 1 of 2")
    assert "Signature 2 of 2: field Shadow, revision 3 of 3" in result.out


def test_a_trust_file_that_is_not_a_certificate_is_named(pa_letter, tmp_path: Path) -> None:
    from desktop_app.export.signing import sign_pdf

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(1), certificates().valid, PASSWORD))
    junk = tmp_path / "root.pem"
    junk.write_text("not a certificate")
    result = pa_letter("verify", signed, "--trust", junk)
    assert result.code != 0
    assert "root.pem" in result.err + result.out
    assert "not a certificate" in result.err + result.out
    assert "Traceback" not in result.err


def test_verify_of_a_file_that_cannot_be_read_is_unusable_input(pa_letter, tmp_path: Path) -> None:
    # Exit 2 as for any unreadable file: a script must not take "missing" for "altered".
    result = pa_letter("verify", tmp_path / "gone.pdf")
    assert result.code == 2, result.err
    assert "gone.pdf" in result.err and "cannot be read" in result.err
    not_pdf = tmp_path / "note.pdf"
    not_pdf.write_text("a note, not a signed letter")
    result = pa_letter("verify", not_pdf)
    assert result.code == 1, result.err
    assert "not a PDF" in result.err
    assert "Traceback" not in result.err


def test_verify_leaves_the_signing_machinery_and_network_clients_unloaded(
    pa_letter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Checking a signature needs no signer, timestamp client or HTTP library: loading them
    # made `verify` several times slower to start than poppler's pdfsig (bench_signing.py).
    from desktop_app.export.signing import sign_pdf

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(1), certificates().valid, PASSWORD))
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")  # Python lists every import on stderr
    result = pa_letter("verify", signed)
    assert result.code == 0, result.err
    assert result.out.startswith(f"INTACT: signed by {SIGNER_NAME}")
    imported = _imported(result.err)
    assert "pyhanko.sign.validation" in imported  # the list is real: the check itself is there
    assert "aiohttp" not in imported
    assert "requests" not in imported
    assert "pyhanko.sign.signers" not in imported
    assert "pyhanko.sign.timestamps" not in imported
    assert not {"sqlalchemy", "alembic", "desktop_app.domain.case", "pydantic"} & imported
    # Its folders are given (PA_LETTER_HOME, PA_LETTER_CACHE): nothing to look them up with.
    assert not {"platformdirs", "tempfile"} & imported
    # asyncio comes without its TLS support: a check connects nowhere (the failed tries of
    # `import ssl` are listed too, so the sign is OpenSSL's TLS extension module, never tried).
    assert "asyncio" in imported and "_ssl" not in imported
    # Nor what pyHanko imports to decrypt files (PKCS#12, and with it cryptography's x509 and
    # the email modules) or to write them (the local time zone, uuid).
    assert not {"cryptography.x509", "email.utils", "tzlocal", "zoneinfo", "uuid"} & imported
    # A desk without a settings file parses no JSON; other commands' helpers stay out too.
    assert not {"json", "platform", "desktop_app.domain.identifiers"} & imported
    # Nor what pyHanko makes an encrypted file's keys with, nor argparse's width finder.
    assert not {"secrets", "hmac", "shutil", "bz2", "lzma"} & imported
    assert not {"cryptography.hazmat.primitives.keywrap", "asn1crypto.pem"} & imported
    # Python's own modules for tracebacks, source lines, help text and making keys.
    assert not {"tokenize", "linecache", "textwrap", "random"} & imported


def test_verify_reads_the_practices_trust_without_the_settings_models(
    pa_letter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The trusted roots and registered certificates come from settings.json as the app saved
    # it; building pydantic's settings models for them cost verify more than the check itself.
    from desktop_app.export.signing import sign_pdf
    from desktop_app.services.trust import (
        read_certificate_file,
        registration_for,
        trusted_certificate_from_file,
    )
    from desktop_app.storage.settings import DirectoryPrescriber, PracticeSettings, save_settings

    authority = practice_authority()
    facts = read_certificate_file(certificates().valid, PASSWORD)
    save_settings(PracticeSettings(
        trusted_certificates=[trusted_certificate_from_file(authority.root_pem)],
        prescribers=[DirectoryPrescriber(name="Daniel K. Brenner", npi="1548723018",
                                         certificates=[registration_for(facts)])],
    ))
    registered = tmp_path / "registered.pdf"
    registered.write_bytes(sign_pdf(letter_pdf(1), certificates().valid, PASSWORD))
    by_root = tmp_path / "by-root.pdf"
    by_root.write_bytes(sign_pdf(letter_pdf(1), authority.physician, PASSWORD))
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")
    first = pa_letter("verify", registered, "--require-trusted")
    second = pa_letter("verify", by_root, "--require-trusted")
    assert (first.code, second.code) == (0, 0), first.out + second.out
    assert ("identity: vouched for: the practice registered this certificate for "
            "Daniel K. Brenner (NPI 1548723018)") in first.out
    assert "vouched for: the certificate chains to a root the practice trusts" in second.out
    assert "pydantic" not in _imported(first.err) | _imported(second.err)


def test_verify_reads_a_timestamp_token_without_loading_the_signers(
    pa_letter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The timestamp path of the check uses more of pyHanko than a plain signature does.
    from pyhanko.sign.timestamps import HTTPTimeStamper

    from desktop_app.export.signing import sign_pdf
    from tests.support.tsa import timestamp_server

    with timestamp_server() as (url, _received):
        stamper = HTTPTimeStamper(url, timeout=10)
        data = sign_pdf(letter_pdf(1), certificates().valid, PASSWORD, timestamper=stamper)
    signed = tmp_path / "stamped.pdf"
    signed.write_bytes(data)
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")
    result = pa_letter("verify", signed)
    assert result.code == 0, result.err
    assert "from an RFC 3161 timestamp by Fictional Practice Timestamp Server" in result.out
    imported = _imported(result.err)
    assert "pyhanko.sign.validation.generic_cms" in imported
    assert not {"aiohttp", "pyhanko.sign.signers", "pyhanko.sign.timestamps"} & imported


def _imported(stderr: str) -> set[str]:
    """The modules a process imported, from Python's import listing (-X importtime)."""
    return {
        line.rsplit("|", 1)[-1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:")
    }
