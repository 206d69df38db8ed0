"""The records as staff see them: File > Backups… restores a checked copy; the audit log viewer
gives the same verdict as `pa-letter audit verify`."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import audit
from desktop_app.services.backups import daily_backup_if_due
from desktop_app.ui.first_run import load_examples_if_first_run
from desktop_app.ui.signing.audit_dialog import AuditLogDialog
from tests.ui.conftest import click_in_next_dialog


@pytest.fixture
def examples_window(store: Any, make_window: Any) -> Any:
    load_examples_if_first_run(store)
    return make_window(store)


def test_file_backups_restores_the_chosen_copy_and_the_window_carries_on(
    examples_window: Any, qtbot: Any, pa_letter_home: Path
) -> None:
    window = examples_window
    backup = daily_backup_if_due(window.store.database)
    assert backup is not None
    names_then = sorted(s.patient_name for s in window.store.list_cases())
    first = window.store.list_cases()[0].id
    window.open_case(first)
    window.store.delete_case(first)  # a change made after the backup
    window.load_cases()
    dialog = window._open_backups()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Daily"
    seen = click_in_next_dialog("&Yes")
    assert dialog.restore_selected()
    assert "Changes made since that backup are not in it" in seen["text"]
    assert "Restored" in dialog.result.text()
    assert sorted(s.patient_name for s in window.store.list_cases()) == names_then
    assert window.list_pane.model.rowCount() == len(names_then)
    assert audit.verify_chain().ok
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Replaced by a restore" in kinds
    window.new_case()  # the window works on the restored database
    assert window.page.stored is not None
    dialog.close()


def test_audit_viewer_says_what_audit_verify_says(examples_window: Any,
                                                  pa_letter_home: Path) -> None:
    dialog = AuditLogDialog(examples_window)
    assert dialog.check_integrity()
    assert dialog.integrity.text() == audit.verify_chain().message
    conn = sqlite3.connect(pa_letter_home / "cases.sqlite3")
    conn.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    conn.commit()
    conn.close()
    assert not dialog.check_integrity()
    assert "newest 1 audit entry is missing" in dialog.integrity.text()
    assert dialog.integrity.text() == audit.verify_chain().message
    dialog.close()
