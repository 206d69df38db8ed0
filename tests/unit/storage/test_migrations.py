"""A database written by the first release is upgraded on open and keeps every row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from desktop_app.domain.casefile import case_to_dict
from desktop_app.services.cases import open_case_store
from desktop_app.storage.database import alembic_config, current_revision, head_revision
from tests.unit.storage.sample import sample_case

CASE_ID = "3f1c2a9e-0000-4000-8000-000000000001"


def _first_release_database(path: Path) -> str:
    """A database at revision 0001 with one case, a signed version and an export in it."""
    url = f"sqlite:///{path}"
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
                "'signed', '2025-01-05 10:00:00', '2025-01-06 11:30:00', 7, 1, 1)"
            ),
            {"id": CASE_ID, "data": data},
        )
        conn.execute(
            text(
                "INSERT INTO case_versions (case_id, version, data, data_sha256, locked_at, "
                "reason, user) VALUES (:id, 1, :data, 'abc', '2025-01-06 11:30:00', 'signed', "
                "'front desk')"
            ),
            {"id": CASE_ID, "data": data},
        )
        conn.execute(
            text(
                "INSERT INTO letter_exports (case_id, case_version, exported_at, format, "
                "template_id, template_version, template_hash, file_sha256, user) VALUES "
                "(:id, 1, '2025-01-06 11:31:00', 'pdf', 'offlabel-preauth', '1', 'th', 'fh', "
                "'front desk')"
            ),
            {"id": CASE_ID},
        )
    engine.dispose()
    return url


def test_opening_an_old_database_upgrades_it_and_keeps_the_cases(tmp_path: Path) -> None:
    url = _first_release_database(tmp_path / "cases.sqlite3")
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


def test_upgrade_can_be_rolled_back_and_repeated(tmp_path: Path) -> None:
    url = _first_release_database(tmp_path / "cases.sqlite3")
    open_case_store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
    with engine.connect() as conn:
        assert "signatures" not in inspect(conn).get_table_names()
    engine.dispose()
    with open_case_store(url) as store:
        assert [c.id for c in store.list_cases("bluebird")] == [CASE_ID]


def test_upgrade_lets_old_cases_be_found_by_member_id_and_birth_date(tmp_path: Path) -> None:
    url = _first_release_database(tmp_path / "cases.sqlite3")
    with open_case_store(url) as store:
        assert [c.id for c in store.list_cases("XQZ000111")] == [CASE_ID]
        assert [c.id for c in store.list_cases("07/14/1961")] == [CASE_ID]
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002")
        searched = conn.execute(text("SELECT search_text FROM cases")).scalar_one()
    engine.dispose()
    assert searched == "zoë ångström-testperson\npembrolizumab\nbluebird health plan"
