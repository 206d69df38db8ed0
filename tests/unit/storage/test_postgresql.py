"""The case store on a PostgreSQL server shared by several workstations.

The rest of the storage and services suite runs on PostgreSQL too (tests/support/databases.py);
these tests are about what only a shared server has: two workstations at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, EditConflict, open_case_store
from tests.unit.storage.sample import sample_case

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def pg_store(case_database: str) -> Iterator[CaseStore]:
    assert case_database.startswith("postgresql")
    with open_case_store() as store:
        yield store
    audit.close()


def test_cases_round_trip_and_conflict_on_postgresql(pg_store: CaseStore) -> None:
    created = pg_store.create_case(sample_case())
    with open_case_store() as other_workstation:
        other_workstation.save_case(created.id, sample_case(drug="nivolumab"), 1)
    with pytest.raises(EditConflict):
        pg_store.save_case(created.id, sample_case(drug="olaparib"), 1)
    assert [c.drug_name for c in pg_store.list_cases("ZOË")] == ["nivolumab"]
    assert pg_store.list_cases("50%") == []
    assert pg_store.get_case(created.id).updated_at.tzinfo is not None


def test_workflow_versions_and_audit_on_postgresql(pg_store: CaseStore) -> None:
    case_id = pg_store.create_case(sample_case()).id
    for status in ("ready_for_signature", "signed", "sent", "denied"):
        pg_store.set_status(case_id, status)
    appeal = pg_store.appeal_from_denied(case_id)
    assert appeal.parent_case_id == case_id
    pg_store.record_signature(
        case_id,
        signer_name="Dr. Ada Fictional",
        npi="1234567893",
        template_id="offlabel-preauth",
        template_version="3",
        pdf_sha256="f" * 64,
    )
    assert [v.version for v in pg_store.versions(case_id)] == [1]
    assert audit.verify_chain().ok


APPENDER = """
import sys
from desktop_app.services import audit
for n in range(int(sys.argv[1])):
    audit.record("letter.rendered", detail={"n": n, "writer": sys.argv[2]})
"""


def test_two_workstations_appending_at_once_keep_one_chain_on_postgresql(
    pg_store: CaseStore, pa_letter_home: object, case_database: str
) -> None:
    import os
    import subprocess
    import sys

    pg_store.create_case(sample_case())  # the key exists before the workstations start
    env = dict(os.environ, PA_LETTER_DB_URL=case_database, PA_LETTER_HOME=str(pa_letter_home))
    writers = [
        subprocess.Popen([sys.executable, "-c", APPENDER, "20", name], env=env,
                         stderr=subprocess.PIPE, text=True)
        for name in ("front-desk", "billing")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err[-500:]
    report = audit.verify_chain()
    assert report.ok, report.message
    assert report.checked == 1 + 40  # the case created, then both workstations in turn
