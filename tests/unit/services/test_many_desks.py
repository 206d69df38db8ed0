"""Four desks on one PostgreSQL database for 30 seconds: nothing lost, the records still hold.

Each desk is its own process (tests/support/desk_worker.py) creating, editing, moving, signing
and logging cases, several of them shared so the desks collide. Afterwards every write a desk
was told succeeded is in the database, each collision was reported, the audit chain verifies
and every locked version is exactly the content that was signed.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from desktop_app.services import audit
from desktop_app.services.cases import open_case_store
from tests.unit.storage.sample import sample_case

pytestmark = [pytest.mark.postgresql_only, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[3]
DESKS = 4
SECONDS = float(os.environ.get("PA_LETTER_DESK_SECONDS", "30"))
SHARED_CASES = 5


def run_desks(url: str, home: Path, work: Path, seconds: float, desks: int) -> list[dict[str, Any]]:
    """Start the desks together, wait for them, and return what each says it did."""
    with open_case_store(url) as store:
        shared = [store.create_case(sample_case()).id for _ in range(SHARED_CASES)]
    (work / "shared.json").write_text(json.dumps(shared), "utf-8")
    env = {**os.environ, "PA_LETTER_DB_URL": url, "PA_LETTER_HOME": str(home),
           "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.desk_worker", f"desk{n}", str(seconds),
             str(work / "shared.json"), str(work / f"desk{n}.json")],
            env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True,
        )
        for n in range(desks)
    ]
    for process in processes:
        _, err = process.communicate(timeout=seconds + 120)
        assert process.returncode == 0, err[-2000:]
    return [json.loads((work / f"desk{n}.json").read_text("utf-8")) for n in range(desks)]


def test_four_desks_at_once_lose_nothing_and_the_records_hold(
    case_database: str, pa_letter_home: Path, tmp_path: Path
) -> None:
    records = run_desks(case_database, pa_letter_home, tmp_path, SECONDS, DESKS)
    writes = [w for r in records for w in r["writes"]]
    assert sum(r["conflicts"] for r in records) > 0, "the desks never collided: no test"
    assert sum(len(r["signed"]) for r in records) > 0
    assert sum(r["audit"] for r in records) > 0

    engine = create_engine(case_database)
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(text("SELECT id, revision, data FROM cases"))}
        versions = {(v.case_id, v.version): v for v in conn.execute(
            text("SELECT case_id, version, data, data_sha256 FROM case_versions"))}
    engine.dispose()

    by_case: dict[str, list[list[Any]]] = collections.defaultdict(list)
    for write in writes:
        by_case[write[0]].append(write)
    for case_id, case_writes in by_case.items():
        revisions = [w[1] for w in case_writes]
        # Two desks told "saved" at one revision would mean one save overwrote the other.
        assert len(revisions) == len(set(revisions)), f"a revision of {case_id} was written twice"
        created_here = any(w[2] == "create" for w in case_writes)
        # Every write bumps the revision by one: the count of writes is the final revision.
        assert rows[case_id].revision == len(revisions) + (0 if created_here else 1)
        saves = [w for w in case_writes if w[2] == "save"]
        if saves:
            last = max(saves, key=lambda w: w[1])
            assert f"Typed at desk {last[3]}." in json.loads(rows[case_id].data)[
                "off_label"]["rationale"]

    for case_id, version, digest in (s for r in records for s in r["signed"]):
        locked = versions[(case_id, version)]
        assert locked.data_sha256 == digest  # the content signed, exactly
        assert hashlib.sha256(locked.data.encode("utf-8")).hexdigest() == digest

    report = audit.verify_chain(url=case_database)
    assert report.ok, report.message
    audited = sum(r["audit"] for r in records)
    assert report.checked >= len(writes) + audited
