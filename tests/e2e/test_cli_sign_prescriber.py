"""`pa-letter sign` signs a letter only with its prescriber's own certificate, as the app does.

A letter made by PA Letter Studio names its prescriber; the certificate must carry that name
or be registered with that prescriber in Settings. Anything else is refused (exit 1) with both
names, and no file is written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.domain.casefile import load_case
from desktop_app.services.render import render_letter
from desktop_app.services.trust import read_certificate_file, registration_for
from desktop_app.storage.settings import DirectoryPrescriber, load_settings, save_settings
from tests.support.certs import PASSWORD, SIGNER_NAME, certificates
from tests.support.logins import as_login
from tests.support.pdfs import letter_pdf

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-part-b-preauth.json"
PRESCRIBER = "Maya R. Okafor"  # the example case's prescriber


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "password.txt"
    path.write_bytes(PASSWORD + b"\n")
    return path


def app_letter(folder: Path, prescriber: str | None = None) -> Path:
    """The example case's letter as the app renders it, naming `prescriber` if given."""
    case = load_case(EXAMPLE)
    if prescriber is not None:
        case = case.model_copy(
            update={"prescriber": case.prescriber.model_copy(update={"name": prescriber})}
        )
    path = folder / "letter.pdf"
    path.write_bytes(render_letter(case, fmt="pdf", override_reason="test").data)
    return path


def sign(pa_letter, letter: Path, out: Path, password_file: Path, *extra: str):  # type: ignore[no-untyped-def]
    return pa_letter(
        "sign", letter, "--p12", certificates().valid, "--password-file", password_file,
        "-o", out, *extra,
    )


def test_another_physicians_certificate_is_refused_naming_both(
    pa_letter, tmp_path: Path, password_file: Path
) -> None:
    out = tmp_path / "signed.pdf"
    result = sign(pa_letter, app_letter(tmp_path), out, password_file)
    assert result.code == 1
    assert result.err.startswith(
        f"pa-letter: This certificate belongs to {SIGNER_NAME}, not to {PRESCRIBER}, the "
        "prescriber on this letter, so it was not signed"
    )
    assert "registers it for them in Settings" in result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.pdf", "password.txt"]


def test_the_prescribers_own_certificate_signs(
    pa_letter, tmp_path: Path, password_file: Path
) -> None:
    # The certificate's holder is "Dr. Avery Testwood, MD": title and credentials aside.
    out = tmp_path / "signed.pdf"
    result = sign(pa_letter, app_letter(tmp_path, "Avery Testwood"), out, password_file)
    assert result.code == 0, result.err
    assert f"Signed {out} as {SIGNER_NAME}" in result.out
    assert result.err == ""
    assert pa_letter("verify", out).code == 0


def test_a_certificate_registered_with_the_prescriber_signs_under_another_name(
    pa_letter, tmp_path: Path, password_file: Path
) -> None:
    facts = read_certificate_file(certificates().valid, PASSWORD)
    settings = load_settings()
    settings.prescribers.append(
        DirectoryPrescriber(name=PRESCRIBER, npi="1304567898",
                            certificates=[registration_for(facts)])
    )
    save_settings(settings)
    out = tmp_path / "signed.pdf"
    result = sign(pa_letter, app_letter(tmp_path), out, password_file)
    assert result.code == 0, result.err
    assert out.exists()


def test_typing_another_prescriber_does_not_get_round_the_check(
    pa_letter, tmp_path: Path, password_file: Path
) -> None:
    out = tmp_path / "signed.pdf"
    result = sign(pa_letter, app_letter(tmp_path), out, password_file,
                  "--prescriber", "Dr. Avery Testwood")
    assert result.code == 1
    assert "The letter names another prescriber than Dr. Avery Testwood" in result.err
    assert not out.exists()


def test_a_pdf_from_other_software_is_checked_against_the_prescriber_typed(
    pa_letter, tmp_path: Path, password_file: Path
) -> None:
    letter = tmp_path / "plain.pdf"
    letter.write_bytes(letter_pdf(1))  # reportlab's own author, "anonymous": not a prescriber
    out = tmp_path / "signed.pdf"
    refused = sign(pa_letter, letter, out, password_file, "--prescriber", "Jordan <b>Lee</b>")
    assert refused.code == 1
    assert f"belongs to {SIGNER_NAME}, not to Jordan <b>Lee</b>," in refused.err  # as typed
    assert not out.exists()
    matched = sign(pa_letter, letter, out, password_file, "--prescriber", "avery testwood")
    assert matched.code == 0, matched.err
    unchecked = sign(pa_letter, letter, tmp_path / "again.pdf", password_file)
    assert unchecked.code == 0
    assert "names no prescriber" in unchecked.err
    assert "was not checked; give --prescriber NAME" in unchecked.err


def test_on_a_practice_with_roles_only_the_letters_physician_signs_from_the_command_line(
    pa_letter, tmp_path: Path, password_file: Path, pa_letter_home: Path
) -> None:
    def run(login: str, *args: str | Path):  # type: ignore[no-untyped-def]
        return pa_letter(*args, env_extra=as_login(login))

    assert run("mlopez", "people", "add", "Maria Lopez", "--role", "admin",
               "--login", "mlopez").code == 0
    assert run("mlopez", "people", "add", "Sam Staff", "--role", "staff",
               "--login", "sstaff").code == 0
    assert run("mlopez", "people", "add", "Dr. Avery Testwood", "--role", "physician",
               "--npi", "1234567893", "--login", "atestwood").code == 0
    assert run("mlopez", "people", "add", "Dr. Maya R. Okafor", "--role", "physician",
               "--npi", "1304567898", "--login", "mokafor").code == 0
    letter = app_letter(tmp_path, "Avery Testwood")
    out = tmp_path / "signed.pdf"
    signing = ("sign", letter, "--p12", certificates().valid, "--password-file",
               password_file, "-o", out)

    staff = run("sstaff", *signing)
    assert staff.code == 1 and "Only a physician signs letters" in staff.err
    stranger = run("visitor", *signing)
    assert stranger.code == 1 and "(visitor) is not one of them" in stranger.err
    other_doctor = run("mokafor", *signing)
    assert other_doctor.code == 1
    assert "this letter names Avery Testwood as prescriber; only they can sign it" in (
        other_doctor.err)
    assert "Traceback" not in staff.err + stranger.err + other_doctor.err
    assert not out.exists()

    signed = run("atestwood", *signing)
    assert signed.code == 0, signed.err
    assert out.exists()
    with sqlite3.connect(pa_letter_home / "cases.sqlite3") as db:
        users = [u for (u,) in db.execute(
            "SELECT user FROM audit_log WHERE action = 'person.signed_in' ORDER BY id")]
    assert users[-1] == "Dr. Avery Testwood (physician)"  # who signed, by name and role
    assert run("mlopez", "audit", "verify").code == 0
