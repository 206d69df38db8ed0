"""A long day in the real window, with command-line renders in between, loses nothing.

The window is driven for a few hundred operations (tests/ui/soak.py); then the database is
read by another process, as the next start of the app would read it, and every case, locked
version, export and audit entry is compared with what the window said. `make soak` runs the
same at a larger size.
"""

from __future__ import annotations

import collections
import os
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import audit
from desktop_app.ui import autosave
from desktop_app.ui.first_run import load_examples_if_first_run
from desktop_app.ui.signing.audit_dialog import ACTION_WORDS, AuditLogDialog
from desktop_app.ui.workers import wait_for_tasks
from tests.ui.soak import Claims, read_back, run_soak

OPERATIONS = int(os.environ.get("PA_LETTER_SOAK_OPERATIONS", "240"))
RENDERS = int(os.environ.get("PA_LETTER_SOAK_RENDERS", "3"))


def compare(claims: Claims, found: dict[str, Any]) -> None:
    """Every claim the window made is in the database; the log holds and counts the same."""
    assert found["verify"][0], found["verify"][1]
    cases = found["cases"]
    for case_id, claim in claims.cases.items():
        got = cases[case_id]
        assert got["status"] == claim["status"], case_id
        assert got["data"] == claim["data"], case_id
        assert got["locked"] == claim["locked"], case_id
        if case_id not in claims.deleted:
            assert got["revision"] == claim["revision"], case_id
        if claim["locked"]:
            assert got["versions"], case_id
    assert {c for c, v in cases.items() if v["deleted"]} == claims.deleted
    for case_id, count in claims.exports.items():
        assert cases[case_id]["exports"] == count, case_id
    actions = collections.Counter(action for _id, action, _case in found["entries"])
    assert actions["case.status"] == claims.done.get("status", 0)
    assert actions["case.appeal_started"] == claims.done.get("appeal", 0)
    assert actions["case.deleted"] == claims.done.get("delete", 0)
    assert actions["case.undeleted"] == claims.done.get("undo", 0)
    assert actions["letter.exported"] == sum(claims.exports.values())
    assert actions["letter.rendered"] == claims.renders


@pytest.mark.slow
def test_a_long_day_in_the_window_loses_nothing(
    store: Any, make_window: Any, qtbot: Any, tmp_path: Path, pa_letter_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(autosave, "AUTOSAVE_DELAY_MS", 40)
    load_examples_if_first_run(store)
    window = make_window(store)
    claims = run_soak(window, qtbot, tmp_path, operations=OPERATIONS, renders=RENDERS)
    assert sum(claims.done.values()) >= OPERATIONS // 3, claims.done
    assert {"type", "status", "appeal", "export", "delete"} <= set(claims.done), claims.done
    # The audit log as the window shows it, newest first.
    dialog = AuditLogDialog(window)
    shown = [dialog.table.item(row, 2).text() for row in range(dialog.table.rowCount())]
    dialog.close()
    window.close()  # saves what is open, as quitting does
    wait_for_tasks(10000)
    store.close()
    audit.close()
    found = read_back(pa_letter_home)
    compare(claims, found)
    newest = [ACTION_WORDS.get(action, action) for _id, action, _c in found["entries"]]
    assert shown == newest[: len(shown)], (shown[:5], newest[:5], len(shown), len(newest))
