"""The practice's trust as verify reads it: the same roots and registrations the settings hold,
whether the file is read plainly or through the settings models, and nobody extra when the
file is damaged (on SQLite the desk's file; on PostgreSQL through the practice's settings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.services.signing import verify_bytes
from desktop_app.services.trust import (
    practice_anchors,
    read_certificate_file,
    registration_for,
    trusted_certificate_from_file,
)
from desktop_app.storage.settings import (
    DirectoryPrescriber,
    PracticeSettings,
    load_settings,
    save_settings,
    settings_path,
)
from desktop_app.storage.settings_plain import plain_settings
from tests.support.certs import PASSWORD, certificates, practice_authority
from tests.support.pdfs import letter_pdf


@pytest.fixture
def trusting_settings() -> PracticeSettings:
    """Settings as an admin leaves them: the practice root, and a physician's own certificate
    registered with two prescribers (the later one names it in the verdict)."""
    facts = read_certificate_file(certificates().valid, PASSWORD)
    settings = PracticeSettings(
        trusted_certificates=[trusted_certificate_from_file(practice_authority().root_pem)],
        prescribers=[
            DirectoryPrescriber(name="Ana Ruiz", certificates=[registration_for(facts)]),
            DirectoryPrescriber(name=" Daniel K. Brenner ", npi="1548723018",
                                certificates=[registration_for(facts)]),
        ],
    )
    save_settings(settings)
    return settings


def test_a_saved_file_is_read_plainly_and_gives_the_models_anchors(
    trusting_settings: PracticeSettings,
) -> None:
    assert plain_settings(settings_path().read_bytes()) is not None  # the cheap path is taken
    anchors = practice_anchors()
    assert anchors == practice_anchors(settings=load_settings())
    assert anchors.roots == (practice_authority().root_der,)
    fingerprint = read_certificate_file(certificates().valid, PASSWORD).fingerprint
    assert anchors.registered == {fingerprint: "Daniel K. Brenner (NPI 1548723018)"}


def test_a_file_only_the_models_can_read_gives_their_anchors(
    trusting_settings: PracticeSettings,
) -> None:
    document = json.loads(settings_path().read_text())
    document["online_lookup"] = "yes"  # the models read it as true; the plain reader leaves it
    settings_path().write_text(json.dumps(document))
    assert plain_settings(settings_path().read_bytes()) is None
    anchors = practice_anchors()
    assert anchors.roots == (practice_authority().root_der,)
    assert anchors == practice_anchors(settings=load_settings())


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: doc.update(user_name=5),
        lambda doc: doc["prescribers"][0].pop("name"),
        lambda doc: doc.update(colour="blue"),
    ],
)
def test_a_damaged_settings_file_trusts_nobody_extra(
    trusting_settings: PracticeSettings, damage: object
) -> None:
    document = json.loads(settings_path().read_text())
    damage(document)  # type: ignore[operator]
    settings_path().write_text(json.dumps(document))
    anchors = practice_anchors()
    assert (anchors.roots, dict(anchors.registered)) == ((), {})


def test_a_settings_file_too_large_to_read_trusts_nobody_extra(
    trusting_settings: PracticeSettings,
) -> None:
    settings_path().write_bytes(b" " * (2 * 1024 * 1024) + b"{}")
    anchors = practice_anchors()
    assert (anchors.roots, dict(anchors.registered)) == ((), {})


def test_verify_vouches_for_the_registered_physician_from_the_settings_file(
    trusting_settings: PracticeSettings, tmp_path: Path
) -> None:
    from desktop_app.export.signing import sign_pdf

    signed = sign_pdf(letter_pdf(1), certificates().valid, PASSWORD)
    report = verify_bytes(signed, require_trusted=True)
    assert report.ok, report.text()
    assert ("identity: vouched for: the practice registered this certificate for "
            "Daniel K. Brenner (NPI 1548723018)") in report.text()
    by_root = sign_pdf(letter_pdf(1), practice_authority().physician, PASSWORD)
    assert "chains to a root the practice trusts" in verify_bytes(by_root).text()


@pytest.mark.postgresql_only
def test_a_shared_desk_verifies_with_the_practices_trust_not_its_own_old_copy(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pa-letter verify` starts on the desk's file. A desk on the practice's database asks
    the database: a root another desk's admin removed there no longer vouches here, and one
    added there does."""
    from sqlalchemy.engine import make_url

    from desktop_app.services.settings import load_practice_settings, save_practice_settings
    from desktop_app.storage.database_address import use_practice_url
    from desktop_app.storage.settings import SharedDatabase

    parsed = make_url(postgres_url)
    desk = SharedDatabase(host=parsed.host or "", port=parsed.port or 5432,
                          database=parsed.database or "", user=parsed.username or "",
                          tls_mode="disable")
    root = trusted_certificate_from_file(practice_authority().root_pem)
    monkeypatch.delenv("PA_LETTER_DB_URL", raising=False)
    use_practice_url(postgres_url)  # as the app does at start
    save_practice_settings(load_practice_settings())  # the practice trusts nobody extra

    stale = PracticeSettings(trusted_certificates=[root], database=desk)
    settings_path().write_text(stale.model_dump_json(), "utf-8")  # this desk's old copy
    use_practice_url(None)  # a new `pa-letter verify` process: the SQLite file until it asks
    assert practice_anchors().roots == ()  # removed at the practice: not vouched for here

    use_practice_url(postgres_url)
    shared = load_practice_settings()
    shared.trusted_certificates = [root]
    save_practice_settings(shared)
    settings_path().write_text(PracticeSettings(database=desk).model_dump_json(), "utf-8")
    use_practice_url(None)
    assert practice_anchors().roots == (practice_authority().root_der,)  # added at the practice


