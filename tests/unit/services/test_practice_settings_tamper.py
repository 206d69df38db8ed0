"""The practice's shared settings on a database server, changed behind the app's back: a
certificate registered for a physician by SQL is what `verify` would vouch by, so the log
check must find it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from desktop_app.services import audit
from desktop_app.services.settings import (
    DirectoryPrescriber,
    load_practice_settings,
    save_practice_settings,
)
from desktop_app.storage.audit_practice import SETTINGS_DOCUMENT
from desktop_app.storage.database import open_database


def _sql(statement: str, **params: object) -> None:
    db = open_database()
    with db.writing() as session:
        session.execute(text(statement), params)
    db.dispose()


def test_the_document_name_is_the_one_the_settings_are_saved_under() -> None:
    from desktop_app.services.practice_data import SETTINGS_DOC

    assert SETTINGS_DOC == SETTINGS_DOCUMENT


@pytest.mark.postgresql_only
def test_a_certificate_registered_by_sql_is_found() -> None:
    settings = load_practice_settings()
    settings.prescribers = [DirectoryPrescriber(name="Dr. Ada Fictional", npi="1234567893")]
    save_practice_settings(settings)
    assert audit.verify_chain().ok
    db = open_database()
    with db.reading() as session:
        content = session.execute(text("SELECT content FROM practice_documents WHERE name = "
                                       ":name"), {"name": SETTINGS_DOCUMENT}).scalar_one()
    db.dispose()
    document = json.loads(content)
    document["prescribers"][0]["certificates"] = [
        {"fingerprint": "ab" * 32, "subject": "CN=Dr. Ada Fictional", "not_after": "2030-01-01"}
    ]
    _sql("UPDATE practice_documents SET content = :content WHERE name = :name",
         content=json.dumps(document), name=SETTINGS_DOCUMENT)
    report = audit.verify_chain()
    assert not report.ok and report.problem == "settings"
    assert "the practice's shared settings" in report.message
    assert "were changed outside the app" in report.message
    _sql("DELETE FROM practice_documents")
    assert "that the audit log holds are missing" in audit.verify_chain().message
