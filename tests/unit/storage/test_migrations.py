"""A database written by the first release is upgraded on open and keeps every row.

On both databases: the SQLite file and PostgreSQL (an empty database on the test server).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from desktop_app.domain.casefile import case_to_dict
from desktop_app.services.cases import open_case_store
from desktop_app.storage.database_schema import alembic_config, current_revision, head_revision
from tests.unit.storage.sample import sample_case

CASE_ID = "3f1c2a9e-0000-4000-8000-000000000001"


@pytest.fixture
def empty_url(case_database: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A database with no tables at all, of this test's kind."""
    if case_database.startswith("postgresql"):
        return str(request.getfixturevalue("empty_postgres_url"))
    return f"sqlite:///{tmp_path / 'cases.sqlite3'}"


def _first_release_database(url: str, upgrade_to: str = "0001") -> str:
    """A database at revision 0001 with one case, a signed version and an export in it,
    then upgraded to `upgrade_to` as that release would have left it."""
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    data = json.dumps(case_to_dict(sample_case()))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (id, data, patient_name, drug_name, payer_name, letter_kind, "
                "status, created_at, updated_at, revision, version, locked) VALUES (:id, :data, "
                "'Zoë Ångström-Testperson', 'pembrolizumab', 'Bluebird Health Plan', 'preauth', "
                "'signed', '2025-01-05 10:00:00', '2025-01-06 11:30:00', 7, 1, :locked)"
            ),
            {"id": CASE_ID, "data": data, "locked": True},
        )
        conn.execute(
            text(
                "INSERT INTO case_versions (case_id, version, data, data_sha256, locked_at, "
                "reason, \"user\") VALUES (:id, 1, :data, 'abc', '2025-01-06 11:30:00', 'signed', "
                "'front desk')"
            ),
            {"id": CASE_ID, "data": data},
        )
        conn.execute(
            text(
                "INSERT INTO letter_exports (case_id, case_version, exported_at, format, "
                "template_id, template_version, template_hash, file_sha256, \"user\") VALUES "
                "(:id, 1, '2025-01-06 11:31:00', 'pdf', 'offlabel-preauth', '1', 'th', 'fh', "
                "'front desk')"
            ),
            {"id": CASE_ID},
        )
    if upgrade_to != "0001":
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), upgrade_to)
    engine.dispose()
    return url


def _earlier_revisions() -> list[str]:
    """Every revision before the newest, oldest first."""
    walked = ScriptDirectory.from_config(alembic_config()).walk_revisions()
    return [rev.revision for rev in reversed(list(walked))][:-1]


@pytest.mark.parametrize("revision", _earlier_revisions())
def test_opening_a_database_of_any_earlier_release_upgrades_it(
    empty_url: str, revision: str
) -> None:
    url = _first_release_database(empty_url, upgrade_to=revision)
    with open_case_store(url) as store:
        assert current_revision(store.database) == head_revision()
        [found] = store.list_cases("bluebird")
        assert found.id == CASE_ID and found.status == "signed"
        assert store.get_case(CASE_ID).case == sample_case()
        # The upgraded database takes new work.
        created = store.create_case(sample_case(drug="olaparib"))
        assert [c.id for c in store.list_cases("olaparib")] == [created.id]


def test_an_empty_database_is_created_at_the_newest_schema(empty_url: str) -> None:
    with open_case_store(empty_url) as store:
        assert current_revision(store.database) == head_revision()
        assert store.is_empty()


def test_opening_an_old_database_upgrades_it_and_keeps_the_cases(empty_url: str) -> None:
    url = _first_release_database(empty_url)
    with open_case_store(url) as store:
        assert current_revision(store.database) == head_revision()
        # The new search column was filled from the old rows, non-ASCII included.
        [found] = store.list_cases("zoë ÅNGSTRÖM")
        assert found.id == CASE_ID
        assert found.status == "signed" and found.revision == 7
        assert found.updated_at == dt.datetime(2025, 1, 6, 11, 30, tzinfo=dt.UTC)
        stored = store.get_case(CASE_ID)
        assert stored.case == sample_case()
        assert stored.locked
        assert [v.version for v in store.versions(CASE_ID)] == [1]
        assert [e.template_id for e in store.exports(CASE_ID)] == ["offlabel-preauth"]
        # The table the upgrade added works.
        store.record_signature(
            CASE_ID,
            signer_name="Dr. Ada Fictional",
            npi="1234567893",
            template_id="offlabel-preauth",
            template_version="1",
            pdf_sha256="ab" * 32,
        )
        assert len(store.signatures(CASE_ID)) == 1


def test_upgrade_can_be_rolled_back_and_repeated(empty_url: str) -> None:
    url = _first_release_database(empty_url)
    open_case_store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
    with engine.connect() as conn:
        assert "signatures" not in inspect(conn).get_table_names()
    engine.dispose()
    with open_case_store(url) as store:
        assert [c.id for c in store.list_cases("bluebird")] == [CASE_ID]


def test_upgrade_lets_old_cases_be_found_by_member_id_and_birth_date(empty_url: str) -> None:
    url = _first_release_database(empty_url)
    with open_case_store(url) as store:
        assert [c.id for c in store.list_cases("XQZ000111")] == [CASE_ID]
        assert [c.id for c in store.list_cases("07/14/1961")] == [CASE_ID]
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002")
        searched = conn.execute(text("SELECT search_text FROM cases")).scalar_one()
    engine.dispose()
    assert searched == "zoë ångström-testperson\npembrolizumab\nbluebird health plan"
