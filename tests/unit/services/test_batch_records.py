"""Batch: one audit entry per letter written, over one database connection for the batch, with
the letters that finish together recorded in one transaction."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event

from desktop_app.services import audit, batch_pool
from desktop_app.services.batch import render_batch

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_each_letter_written_has_its_entry_and_one_connection_serves_the_batch(
    tmp_path: Path,
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("commercial-preauth.json", "part-d-request.json",
                 "medicare-draft-needs-work.json"):  # the last is refused: errors stand
        shutil.copy(EXAMPLES / name, cases / name)
    audit.require_database()
    database = audit._database(None)
    connections: list[object] = []
    event.listen(database.engine, "connect", lambda *_a: connections.append(1))
    try:
        results = render_batch(sorted(cases.glob("*.json")), tmp_path / "out", "pdf")
        written = [r for r in results if r.status == "written"]
        assert len(written) == 2 and len(results) == 3
        entries = [e for e in audit.entries(20) if e.action == "letter.rendered"]
        assert len(entries) == 2
        assert {e.detail["sha256"] for e in entries} == {
            hashlib.sha256(r.output.read_bytes()).hexdigest()
            for r in written if r.output
        }
        assert all(e.detail["batch"] is True for e in entries)
        assert len(connections) <= 1  # the connection opened first is reused for every entry
        assert audit.verify_chain().ok
        assert not list((tmp_path / "out").glob(".part-*"))
    finally:
        audit.close()


def test_letters_the_workers_make_are_recorded_together_each_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for number in range(12):
        shutil.copy(EXAMPLES / "commercial-preauth.json", cases / f"case-{number:02}.json")
    monkeypatch.setattr(batch_pool, "GROUP_SECONDS", 600.0)  # however slow the machine
    recorded: list[int] = []
    real = batch_pool.finish_items
    monkeypatch.setattr(batch_pool, "finish_items",
                        lambda items: (recorded.append(len(items)), real(items))[1])
    try:
        results = render_batch(sorted(cases.glob("*.json")), tmp_path / "out", "pdf", jobs=2)
        assert [r.status for r in results] == ["written"] * 12
        assert recorded == [12]  # one transaction, not one per letter
        entries = [e for e in audit.entries(50) if e.action == "letter.rendered"]
        assert len(entries) == 12
        assert not list((tmp_path / "out").glob(".part-*"))
    finally:
        audit.close()
