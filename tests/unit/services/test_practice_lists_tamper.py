"""The practice's payer directory, regimens and templates on a database server, changed
behind the app's back: a plan's fax number or a template's text edited by SQL is what the
next letter uses, so the log check must find it. Named by what it is, never by its content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.domain.case_treatment import Drug
from desktop_app.domain.payers import PayerEntry
from desktop_app.services import audit, payers, regimens
from desktop_app.services.templates import (
    delete_custom_template,
    duplicate_text,
    save_template_text,
    template_source,
)
from desktop_app.storage.audit_documents import LIST_DOCUMENTS, TEMPLATE_PREFIX, TEMPLATES_ACTION
from desktop_app.storage.database import open_database

NOW = "2026-12-01 10:00:00"
BAY_STATE = PayerEntry(name="Bay State Health Plan", plan_type="commercial_fully_insured",
                       state="MA", pa_fax="(617) 555-0188")
DRUG = Drug(generic_name="gemcitabine", start_date=dt.date(2026, 12, 3))


@pytest.fixture(autouse=True)
def shared_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PA_LETTER_AUDIT_KEY_FILE", str(tmp_path / "practice-audit.key"))


def _sql(statement: str, **params: object) -> None:
    db = open_database()
    with db.writing() as session:
        session.execute(text(statement), params)
    db.dispose()


def _broken(problem: str, *words: str) -> None:
    report = audit.verify_chain()
    assert not report.ok, "the change was not found"
    assert report.problem == problem, report.message
    for part in words:
        assert part in report.message
    assert "Bay State" not in report.message and "555" not in report.message


def _lists() -> None:
    payers.save_practice_payers([BAY_STATE])
    regimens.save_regimen("Gem/doce", DRUG, [])


def _templates() -> None:
    for new_id in ("coastal-preauth", "coastal-old"):
        save_template_text(duplicate_text(template_source("offlabel-preauth"), new_id,
                                          "Coastal request"), "shared")
    delete_custom_template("coastal-old", "shared")


@pytest.mark.no_database
def test_the_checked_names_are_the_ones_the_app_saves_under() -> None:
    from desktop_app.services.practice_templates import TEMPLATE_PREFIX as published_prefix
    from desktop_app.services.shared_lists import LIST_ACTIONS
    from desktop_app.storage.practice_lists import PAYERS_DOC, REGIMENS_DOC

    assert set(LIST_ACTIONS.values()) == set(LIST_DOCUMENTS)
    assert {name for name, _ in LIST_DOCUMENTS.values()} == {PAYERS_DOC, REGIMENS_DOC}
    assert published_prefix == TEMPLATE_PREFIX


def test_lists_saved_through_the_app_verify() -> None:
    """On the SQLite file the lists are files and their entries name no revision: no alarm."""
    _lists()
    payers.save_practice_payers([BAY_STATE, PayerEntry(name="Pine Tree Fictional Health")])
    regimens.remove_regimen("Gem/doce")
    report = audit.verify_chain()
    assert report.ok, report.message


@pytest.mark.postgresql_only
def test_templates_saved_and_deleted_through_the_app_verify() -> None:
    _lists()
    _templates()
    report = audit.verify_chain()
    assert report.ok, report.message


@pytest.mark.postgresql_only
@pytest.mark.parametrize(("name", "what"), list(LIST_DOCUMENTS.values()))
def test_an_edited_or_deleted_list_is_found(name: str, what: str) -> None:
    _lists()
    # A plan's fax number, or a regimen's name, as one UPDATE by hand would change it.
    _sql("UPDATE practice_documents SET content = replace(replace(content, '0188', '0199'), "
         "'Gem/doce', 'Gem/doc') WHERE name = :name", name=name)
    _broken("list", f"{what} was changed outside the app")
    _sql("DELETE FROM practice_documents WHERE name = :name", name=name)
    _broken("list", f"the audit log holds a save of {what}, but it is missing")


@pytest.mark.postgresql_only
def test_a_list_written_with_no_entry_is_found() -> None:
    name, what = LIST_DOCUMENTS["payer_directory.saved"]
    regimens.save_regimen("Gem/doce", DRUG, [])  # the log has entries, none for the directory
    _sql("INSERT INTO practice_documents (name, content, revision, updated_at, updated_by) "
         "VALUES (:name, '{\"payers\": []}', 1, :now, 'sql')", name=name, now=NOW)
    _broken("list", f"{what} was written outside the app")


@pytest.mark.postgresql_only
def test_an_earlier_release_s_list_entry_is_held_to_its_revision() -> None:
    """Entries written before the SHA-256 was sealed name the revision only: no false alarm."""
    from desktop_app.services.practice_data import shared_database
    from desktop_app.storage.audit import append_entry
    from desktop_app.storage.practice_documents import put_document

    database = shared_database()
    assert database is not None
    with database.writing() as session:
        revision = put_document(session, "payer-directory", '{"payers": []}', user="staff")
        append_entry(session, action="payer_directory.saved", user="staff",
                     detail={"change": "edited", "rows": 0, "revision": revision})
    assert audit.verify_chain().ok
    _sql("UPDATE practice_documents SET revision = revision + 1")
    _broken("list", "the practice's payer directory was changed outside the app")


@pytest.mark.postgresql_only
@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE practice_documents SET content = content || ' ' WHERE name = "
         "'template-file:coastal-preauth.letter'", "a template file was changed"),
        (f"INSERT INTO practice_documents (name, content, revision, updated_at, updated_by) "
         f"VALUES ('template-file:rogue.letter', 'x', 1, '{NOW}', 'sql')",
         "a template file was added"),
        ("DELETE FROM practice_documents WHERE name LIKE 'template-file:%versions%'",
         "a template file was removed"),
    ],
)
def test_a_template_changed_added_or_removed_by_sql_is_found(statement: str,
                                                             words: str) -> None:
    _templates()
    _sql(statement)
    _broken("template", "the practice's shared templates were changed outside the app", words)


@pytest.mark.postgresql_only
def test_templates_an_earlier_release_published_raise_no_false_alarm() -> None:
    """Earlier releases logged no publish: with none in the log, nothing is held against."""
    _lists()
    _sql("INSERT INTO practice_documents (name, content, revision, updated_at, updated_by) "
         f"VALUES ('template-file:coastal.letter', 'x', 1, '{NOW}', 'admin')")
    assert audit.verify_chain().ok
    assert TEMPLATES_ACTION == "practice_templates.published"
