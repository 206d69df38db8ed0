"""Version history and the audit log viewer, as staff and physicians use them."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop_app.services.cases import CaseStore
from desktop_app.services.sign_case import SignOrder, sign_case
from desktop_app.services.signing import SigningRequest
from desktop_app.storage.paths import data_home
from desktop_app.ui.signing.audit_dialog import AuditLogDialog
from desktop_app.ui.signing.history import VersionHistoryDialog
from desktop_app.ui.workers import wait_for_tasks
from tests.support.certs import PASSWORD, certificates
from tests.ui.conftest import click_in_next_dialog
from tests.unit.services.test_sign_case_fixtures import (
    BRENNER,
    allow_typed_name_signatures,
    ready_case,
)


@pytest.fixture(autouse=True)
def typed_names_allowed() -> None:
    """Some letters here are signed by typed name, which a practice must allow in Settings."""
    allow_typed_name_signatures()


def signed_case(store: CaseStore, tmp_path: Path, digital: bool = False) -> str:
    case_id = ready_case(store, tmp_path)
    request = SigningRequest(certificates().brenner, PASSWORD) if digital else None
    sign_case(store, case_id, SignOrder(BRENNER, tmp_path / "signed.pdf", certificate=request))
    return case_id


def test_history_shows_the_signed_version_and_views_it_read_only(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    case_id = signed_case(store, tmp_path)
    dialog = VersionHistoryDialog(store, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    text = dialog.list.item(0).text()
    assert "Version 1 (locked, current)" in text
    assert "signed by Daniel K. Brenner, MD, PhD (NPI 1548723018)" in text
    assert "offlabel-preauth" in text
    assert dialog.new_button.isEnabled()
    viewer = dialog.view_selected()
    assert viewer is not None
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.pdf.page_count() > 0, timeout=20000)
    assert viewer.pdf.page_count() == len(PdfReader(tmp_path / "signed.pdf").pages)
    assert "read-only" in viewer.windowTitle()
    assert "signed" in viewer.windowTitle()


def test_starting_a_new_version_keeps_the_signed_one(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    case_id = signed_case(store, tmp_path)
    dialog = VersionHistoryDialog(store, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    seen = click_in_next_dialog("&Yes")
    with qtbot.waitSignal(dialog.new_version_started, timeout=5000) as signal:
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert signal.args == [case_id]
    assert "stays locked" in seen["text"]
    assert dialog.list.count() == 2
    assert dialog.list.item(0).text() == "Version 2 (being edited, current)"
    assert "Version 1 (locked)" in dialog.list.item(1).text()
    assert not dialog.new_button.isEnabled()
    stored = store.get_case(case_id)
    assert (stored.version, stored.locked, stored.status) == (2, False, "draft")
    dialog.list.setCurrentRow(0)  # the draft version can be looked at too
    viewer = dialog.view_selected()
    assert viewer is not None
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.pdf.page_count() > 0, timeout=20000)
    assert "being edited" in viewer.windowTitle()
    wait_for_tasks(2000)


def test_audit_log_lists_signing_with_hashes_and_checks_the_chain(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    case_id = signed_case(store, tmp_path, digital=True)
    dialog = AuditLogDialog(None, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = [
        [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
        for r in range(dialog.table.rowCount())
    ]
    actions = [row[2] for row in rows]
    assert "Letter signed" in actions
    assert "Version locked" in actions
    signed_row = rows[actions.index("Letter signed")]
    sha = store.signatures(case_id)[0].pdf_sha256
    assert f"SHA-256 {sha[:12]}…" in signed_row[4]
    assert "Priya" not in repr(rows)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.integrity.text()
    assert "#006400" in dialog.integrity.styleSheet()
    message = dialog.verify(tmp_path / "signed.pdf")
    assert message.startswith("INTACT")
    assert dialog.table.item(0, 2).text() == "Signature checked"


def test_a_tampered_audit_log_is_reported(qtbot: Any, store: CaseStore, tmp_path: Path) -> None:
    signed_case(store, tmp_path)
    database = sqlite3.connect(data_home() / "cases.sqlite3")
    with database:
        database.execute(
            "UPDATE audit_log SET user = 'someone else' WHERE action = 'letter.signed'"
        )
    database.close()
    dialog = AuditLogDialog()
    qtbot.addWidget(dialog)
    assert not dialog.check_integrity()
    assert "#a00000" in dialog.integrity.styleSheet()
    assert dialog.integrity.text()


def test_checking_a_file_that_is_not_a_pdf_says_so(qtbot: Any, tmp_path: Path) -> None:
    dialog = AuditLogDialog()
    qtbot.addWidget(dialog)
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"plain text, not a PDF")
    assert "not a PDF" in dialog.verify(notes)


@pytest.mark.parametrize(
    ("detail", "words"),
    [
        ({"before": "draft", "after": "ready_for_signature"}, "Draft → Ready for signature"),
        ({"format": "pdf", "template": "offlabel-appeal", "template_version": "1.2.0",
          "sha256": "ab" * 32, "override": True},
         "PDF; template offlabel-appeal v1.2.0; SHA-256 abababababab…; override reason given"),
        ({"format": "docx", "template": "t", "template_version": "1", "override": False},
         "DOCX; template t v1"),
        ({"status": "draft", "parent": None}, "status Draft"),
        ({"source": "84b70699-1111-2222"}, "copied from case 84b70699"),
        ({"sha256": "cd" * 32, "result": "altered", "whole_file": False},
         "SHA-256 cdcdcdcdcdcd…; result altered; signature does NOT cover the whole file"),
        ({"count": 6}, "cases 6"),
        ({"odd_key": "<b>x</b>"}, "odd key <b>x</b>"),
        ({}, ""),
    ],
)
def test_audit_details_read_as_words(detail: dict[str, object], words: str) -> None:
    from desktop_app.ui.signing.audit_dialog import detail_words

    assert detail_words(detail) == words


def test_history_shows_verify_verdicts_for_a_digitally_signed_version(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    case_id = signed_case(store, tmp_path, digital=True)
    dialog = VersionHistoryDialog(store, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Signature check:" in dialog.list.item(0).text(), timeout=20000)
    text = dialog.list.item(0).text()
    assert "Signature check: INTACT: signed by Daniel K. Brenner, MD" in text
    assert "identity: identity not vouched for: the certificate is self-signed" in text
    viewer = dialog.view_selected()
    assert viewer is not None
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: "Signature check: INTACT" in viewer.note.text(), timeout=20000)