@pytest.mark.sqlite_only
def test_a_shared_desk_overridden_by_pa_letter_db_url_reads_the_file(
    monkeypatch: pytest.MonkeyPatch, trusting_settings: PracticeSettings
) -> None:
    from desktop_app.storage.settings import SharedDatabase

    with_desk = trusting_settings.model_copy(
        update={"database": SharedDatabase(host="127.0.0.1", port=1, user="nobody")})
    save_settings(with_desk)
    monkeypatch.setenv("PA_LETTER_DB_URL", f"sqlite:///{settings_path().parent}/cases.sqlite3")
    assert practice_anchors().roots == (practice_authority().root_der,)


def _signed_by_the_practice_root() -> bytes:
    from desktop_app.export.signing import sign_pdf

    return sign_pdf(letter_pdf(1), practice_authority().physician, PASSWORD)


@pytest.mark.sqlite_only
def test_a_shared_server_that_does_not_answer_is_said_beside_the_verdict(
    monkeypatch: pytest.MonkeyPatch, trusting_settings: PracticeSettings
) -> None:
    from desktop_app.services.trust import SERVER_UNREACHABLE
    from desktop_app.storage.settings import SharedDatabase

    monkeypatch.delenv("PA_LETTER_DB_URL", raising=False)
    save_settings(trusting_settings.model_copy(update={"database": SharedDatabase(
        host="127.0.0.1", port=1, database="practice", user="nobody", tls_mode="disable")}))
    report = verify_bytes(_signed_by_the_practice_root(), require_trusted=True)
    assert not report.ok and report.text().startswith("NOT VOUCHED FOR")
    assert report.text().endswith(SERVER_UNREACHABLE)
    assert "127.0.0.1" not in report.text() and "nobody" not in report.text()


@pytest.mark.sqlite_only
def test_a_damaged_settings_file_is_said_beside_the_verdict(
    trusting_settings: PracticeSettings,
) -> None:
    from desktop_app.services.trust import SETTINGS_UNREADABLE

    settings_path().write_text("{not json", "utf-8")
    text = verify_bytes(_signed_by_the_practice_root()).text()
    assert text.startswith("INTACT") and text.endswith(SETTINGS_UNREADABLE)


def test_readable_trust_adds_no_note(trusting_settings: PracticeSettings) -> None:
    assert "Note:" not in verify_bytes(_signed_by_the_practice_root()).text()
